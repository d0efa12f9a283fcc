package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The cumulative projection measures of eq. 5 (appendix J.3): how much of a function space the top k
 * eigenfunctions span, on a "test" probe.
 *
 * <p>The eigenfunctions e_k = Φᵀu_k / s_k of a {@link Spectrum} are evaluated on the test probe and
 * orthonormalised in order (the QR step of appendix J.3.1, so that Π never exceeds 1), giving q_k. With Z an
 * orthonormal basis of the span H of the test probe's targets (H*) or learned outputs (Ĥ), of dimension r,
 * Q(k) = Σ_j (q_kᵀ z_j)² / r and Π(k) = Σ_{j≤k} Q(j). Everything is computed from the test probe's
 * uncentred moments ΦᵀΦ, ΦᵀG and GᵀG (the inner product ⟨f|g⟩ = E_x[f g] of the paper is uncentred):
 * the in-order orthonormalisation is the {@link OrderedCholesky} of the m × m matrix VᵀΦᵀΦV with
 * V = [u_k / s_k], and the coordinates are L⁻¹ VᵀΦᵀG W with W the whitening of GᵀG.
 *
 * <p>Eigenfunctions with a numerically zero eigenvalue ({@link Spectrum#RELATIVE_EIGENVALUE_FLOOR}) and
 * those that are dependent on the test probe ({@link OrderedCholesky#RESIDUAL_DROP_TOLERANCE}) contribute
 * Q(k) = 0, so Π is flat there; {@link #droppedCount()} counts both.
 */
final class EigenfunctionProjection {

    private final ProbeMoments test;
    private final int width;
    private final INDArray scaledVectors;
    private final OrderedCholesky.Factor factor;
    private final int significant;

    private EigenfunctionProjection(ProbeMoments test, int width, INDArray scaledVectors,
                                    OrderedCholesky.Factor factor, int significant) {
        this.test = test;
        this.width = width;
        this.scaledVectors = scaledVectors;
        this.factor = factor;
        this.significant = significant;
    }

    /**
     * Evaluates and orthonormalises the eigenfunctions on the test probe.
     *
     * @param spectrum the spectrum of the "train" probe
     * @param test the test probe's moments (features of the same width)
     * @return the orthonormalised eigenfunctions, ready to be projected
     */
    static EigenfunctionProjection of(Spectrum spectrum, ProbeMoments test) {
        double[] rho = spectrum.eigenvalues();
        int m = spectrum.significantCount();
        if (m == 0) {
            return new EigenfunctionProjection(test, rho.length, null, null, 0);
        }
        double[] inverseSingular = new double[m];
        for (int k = 0; k < m; k++) {
            inverseSingular[k] = 1.0 / Math.sqrt(rho[k] * spectrum.sampleCount());
        }
        INDArray scaled = spectrum.eigenvectors().get(NDArrayIndex.all(), NDArrayIndex.interval(0, m)).dup()
                .muliRowVector(Nd4j.createFromArray(inverseSingular));
        INDArray gram = test.kernels().congruence(test.uncentred(Block.FEATURES, Block.FEATURES), scaled);
        return new EigenfunctionProjection(test, rho.length, scaled, OrderedCholesky.factor(gram, test.kernels()), m);
    }

    /**
     * @param target the block spanning the function space: {@link Block#TARGETS} for Π*,
     *        {@link Block#OUTPUTS} for Π̂
     * @return Π(k) for k = 1 … p; all NaN when the block is zero on the probe (no space to project on)
     */
    double[] cumulative(Block target) {
        double[] cumulative = new double[width];
        OrthonormalBasis basis = OrthonormalBasis.ofGram(test.uncentred(target, target), test.kernels());
        if (basis.rank() == 0) {
            Arrays.fill(cumulative, Double.NaN);
            return cumulative;
        }
        if (significant == 0) {
            return cumulative;
        }
        INDArray coordinates = scaledVectors.transpose()
                .mmul(test.uncentred(Block.FEATURES, target)).mmul(basis.whitening());
        INDArray solved = factor.solve(coordinates);
        double[] share = HostTransfer.vector(solved.muli(solved).sum(1), significant);
        double running = 0;
        for (int k = 0; k < width; k++) {
            running += k < significant ? share[k] / basis.rank() : 0.0;
            cumulative[k] = running;
        }
        return cumulative;
    }

    /** @return eigenfunctions that contribute nothing: numerically zero eigenvalue, or dependent on the test probe */
    int droppedCount() {
        return width - significant + (factor == null ? 0 : factor.dropped());
    }
}
