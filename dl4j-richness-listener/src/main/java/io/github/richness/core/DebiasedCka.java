package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.moments.RowNormMoments;

/**
 * Linear CKA between the features and the outputs of a probe with the unbiased HSIC estimator of Song et al.
 * (2012), in the feature-space form of Kornblith et al. (2019), computed exactly for the whole probe from
 * additive accumulators; the debiased D_LR is one minus it.
 *
 * <p>With X (n × p) and Y (n × C) the feature and output rows centred on the probe's means,
 * <pre>
 *   HSIC_u(X, Y) = [ ‖XᵀY‖²_F − n/(n − 2) Σᵢ‖xᵢ‖²‖yᵢ‖² + (Σᵢ‖xᵢ‖²)(Σᵢ‖yᵢ‖²) / ((n − 1)(n − 2)) ] / (n(n − 3))
 *   CKA_u = HSIC_u(X, Y) / √(HSIC_u(X, X) HSIC_u(Y, Y))
 * </pre>
 * It equals Song et al.'s U-statistic [Tr(K̃L̃) + 1ᵀK̃1 1ᵀL̃1/((n−1)(n−2)) − 2/(n−2) 1ᵀK̃L̃1] / (n(n−3)) of
 * the n × n Gram matrices K = ΦΦᵀ, L = F̂F̂ᵀ with zeroed diagonals (K̃, L̃), which is invariant to shifting the
 * features, so centring first changes nothing. The common factor 1/(n(n − 3)) cancels in the ratio.
 *
 * <p>From the accumulators: XᵀY, XᵀX, YᵀY are the centred co-moment's blocks, Σ‖xᵢ‖² and Σ‖yᵢ‖² its traces,
 * and Σ‖xᵢ‖²‖yᵢ‖², Σ‖xᵢ‖⁴, Σ‖yᵢ‖⁴ the row-norm sums of {@link ProbeMoments#centredRowNorms()}, kept about a
 * fixed centre and moved to the probe's mean exactly (the derivation and merge rule are in the moments
 * package's {@code RowNormSums}). So the value does not depend on the minibatch size, on how the probe was
 * split into accumulators and merged, or on a large common offset of the features, to rounding: unlike
 * minibatch estimators, which average per-batch values (each with its own bias) and are undefined for
 * batches under 4.
 *
 * <p>What the values mean: the unbiased HSIC removes the O(1/n) bias that makes plain linear CKA read too
 * high (D_LR too low) on a probe that is small against p, so the debiased D_LR estimates the D_LR of the
 * whole input distribution. It is an unbiased estimate of each HSIC, not of their ratio, and it is not
 * bounded: sampling error can put CKA_u slightly above 1 or below 0 (D_LR below 0 or above 1), most on small
 * probes. It is undefined (NaN with the reason) for n &lt; 4, for constant features or outputs, and when
 * HSIC_u(X, X) or HSIC_u(Y, Y) is not positive (possible on a tiny probe).
 */
final class DebiasedCka {

    /** The smallest probe the unbiased HSIC is defined for. */
    static final int MINIMUM_SAMPLES = 4;

    private DebiasedCka() {
    }

    /**
     * @param moments the probe's moments (features and outputs)
     * @return CKA_u between the features and the outputs, not clamped, or NaN with the reason
     */
    static LinearCka.Outcome between(ProbeMoments moments) {
        if (moments.count() < MINIMUM_SAMPLES) {
            return tooFew(moments.count());
        }
        double normFeatures = moments.centredNorm(Block.FEATURES);
        double normOutputs = moments.centredNorm(Block.OUTPUTS);
        double cross = HostTransfer.scalar(moments.centred(Block.FEATURES, Block.OUTPUTS).norm2());
        return of(moments.count(), cross * cross, normFeatures * normFeatures, normOutputs * normOutputs,
                HostTransfer.scalar(moments.diagonal(Block.FEATURES).sum()),
                HostTransfer.scalar(moments.diagonal(Block.OUTPUTS).sum()), moments.centredRowNorms());
    }

    /**
     * CKA_u from the statistics of centred features X and outputs Y (for example a jackknife replicate's).
     *
     * @param count n
     * @param crossSquared ‖XᵀY‖²_F
     * @param featureNormSquared ‖XᵀX‖²_F
     * @param outputNormSquared ‖YᵀY‖²_F
     * @param featureTrace Σ‖xᵢ‖²
     * @param outputTrace Σ‖yᵢ‖²
     * @param rows Σ‖xᵢ‖⁴, Σ‖xᵢ‖²‖yᵢ‖², Σ‖yᵢ‖⁴
     * @return CKA_u, not clamped, or NaN with the reason
     */
    static LinearCka.Outcome of(long count, double crossSquared, double featureNormSquared, double outputNormSquared,
                                double featureTrace, double outputTrace, RowNormMoments rows) {
        if (count < MINIMUM_SAMPLES) {
            return tooFew(count);
        }
        String constant = LinearCka.constantBlocks(Math.sqrt(Math.max(featureNormSquared, 0)), Block.FEATURES,
                Math.sqrt(Math.max(outputNormSquared, 0)), Block.OUTPUTS);
        if (constant != null) {
            return LinearCka.Outcome.undefined(constant);
        }
        double n = count;
        double featuresOutputs = hsic(n, crossSquared, rows.cross(), featureTrace, outputTrace);
        double featuresFeatures = hsic(n, featureNormSquared, rows.featureFourth(), featureTrace, featureTrace);
        double outputsOutputs = hsic(n, outputNormSquared, rows.outputFourth(), outputTrace, outputTrace);
        if (!(featuresFeatures > 0) || !(outputsOutputs > 0)) {
            return LinearCka.Outcome.undefined("the unbiased HSIC of the " + (featuresFeatures > 0 ? "outputs"
                    : "features") + " with themselves is not positive on n = " + count + " samples");
        }
        return LinearCka.Outcome.unclamped(featuresOutputs / Math.sqrt(featuresFeatures * outputsOutputs));
    }

    private static LinearCka.Outcome tooFew(long count) {
        return LinearCka.Outcome.undefined("the unbiased HSIC needs at least " + MINIMUM_SAMPLES + " samples, got "
                + count);
    }

    /** n(n − 3) HSIC_u from ‖XᵀY‖², Σ‖xᵢ‖²‖yᵢ‖², Σ‖xᵢ‖² and Σ‖yᵢ‖². */
    private static double hsic(double n, double crossSquared, double rowProducts, double traceX, double traceY) {
        return crossSquared - n / (n - 2) * rowProducts + traceX * traceY / ((n - 1) * (n - 2));
    }
}
