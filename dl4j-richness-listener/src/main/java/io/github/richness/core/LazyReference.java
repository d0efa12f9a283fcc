package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The lazy reference d_lr_lazy: the D_LR that the initial model's features Φ₀ give with a readout trained
 * fully lazily, the least-squares fit (with bias) of the probe's targets Y on Φ₀. It tells where "lazy" sits
 * for this model, probe and task: a network whose features never moved from Φ₀, with its last layer trained to
 * convergence (the paper's "last layer only" runs), reads about this value; values well below it mean the
 * features moved towards the outputs.
 *
 * <p>The fitted outputs of a least-squares fit are the same for every least-squares solution (minimum norm or
 * not, bias penalised or not): F = P Y, the orthogonal projection of Y onto span[Φ₀, 1]. Centred, F_c = P₀ Y_c
 * with P₀ the projector onto the span of the centred features Φ₀c. From the moments M₀₀ = Φ₀cᵀΦ₀c = V Λ Vᵀ and
 * M₀Y = Φ₀cᵀY_c, with the whitening W = V_r Λ_r^(−1/2) (so that Z = Φ₀c W is an orthonormal basis of the
 * span, {@link OrthonormalBasis}) and A = Wᵀ M₀Y (r × t, the coordinates Zᵀ Y_c):
 * <pre>
 *   Φ₀cᵀ F_c = V_r V_rᵀ M₀Y,  ‖Φ₀cᵀ F_c‖²_F = ‖Λ_r^(1/2) A‖²_F,   F_cᵀ F_c = AᵀA,
 *   d_lr_lazy = 1 − ‖Λ_r^(1/2) A‖²_F / (‖M₀₀‖_F ‖AᵀA‖_F)
 * </pre>
 * which is D_LR (eq. 4) of Φ₀ against F: no n × n matrix, one p × p eigendecomposition. For a fixed probe and
 * reference model it is constant over training, so compute it once.
 *
 * <p>Rank cut-off: directions of Φ₀c whose eigenvalue is at most max(n, p) · ε · λ_1 (ε = 2⁻⁵²) are left out
 * of the span, the convention of LAPACK's and NumPy's least-squares rank (ε · max(n, p) relative) applied to
 * the Gram matrix, whose entries carry round-off of about ε λ_1: anything smaller is not resolved in double
 * precision. This only matters for features that are exactly rank-deficient (dead or duplicated units, or
 * n ≤ p, when the fit interpolates: F = Y on the probe).
 */
public final class LazyReference {

    /** The rank cut-off's factor: eigenvalues of M₀₀ at or below max(n, p) · this · λ_1 count as zero. */
    static final double MACHINE_EPSILON = Math.ulp(1.0);

    private LazyReference() {
    }

    /**
     * The lazy reference of a probe, or NaN with the reason.
     *
     * @param lowRankDistance d_lr_lazy = 1 − CKA(Φ₀, P Y); NaN when undefined
     * @param rank r, the dimension of the span of the centred initial features used
     * @param problem why the value is NaN, or null
     */
    public record Outcome(double lowRankDistance, int rank, String problem) {
    }

    /**
     * The lazy reference from a listener's test-probe moments: the reference features of the initial model
     * ({@link Block#REFERENCE}) and the targets, with the backend's kernels.
     *
     * @param moments moments with reference features and targets
     * @return the lazy reference
     * @throws IllegalArgumentException if the moments lack either block or have fewer than 2 samples
     */
    public static Outcome of(ProbeMoments moments) {
        return of(moments, Block.REFERENCE, Block.TARGETS, SymmetricKernels.forBackend());
    }

    /**
     * @param moments the probe's moments
     * @param features the block holding the initial model's features Φ₀
     * @param targets the block holding the targets Y
     * @param kernels the eigensolver
     * @return the lazy reference
     * @throws IllegalArgumentException if the moments lack either block or have fewer than 2 samples
     */
    public static Outcome of(ProbeMoments moments, Block features, Block targets, SymmetricKernels kernels) {
        if (!moments.layout().has(features) || !moments.layout().has(targets)) {
            throw new IllegalArgumentException("the lazy reference needs the " + features + " and " + targets
                    + " blocks, the layout has " + moments.layout().widths());
        }
        if (moments.count() < 2) {
            throw new IllegalArgumentException("the lazy reference needs at least 2 samples, got " + moments.count());
        }
        double featureNorm = moments.centredNorm(features);
        if (!(featureNorm > 0)) {
            return new Outcome(Double.NaN, 0, "the initial features are constant over the probe: the lazy"
                    + " readout is a constant and D_LR is undefined");
        }
        double tolerance = Math.max(moments.count(), moments.layout().width(features)) * MACHINE_EPSILON;
        OrthonormalBasis basis = OrthonormalBasis.ofGram(moments.centred(features, features), kernels, tolerance);
        INDArray coordinates = Nd4j.gemm(basis.whitening(), moments.centred(features, targets), true, false);
        double fittedNorm = HostTransfer.scalar(Nd4j.gemm(coordinates, coordinates, true, false).norm2());
        if (!(fittedNorm > 0)) {
            return new Outcome(Double.NaN, basis.rank(), "the targets have no component in the span of the"
                    + " initial features (or are constant): the lazy readout is a constant and D_LR is undefined");
        }
        INDArray roots = Nd4j.createFromArray(basis.eigenvalues()).reshape(basis.rank(), 1);
        double cross = HostTransfer.scalar(coordinates.mulColumnVector(Transforms.sqrt(roots, true)).norm2());
        double cka = Math.min(1.0, Math.max(0.0, cross * cross / (featureNorm * fittedNorm)));
        return new Outcome(1.0 - cka, basis.rank(), null);
    }
}
