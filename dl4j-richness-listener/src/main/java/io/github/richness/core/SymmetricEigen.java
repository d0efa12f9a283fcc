package io.github.richness.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigendecomposition A = V diag(λ) Vᵀ of a symmetric matrix on the ND4J backend, eigenvalues in
 * descending order.
 *
 * <p>Uses the backend's LAPACK {@code syev} (host LAPACK on CPU, cuSOLVER on CUDA) in double precision on
 * a column-major copy of −A, whose ascending eigenvalues are A's in descending order, so no reordering
 * copy is needed. The input is not modified. A singular or indefinite matrix is fine: its eigenvalues are
 * returned as computed (round-off can make zero eigenvalues slightly negative; callers decide what is
 * numerically zero).
 */
final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /** Eigenvalues (descending, length k) and eigenvectors (k × k, column i belongs to eigenvalue i). */
    record Decomposition(INDArray values, INDArray vectors) {
    }

    /**
     * @param symmetric a k × k symmetric matrix (only its lower triangle is read)
     * @return the decomposition, in new double-precision arrays
     * @throws ArithmeticException if LAPACK reports that the iteration did not converge
     */
    static Decomposition decompose(INDArray symmetric) {
        INDArray vectors = symmetric.castTo(DataType.DOUBLE).dup('f').negi();
        INDArray values = Nd4j.create(DataType.DOUBLE, symmetric.rows());
        int info = Nd4j.getBlasWrapper().lapack().syev('V', 'L', vectors, values);
        if (info != 0) {
            throw new ArithmeticException("LAPACK syev failed to converge (info = " + info + ") on a "
                    + symmetric.rows() + " × " + symmetric.columns() + " matrix");
        }
        return new Decomposition(values.negi(), vectors);
    }
}
