package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Diagonals;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gram–Schmidt in order, done on a Gram matrix: the Cholesky factorisation EᵀE = L Lᵀ of the Gram matrix
 * of vectors e_1 … e_m, computed column by column in the given order, dropping each vector that is
 * numerically in the span of the ones before it.
 *
 * <p>This is the QR step of appendix J.3.1 without the n × m matrix E: with E = Q R, R = Lᵀ, and the
 * coordinates of the orthonormalised vectors q_k against any matrix Z are the rows of L⁻¹ (EᵀZ). A vector is
 * dropped when its residual norm² after projecting out the earlier ones (the Schur-complement diagonal) is
 * at most {@link #RESIDUAL_DROP_TOLERANCE} times its own norm²; a dropped column of L is the unit vector,
 * so it passes nothing to later columns, and its row of L⁻¹(EᵀZ) is zeroed by the caller through
 * {@link Factor#keep()}. The result is therefore defined for singular and indefinite-by-round-off input.
 *
 * <p>The factorisation itself runs in the backend's {@link SymmetricKernels#orderedCholesky}: blocked,
 * BLAS-3 on the CPU backend's own memory, ND4J operations elsewhere.
 */
final class OrderedCholesky {

    /** A vector whose residual norm² is at most this fraction of its norm² is dropped as dependent. */
    static final double RESIDUAL_DROP_TOLERANCE = 1e-10;

    private OrderedCholesky() {
    }

    /**
     * @param lower the m × m lower-triangular factor (dropped columns are unit vectors)
     * @param keep an m-vector, 1 for kept columns and 0 for dropped ones, in the backend's memory
     * @param dropped the number of dropped columns
     * @param kernels the kernels that solve with the factor
     */
    record Factor(INDArray lower, INDArray keep, int dropped, SymmetricKernels kernels) {

        /**
         * @param coordinates EᵀZ (m × r)
         * @return L⁻¹ EᵀZ with dropped rows zeroed: row k holds the coordinates q_kᵀ Z
         */
        INDArray solve(INDArray coordinates) {
            INDArray solution = kernels.solveLower(lower, coordinates.dup('c'));
            return solution.muliColumnVector(keep.reshape(keep.length(), 1));
        }
    }

    /**
     * @param gram the symmetric m × m Gram matrix EᵀE (read only; its lower and upper parts are averaged)
     * @param kernels the backend's kernels
     * @return the factor
     */
    static Factor factor(INDArray gram, SymmetricKernels kernels) {
        int m = gram.rows();
        INDArray a = gram.add(gram.transpose()).muli(0.5).dup('c');
        double[] norms = HostTransfer.vector(Diagonals.of(a), m);
        double[] keep = kernels.orderedCholesky(a, norms, RESIDUAL_DROP_TOLERANCE);
        int dropped = 0;
        for (double k : keep) {
            dropped += k == 0 ? 1 : 0;
        }
        return new Factor(a, Nd4j.createFromArray(keep), dropped, kernels);
    }
}
