package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigendecomposition A = V diag(λ) Vᵀ of a symmetric matrix on the ND4J backend, eigenvalues in
 * descending order.
 *
 * <p>Runs the {@link SymmetricKernels} eigensolver (LAPACK's divide-and-conquer {@code dsyevd} on the CPU
 * backend, the backend's own {@code syev} elsewhere) in double precision on a copy of −A, whose ascending
 * eigenvalues are A's in descending order, so no reordering copy is needed. A symmetric matrix is its own
 * transpose, so the copy is made in the input's own order (a plain contiguous copy, where a column-major
 * copy of a row-major matrix is a transposing, cache-unfriendly one) and its buffer is then read as the
 * column-major matrix the eigensolver overwrites with its eigenvectors. {@link #decompose} leaves its input
 * as it was; {@link #decomposeOverwriting} works in the caller's own copy. A singular or indefinite matrix
 * is fine: its eigenvalues are returned as computed (round-off can make zero eigenvalues slightly negative;
 * callers decide what is numerically zero).
 */
final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /**
     * Eigenvalues (descending, length k, on the host: k is a feature, output or target width) and
     * eigenvectors (k × k, column i belongs to eigenvalue i, in the backend's memory).
     */
    record Decomposition(double[] values, INDArray vectors) {
    }

    /**
     * @param symmetric a k × k symmetric matrix (one triangle of it is read); not modified
     * @param kernels the eigensolver to use
     * @return the decomposition; the eigenvectors in a new double-precision array
     * @throws ArithmeticException if LAPACK reports that the iteration did not converge
     */
    static Decomposition decompose(INDArray symmetric, SymmetricKernels kernels) {
        return negatedInPlace(symmetric.castTo(DataType.DOUBLE).neg(), kernels);
    }

    /**
     * The same without a copy, for a matrix the caller made for this purpose (such as a fresh uncentred
     * moment): its buffer is overwritten with the eigenvectors.
     *
     * @param owned a contiguous (not a view) double-precision k × k symmetric matrix nobody else uses
     * @param kernels the eigensolver to use
     * @return the decomposition; the eigenvectors in {@code owned}'s buffer
     * @throws IllegalArgumentException if {@code owned} is a view or not double precision
     * @throws ArithmeticException if LAPACK reports that the iteration did not converge
     */
    static Decomposition decomposeOverwriting(INDArray owned, SymmetricKernels kernels) {
        if (owned.isView() || owned.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected a contiguous double-precision matrix, got a "
                    + (owned.isView() ? "view" : owned.dataType() + " array"));
        }
        return negatedInPlace(owned.negi(), kernels);
    }

    private static Decomposition negatedInPlace(INDArray negated, SymmetricKernels kernels) {
        long k = negated.rows();
        INDArray vectors = Nd4j.create(negated.data(), new long[] {k, k}, new long[] {1, k}, 0, 'f');
        INDArray values = Nd4j.create(DataType.DOUBLE, k);
        int info = kernels.eigen(vectors, values);
        if (info != 0) {
            throw new ArithmeticException("LAPACK symmetric eigensolver (" + kernels.name() + ") failed to converge"
                    + " (info = " + info + ") on a " + k + " × " + k + " matrix");
        }
        double[] descending = HostTransfer.vector(values, k);
        for (int i = 0; i < descending.length; i++) {
            descending[i] = -descending[i];
        }
        return new Decomposition(descending, vectors);
    }
}
