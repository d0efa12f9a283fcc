package io.github.richness.record;

/**
 * The low-rank distances of a measurement (eq. 4), with their standard errors and the lazy reference. NaN
 * means not measured or undefined; the record's warnings say which.
 *
 * @param lowRankDistance D_LR = 1 − CKA(Φ, f̂), eq. 4 as computed in appendix E.1: 0 richest, 1 laziest. The
 *        paper's numbers are this value. Biased towards 0 on small probes (n not much larger than p)
 * @param projectionLowRankDistance D_LR with f̂ replaced by an orthonormal basis of its span (Definition 1
 *        taken literally), output directions below the probe's resolution left out
 * @param debiasedLowRankDistance 1 − CKA with the unbiased HSIC estimator (Song et al. 2012), exact for the
 *        whole probe: nearly free of the small-probe bias, not clamped (it can read slightly below 0 or above 1
 *        by sampling error); NaN for fewer than 4 samples
 * @param standardErrors the jackknife standard errors of D_LR and the debiased D_LR
 * @param lazyLowRankDistance d_lr_lazy, the lazy reference: the D_LR of the <em>initial</em> model's features
 *        with a readout fitted to the probe's targets by least squares (the minimum-norm solution with bias,
 *        {@code io.github.richness.core.LazyReference}): where "lazy" sits for this model, probe and task. The
 *        same on every record of a run; NaN without an initial model or without targets
 */
public record Distances(double lowRankDistance, double projectionLowRankDistance, double debiasedLowRankDistance,
                        ErrorBars standardErrors, double lazyLowRankDistance) {

    /** Nothing measured. */
    public static final Distances NONE = new Distances(Double.NaN, Double.NaN);

    /** Checks that the standard errors are present ({@link ErrorBars#NONE} when not measured). */
    public Distances {
        java.util.Objects.requireNonNull(standardErrors, "standardErrors");
    }

    /**
     * The paper's two distances alone: no debiased value, no standard errors, no lazy reference (all NaN).
     *
     * @param lowRankDistance D_LR
     * @param projectionLowRankDistance the projection D_LR
     */
    public Distances(double lowRankDistance, double projectionLowRankDistance) {
        this(lowRankDistance, projectionLowRankDistance, Double.NaN, ErrorBars.NONE, Double.NaN);
    }
}
