package io.github.richness.moments;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Strided views of diagonals, so that a trace or a diagonal check costs no copy of a matrix. */
public final class Diagonals {

    private Diagonals() {
    }

    /**
     * A view of the diagonal of a square block of a contiguous row-major square matrix.
     *
     * @param square a contiguous 'c'-ordered d × d matrix (not a view)
     * @param offset the first row (and column) of the block
     * @param size the block's size
     * @return a strided view of the block's {@code size} diagonal elements
     * @throws IllegalArgumentException if {@code square} is not a contiguous 'c'-ordered square matrix
     */
    public static INDArray of(INDArray square, long offset, long size) {
        if (square.rank() != 2 || square.rows() != square.columns() || square.isView() || square.ordering() != 'c') {
            throw new IllegalArgumentException("expected a contiguous 'c'-ordered square matrix");
        }
        long d = square.rows();
        long start = offset * (d + 1);
        INDArray flat = square.reshape(d * d);
        if (size == 1) {
            return flat.get(NDArrayIndex.interval(start, start + 1));
        }
        long end = start + (size - 1) * (d + 1) + 1;
        return flat.get(NDArrayIndex.interval(start, d + 1, end));
    }

    /**
     * @param square a contiguous 'c'-ordered square matrix
     * @return a view of its whole diagonal
     */
    public static INDArray of(INDArray square) {
        return of(square, 0, square.rows());
    }
}
