package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes and reads the arrays of the moments in {@link MomentsCodec}'s format: doubles in big-endian order,
 * an array's elements in row-major order, a symmetric matrix as its upper triangle (row by row, diagonal
 * included), so that d × d co-moments cost d(d + 1)/2 doubles. The arrays come to the host through
 * {@link HostTransfer} (counted there) and go back to the backend by assignment into the accumulator's own
 * arrays, which keeps them detached and keeps their views valid.
 */
final class MomentIo {

    private MomentIo() {
    }

    /** Writes every element of an array. */
    static void write(DataOutput out, INDArray array) throws IOException {
        writeDoubles(out, HostTransfer.vector(array, array.length()));
    }

    /** Writes the upper triangle of a symmetric d × d matrix (both triangles current). */
    static void writeUpperTriangle(DataOutput out, INDArray square) throws IOException {
        int d = (int) square.rows();
        double[] all = HostTransfer.vector(square, (long) d * d);
        double[] upper = new double[d * (d + 1) / 2];
        int k = 0;
        for (int i = 0; i < d; i++) {
            System.arraycopy(all, i * d + i, upper, k, d - i);
            k += d - i;
        }
        writeDoubles(out, upper);
    }

    /** Reads {@code target.length()} elements into an array, in row-major order. */
    static void read(DataInput in, INDArray target) throws IOException {
        double[] values = readDoubles(in, (int) target.length());
        target.assign(Nd4j.createFromArray(values).reshape(target.shape()).castTo(target.dataType()));
    }

    /** Reads an upper triangle into a symmetric d × d matrix, filling both triangles. */
    static void readUpperTriangle(DataInput in, INDArray square) throws IOException {
        int d = (int) square.rows();
        double[] upper = readDoubles(in, d * (d + 1) / 2);
        double[] all = new double[d * d];
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                all[i * d + j] = upper[k];
                all[j * d + i] = upper[k];
                k++;
            }
        }
        square.assign(Nd4j.create(all, new long[] {d, d}, DataType.DOUBLE));
    }

    /** @return the bytes of a symmetric d × d matrix's upper triangle */
    static long upperTriangleBytes(long d) {
        return d * (d + 1) / 2 * Double.BYTES;
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        buffer.asDoubleBuffer().put(values);
        out.write(buffer.array());
    }

    private static double[] readDoubles(DataInput in, int count) throws IOException {
        byte[] bytes = new byte[count * Double.BYTES];
        in.readFully(bytes);
        double[] values = new double[count];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }
}
