package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
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
 * V = [u_k / s_k], and the coordinates are L⁻¹ VᵀΦᵀG W with W the whitening of GᵀG, computed as
 * S⁻¹ (U_mᵀ ΦᵀG W) so that the p × m matrix V is formed only where the Gram matrix needs it.
 *
 * <p>When the test probe is the probe the spectrum was computed on (the listener's default), the
 * eigenfunctions are already orthonormal there: VᵀΦᵀΦV = S⁻¹UᵀU S²UᵀU S⁻¹ = I exactly, so L = I and
 * {@link #onItsOwnProbe} skips the Gram matrix (2p²m + pm² flops of congruence, 3p³ at m = p) and its
 * factorisation (m³/3). The result is the same to round-off: with the computed eigenvectors the Gram
 * matrix differs from I by about ε ρ_1 / √(ρ_j ρ_k) in entry (j, k), which the general path factorises
 * and this one leaves out, so Π(p) may exceed 1 by that order for directions near
 * {@link Spectrum#RELATIVE_EIGENVALUE_FLOOR} (by about 1e-16 for a well-conditioned spectrum).
 *
 * <p>Eigenfunctions with a numerically zero eigenvalue ({@link Spectrum#RELATIVE_EIGENVALUE_FLOOR}) and
 * those that are dependent on the test probe ({@link OrderedCholesky#RESIDUAL_DROP_TOLERANCE}) contribute
 * Q(k) = 0, so Π is flat there; {@link #droppedCount()} counts both.
 */
final class EigenfunctionProjection {

    private final ProbeMoments test;
    private final SymmetricKernels kernels;
    private final int width;
    private final INDArray leadingVectors;
    private final INDArray inverseSingular;
    private final OrderedCholesky.Factor factor;
    private final int significant;

    private EigenfunctionProjection(ProbeMoments test, SymmetricKernels kernels, int width, INDArray leadingVectors, INDArray inverseSingular,
                                    OrderedCholesky.Factor factor, int significant) {
        this.test = test;
        this.kernels = kernels;
        this.width = width;
        this.leadingVectors = leadingVectors;
        this.inverseSingular = inverseSingular;
        this.factor = factor;
        this.significant = significant;
    }

    /**
     * Evaluates and orthonormalises the eigenfunctions on the test probe.
     *
     * @param spectrum the spectrum of the "train" probe
     * @param test the test probe's moments (features of the same width)
     * @param kernels the kernels of the congruence, the factorisation and the bases
     * @return the orthonormalised eigenfunctions, ready to be projected
     */
    static EigenfunctionProjection of(Spectrum spectrum, ProbeMoments test, SymmetricKernels kernels) {
        int m = spectrum.significantCount();
        if (m == 0) {
            return new EigenfunctionProjection(test, kernels, spectrum.eigenvalues().length, null, null, null, 0);
        }
        INDArray vectors = leadingVectors(spectrum, m);
        INDArray inverse = inverseSingularValues(spectrum, m);
        INDArray scaled = vectors.mulRowVector(inverse.reshape(m));
        INDArray gram = kernels.congruence(test.uncentred(Block.FEATURES, Block.FEATURES), scaled);
        return new EigenfunctionProjection(test, kernels, spectrum.eigenvalues().length, vectors, inverse,
                OrderedCholesky.factor(gram, kernels), m);
    }

    /**
     * The eigenfunctions on the probe their spectrum comes from, where they are orthonormal by construction
     * (see the class documentation): no Gram matrix, no factorisation, nothing dropped as dependent.
     *
     * @param spectrum the spectrum of {@code moments}' features
     * @param moments the moments the spectrum was computed from, which Π is measured on too
     * @param kernels the kernels of the bases
     * @return the eigenfunctions, ready to be projected
     */
    static EigenfunctionProjection onItsOwnProbe(Spectrum spectrum, ProbeMoments moments, SymmetricKernels kernels) {
        int m = spectrum.significantCount();
        if (m == 0) {
            return new EigenfunctionProjection(moments, kernels, spectrum.eigenvalues().length, null, null, null, 0);
        }
        return new EigenfunctionProjection(moments, kernels, spectrum.eigenvalues().length, leadingVectors(spectrum, m),
                inverseSingularValues(spectrum, m), null, m);
    }

    /** @return a view of the m leading eigenvectors U_m (p × m) */
    private static INDArray leadingVectors(Spectrum spectrum, int m) {
        return spectrum.eigenvectors().get(NDArrayIndex.all(), NDArrayIndex.interval(0, m));
    }

    /** @return the m × 1 column of 1 / s_k, s_k = √(n ρ_k), so that V = U_m diag(1 / s_k) */
    private static INDArray inverseSingularValues(Spectrum spectrum, int m) {
        double[] rho = spectrum.eigenvalues();
        double[] inverse = new double[m];
        for (int k = 0; k < m; k++) {
            inverse[k] = 1.0 / Math.sqrt(rho[k] * spectrum.sampleCount());
        }
        return Nd4j.create(inverse, new long[] {m, 1}, DataType.DOUBLE);
    }

    /**
     * @param target the block spanning the function space: {@link Block#TARGETS} for Π*,
     *        {@link Block#OUTPUTS} for Π̂
     * @return Π(k) for k = 1 … p; all NaN when the block is zero on the probe (no space to project on)
     */
    double[] cumulative(Block target) {
        double[] cumulative = new double[width];
        OrthonormalBasis basis = OrthonormalBasis.ofGram(test.uncentred(target, target), kernels);
        if (basis.rank() == 0) {
            Arrays.fill(cumulative, Double.NaN);
            return cumulative;
        }
        if (significant == 0) {
            return cumulative;
        }
        INDArray coordinates = Nd4j.gemm(leadingVectors,
                test.uncentred(Block.FEATURES, target).mmul(basis.whitening()), true, false)
                .muliColumnVector(inverseSingular);
        INDArray solved = factor == null ? coordinates : factor.solve(coordinates);
        double[] share = HostTransfer.vector(solved.muli(solved).sum(1), significant);
        double running = 0;
        for (int k = 0; k < width; k++) {
            running += k < significant ? share[k] / basis.rank() : 0.0;
            cumulative[k] = running;
        }
        return cumulative;
    }

    /**
     * @return eigenfunctions that contribute nothing: numerically zero eigenvalue, or dependent on the test
     *         probe (never on the spectrum's own probe)
     */
    int droppedCount() {
        return width - significant + (factor == null ? 0 : factor.dropped());
    }
}
