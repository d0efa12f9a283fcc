package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The count n, mean μ and centred co-moment M = Σ (z − μ)(z − μ)ᵀ of samples z of width d, merged with
 * Chan, Golub and LeVeque's pairwise update M = M_a + M_b + δδᵀ n_a n_b / n, δ = μ_b − μ_a, where each
 * minibatch is centred on its own mean first. This keeps centred quantities
 * exact to rounding even when the means are large compared with the spread, unlike raw sums minus n μμᵀ.
 *
 * <p>The minibatch term Σ (z − μ_b)(z − μ_b)ᵀ + w δδᵀ, the O(n d²) part of the cost, is one symmetric
 * rank-(n_b + 1) update of the centred rows and the row √w δ, done by the backend's {@link SymmetricKernels}
 * (on the CPU backend OpenBLAS's {@code dsyrk}, which fills one triangle only).
 *
 * <p>Invariants, each kept in one place:
 * <ul>
 *   <li>the mean and the co-moment are detached, allocated once, and only ever changed in place, so the
 *       {@link BlockViews} built on them stay valid for the object's lifetime;</li>
 *   <li>{@code symmetric} is false exactly while only the kernels' triangle is current; every read of the
 *       co-moment goes through {@link #symmetricComoment()}, which completes the other triangle;</li>
 *   <li>the remembered block norms are cleared by {@link #changed()}, which every mutation calls.</li>
 * </ul>
 * Not thread-safe.
 */
final class CentredMoments {

    private final MomentLayout layout;
    private final SymmetricKernels kernels;
    private final INDArray mean;
    private final INDArray comoment;
    private final INDArray wholeDiagonal;
    private final BlockViews views;
    private final double[] centredNorms = new double[Block.values().length];
    private long count;
    private boolean symmetric = true;

    /**
     * @param layout the blocks of the samples
     * @param kernels the kernels of the rank-k updates
     */
    CentredMoments(MomentLayout layout, SymmetricKernels kernels) {
        this.layout = layout;
        this.kernels = kernels;
        int d = layout.totalWidth();
        try (MemoryWorkspace ignored = Scratch.detached()) {
            this.mean = Nd4j.zeros(DataType.DOUBLE, d);
            this.comoment = Nd4j.zeros(DataType.DOUBLE, d, d);
            this.wholeDiagonal = Diagonals.of(comoment);
        }
        this.views = new BlockViews(layout, mean, comoment);
        changed();
    }

    /**
     * Chan's update with a {@link MinibatchBuffer#centre() centred} minibatch, whose spare row holds its mean
     * μ_b: the row becomes δ = μ_b − μ, moves the mean by δ n_b / n, and is then scaled to √w δ,
     * w = n_a n_b / n, so that the single rank-(n_b + 1) update adds Σ (z − μ_b)(z − μ_b)ᵀ and the correction
     * w δδᵀ in one pass over the co-moment. Every step is in place: no array is created.
     *
     * @param batch the centred minibatch; its spare row is overwritten
     */
    void add(MinibatchBuffer batch) {
        long rows = batch.rows();
        long total = count + rows;
        INDArray spare = batch.spareRow();
        spare.subi(mean).muli((double) rows / total);
        mean.addi(spare);
        spare.muli(Math.sqrt((double) count * total / rows));
        kernels.addGram(batch.withSpareRow(), comoment);
        symmetric = false;
        count = total;
        changed();
    }

    /**
     * Adds another set of samples: M = M_a + M_b + w δδᵀ.
     *
     * @param other moments of the same layout
     */
    void merge(CentredMoments other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        INDArray delta = other.mean.sub(mean).reshape(1, mean.length());
        comoment.addi(other.symmetricComoment());
        if (count > 0) {
            Nd4j.gemm(delta, delta, comoment, true, false, (double) count * other.count / total, 1.0);
        }
        mean.addi(delta.reshape(mean.length()).muli((double) other.count / total));
        count = total;
        changed();
    }

    /** Forgets everything accumulated, keeping the arrays. */
    void reset() {
        count = 0;
        mean.assign(0);
        comoment.assign(0);
        symmetric = true;
        changed();
    }

    /** @return n */
    long count() {
        return count;
    }

    /** @return the d-vector μ (do not modify) */
    INDArray mean() {
        return mean;
    }

    /** @return the block's part of μ (a view; do not modify) */
    INDArray mean(Block block) {
        return views.mean(block);
    }

    /** @return the co-moment's (a, b) block, symmetric part completed (a view; do not modify) */
    INDArray centred(Block a, Block b) {
        symmetricComoment();
        return views.block(a, b);
    }

    /** @return ‖M_bb‖_F, remembered until the moments change (one scalar transfer the first time) */
    double centredNorm(Block block) {
        int i = block.ordinal();
        if (Double.isNaN(centredNorms[i])) {
            centredNorms[i] = HostTransfer.scalar(centred(block, block).norm2());
        }
        return centredNorms[i];
    }

    /** @return a new array Σ a bᵀ = M_ab + n μ_a μ_bᵀ */
    INDArray uncentred(Block a, Block b) {
        INDArray result = centred(a, b).dup();
        Nd4j.gemm(views.meanColumn(a), views.meanRow(b), result, false, false, count, 1.0);
        return result;
    }

    /** @return the diagonal of M_bb, strided (a view; do not modify) */
    INDArray diagonal(Block block) {
        symmetricComoment();
        return views.diagonal(block);
    }

    /**
     * @return the blocks whose mean or co-moment trace is not finite; two scalar transfers when all are finite,
     *         two more per block otherwise
     */
    Set<Block> nonFiniteBlocks() {
        Set<Block> bad = EnumSet.noneOf(Block.class);
        symmetricComoment();
        if (finite(mean, wholeDiagonal)) {
            return bad;
        }
        for (Block block : Block.values()) {
            if (layout.has(block) && !finite(views.mean(block), views.diagonal(block))) {
                bad.add(block);
            }
        }
        return bad;
    }

    /**
     * @param width the number of leading columns (the first blocks of the layout)
     * @return the co-moment's leading width × width block, both triangles current (a view; do not modify)
     */
    INDArray leading(int width) {
        return symmetricComoment().get(NDArrayIndex.interval(0, width), NDArrayIndex.interval(0, width));
    }

    /** @return the whole co-moment with both triangles current */
    INDArray symmetricComoment() {
        if (!symmetric) {
            kernels.symmetrize(comoment);
            symmetric = true;
        }
        return comoment;
    }

    private static boolean finite(INDArray means, INDArray diagonal) {
        return Double.isFinite(HostTransfer.scalar(means.sum())) && Double.isFinite(HostTransfer.scalar(diagonal.sum()));
    }

    /** The one place where what is remembered about the moments is forgotten. */
    private void changed() {
        Arrays.fill(centredNorms, Double.NaN);
    }

    /**
     * Writes the state for {@link MomentsCodec}: n, then (when n > 0) μ and the upper triangle of M.
     *
     * @param out where to write
     * @throws IOException if the output fails
     */
    void writeTo(DataOutput out) throws IOException {
        write(out, count, mean, count > 0 ? symmetricComoment() : null);
    }

    /**
     * Writes moments in the form of {@link #writeTo}.
     *
     * @param out where to write
     * @param n the count
     * @param mean μ (unused when n = 0)
     * @param comoment M, symmetric (unused when n = 0)
     * @throws IOException if the output fails
     */
    static void write(DataOutput out, long n, INDArray mean, INDArray comoment) throws IOException {
        out.writeLong(n);
        if (n > 0) {
            MomentIo.write(out, mean);
            MomentIo.writeUpperTriangle(out, comoment);
        }
    }

    /**
     * Reads moments written in the form of {@link #writeTo} into arrays of the right shape, leaving them
     * untouched when the count is 0.
     *
     * @param in where to read
     * @param mean receives μ
     * @param comoment receives M, both triangles
     * @return the count
     * @throws IOException if the input fails or ends early, or the count is negative
     */
    static long read(DataInput in, INDArray mean, INDArray comoment) throws IOException {
        long n = in.readLong();
        if (n < 0) {
            throw new IOException("negative sample count " + n);
        }
        if (n > 0) {
            MomentIo.read(in, mean);
            MomentIo.readUpperTriangle(in, comoment);
        }
        return n;
    }

    /**
     * Replaces the state with one written by {@link #writeTo} for the same layout.
     *
     * @param in where to read
     * @throws IOException if the input fails or ends early
     */
    void readFrom(DataInput in) throws IOException {
        reset();
        count = read(in, mean, comoment);
        changed();
    }

    /**
     * @param d the sample width
     * @return the bytes {@link #writeTo} writes for a non-empty accumulator of that width
     */
    static long encodedBytes(long d) {
        return Long.BYTES + d * Double.BYTES + MomentIo.upperTriangleBytes(d);
    }
}
