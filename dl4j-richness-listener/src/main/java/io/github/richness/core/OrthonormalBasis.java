package io.github.richness.core;

import io.github.richness.device.SymmetricKernels;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An orthonormal basis of the column span of a sample matrix G (n × k), expressed through its Gram matrix.
 *
 * <p>From GᵀG = V Λ Vᵀ, the whitening W = V_r Λ_r^(−1/2) (k × r) makes Z = G W an orthonormal basis of
 * span(G) (ZᵀZ = I_r), where r is the numerical rank: the eigenvalues above
 * {@link #RELATIVE_RANK_TOLERANCE} × λ_max. Projections onto span(G) then need only GᵀG and cross moments,
 * never G itself: ‖Aᵀ Z‖² = ‖(AᵀG) W‖². Used for the learned-function space Ĥ and the target space H*
 * (eq. 5), for the exact projection of Definition 1 and for the least-squares fit of the lazy reference.
 * A caller may ask for a coarser tolerance than the numerical one (the projection's resolution rule); the
 * numerical rank is reported beside the rank used. If G is zero (rank 0) the basis is empty.
 *
 * @param whitening the k × r matrix W (null when r = 0)
 * @param eigenvalues the r kept eigenvalues of GᵀG, descending
 * @param numericalRank the number of eigenvalues above {@link #RELATIVE_RANK_TOLERANCE} × λ_max (at least r
 *        when the tolerance asked for is coarser)
 */
record OrthonormalBasis(INDArray whitening, double[] eigenvalues, int numericalRank) {

    /** Eigenvalues of GᵀG at or below this fraction of the largest count as zero (rank deficiency). */
    static final double RELATIVE_RANK_TOLERANCE = 1e-10;

    /**
     * @param gram the k × k Gram matrix GᵀG (k is an output or target width: its eigenvalues come to the host)
     * @param kernels the eigensolver to use
     * @return the whitening and the numerical rank ({@link #RELATIVE_RANK_TOLERANCE})
     */
    static OrthonormalBasis ofGram(INDArray gram, SymmetricKernels kernels) {
        return ofGram(gram, kernels, RELATIVE_RANK_TOLERANCE);
    }

    /**
     * @param gram the k × k Gram matrix GᵀG (k is a feature, output or target width: its eigenvalues come to
     *        the host)
     * @param kernels the eigensolver to use
     * @param relativeTolerance eigenvalues at or below this fraction of the largest count as zero
     * @return the whitening and the rank
     */
    static OrthonormalBasis ofGram(INDArray gram, SymmetricKernels kernels, double relativeTolerance) {
        SymmetricEigen.Decomposition eigen = SymmetricEigen.decompose(gram, kernels);
        double[] values = eigen.values();
        int rank = rankAbove(values, relativeTolerance);
        int numericalRank = rankAbove(values, RELATIVE_RANK_TOLERANCE);
        if (rank == 0) {
            return new OrthonormalBasis(null, new double[0], numericalRank);
        }
        double[] kept = Arrays.copyOf(values, rank);
        double[] inverseRoots = new double[rank];
        for (int i = 0; i < rank; i++) {
            inverseRoots[i] = 1.0 / Math.sqrt(kept[i]);
        }
        INDArray whitening = eigen.vectors().get(NDArrayIndex.all(), NDArrayIndex.interval(0, rank))
                .mulRowVector(Nd4j.createFromArray(inverseRoots));
        return new OrthonormalBasis(whitening, kept, numericalRank);
    }

    private static int rankAbove(double[] descending, double relativeTolerance) {
        double threshold = relativeTolerance * Math.max(descending[0], 0.0);
        int rank = 0;
        while (rank < descending.length && descending[rank] > threshold && descending[rank] > 0) {
            rank++;
        }
        return rank;
    }

    /** @return the dimension r of the span */
    int rank() {
        return eigenvalues.length;
    }
}
