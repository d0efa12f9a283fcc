package io.github.richness.core;

/**
 * The distances between the features and the outputs on the test probe: D_LR in three forms.
 *
 * @param lowRankDistance D_LR = 1 − CKA(T, T_MP) as the paper computes it (eq. 4, appendix E.1): linear CKA
 *        between the centred feature and output kernels; 0 richest, 1 laziest; NaN when undefined (see
 *        warnings). Biased towards 0 on small probes: the paper's numbers are this value
 * @param debiasedLowRankDistance 1 − CKA with the unbiased HSIC estimator of Song et al. (2012), exact for
 *        the whole probe (see {@link DebiasedCka}): nearly free of the small-probe bias, not clamped (it can
 *        fall slightly below 0 or above 1 by sampling error); NaN for n &lt; 4 or when undefined (see warnings)
 * @param projectionLowRankDistance D_LR with T_MP's centred part taken literally as the orthogonal projector
 *        onto the span of the centred outputs (Definition 1), so that anisotropic outputs are not mistaken for
 *        lazy features; equals {@code lowRankDistance} when the outputs are isotropic
 * @param projectionRank the dimension of the output span the projection variant uses: output directions
 *        whose variance is at most 1/n of the largest are below the probe's resolution and left out (see
 *        {@link LinearCka#withProjection}); 0 when the outputs are constant
 * @param standardErrors the jackknife standard errors of the first two; NaN when not measured
 */
public record Distances(double lowRankDistance, double debiasedLowRankDistance, double projectionLowRankDistance,
                        int projectionRank, StandardErrors standardErrors) {
}
