package io.github.richness.moments;

import io.github.richness.device.SymmetricKernels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The compact binary form of a {@link ProbeMoments}, for moving moments between machines (a distributed
 * measurement ships one per partition instead of any activation): {@link #decode} of {@link #encode} gives an
 * accumulator that analyses and {@link ProbeMoments#merge merges} exactly as the original, every double kept
 * bit for bit.
 *
 * <p>Format (version {@value #VERSION}, big-endian): the magic {@code RMOM}, the version byte, the layout
 * (p, C, t as ints, then whether reference features and class statistics are kept), the unit round-off of each
 * block's input (4 doubles), the count n, the mean μ (d doubles) and the upper triangle of the centred
 * co-moment M (d(d + 1)/2 doubles, d = p + C + t (+ p)); with outputs the row-norm sums of the unbiased HSIC
 * (the centre, R and S: 3(p + C) + 4 doubles); with class statistics the t class counts and then either each
 * class's count, mean and co-moment triangle (p(p + 1)/2 + p doubles and a long per class present, a long per
 * class absent) or the t × p class sums. Without samples only the header, the round-offs, n = 0 and the zero
 * class counts are written; with samples of every class the size is {@link #maxEncodedBytes(MomentLayout)},
 * O(d² + t p²) however many samples were accumulated.
 */
public final class MomentsCodec {

    /** The version this class writes and reads. */
    public static final int VERSION = 1;

    private static final int MAGIC = 0x524D4F4D;
    private static final int HEADER_BYTES = Integer.BYTES + 1 + 3 * Integer.BYTES + 2;

    private MomentsCodec() {
    }

    /**
     * @param moments the moments to write (not changed, except that the co-moment's second triangle is completed)
     * @return their binary form
     */
    public static byte[] encode(ProbeMoments moments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            MomentLayout layout = moments.layout();
            out.writeInt(layout.features());
            out.writeInt(layout.outputs());
            out.writeInt(layout.targets());
            out.writeBoolean(layout.reference());
            out.writeBoolean(layout.classStatistics());
            moments.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write moments to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes the output of {@link #encode}
     * @return a new accumulator holding the same moments, using the loaded backend's fastest kernels
     * @throws IllegalArgumentException if the bytes are not moments of this format, or are cut short
     */
    public static ProbeMoments decode(byte[] bytes) {
        return decode(bytes, SymmetricKernels.forBackend());
    }

    /**
     * @param bytes the output of {@link #encode}
     * @param kernels the kernels of the new accumulator's later updates
     * @return a new accumulator holding the same moments
     * @throws IllegalArgumentException if the bytes are not moments of this format, or are cut short
     */
    public static ProbeMoments decode(byte[] bytes, SymmetricKernels kernels) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not encoded moments (no RMOM header)");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("moments of format version " + version + "; this library reads "
                        + VERSION);
            }
            MomentLayout layout = new MomentLayout(in.readInt(), in.readInt(), in.readInt(), in.readBoolean(),
                    in.readBoolean());
            ProbeMoments moments = new ProbeMoments(layout, kernels);
            moments.readFrom(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes left after the moments of " + layout);
            }
            return moments;
        } catch (EOFException e) {
            throw new IllegalArgumentException("encoded moments cut short (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read encoded moments: " + e.getMessage(), e);
        }
    }

    /**
     * @param layout a layout
     * @return the size of {@link #encode}'s output for moments of that layout with samples of every class
     */
    public static long maxEncodedBytes(MomentLayout layout) {
        long bytes = HEADER_BYTES + 4L * Double.BYTES + CentredMoments.encodedBytes(layout.totalWidth());
        if (layout.has(Block.OUTPUTS)) {
            bytes += RowNormSums.encodedBytes(layout);
        }
        if (layout.classStatistics()) {
            bytes += ClassStatistics.encodedBytes(layout, layout.targets());
        }
        return bytes;
    }
}
