package io.github.richness.record;

import java.util.function.ToDoubleFunction;

/**
 * The scalar columns of a {@link RichnessRecord}, in the order files and tables show them; one name per
 * column, shared by the CSV, the JSON form and the charts.
 */
public enum Scalar {
    /** D_LR, eq. 4. */
    LOW_RANK_DISTANCE("d_lr", r -> r.distances().lowRankDistance()),
    /** D_LR with the exact projection of Definition 1. */
    PROJECTION_LOW_RANK_DISTANCE("d_lr_projection", r -> r.distances().projectionLowRankDistance()),
    /** The debiased D_LR (unbiased HSIC, not clamped). */
    DEBIASED_LOW_RANK_DISTANCE("d_lr_debiased", r -> r.distances().debiasedLowRankDistance()),
    /** The jackknife standard error of D_LR. */
    LOW_RANK_DISTANCE_STANDARD_ERROR("d_lr_se", r -> r.distances().standardErrors().lowRankDistance()),
    /** The jackknife standard error of the debiased D_LR. */
    DEBIASED_LOW_RANK_DISTANCE_STANDARD_ERROR("d_lr_debiased_se",
            r -> r.distances().standardErrors().debiasedLowRankDistance()),
    /** The lazy reference d_lr_lazy: D_LR of the initial features with a least-squares readout. */
    LAZY_LOW_RANK_DISTANCE("d_lr_lazy", r -> r.distances().lazyLowRankDistance()),
    /** D_eff(ρ), eq. 9. */
    EFFECTIVE_DIMENSION("d_eff", r -> r.spectra().effectiveDimension()),
    /** D_eff(Q̂). */
    UTILIZATION_EFFECTIVE_DIMENSION("d_eff_utilization", r -> r.spectra().utilizationEffectiveDimension()),
    /** ⟨1|e₁⟩, the first eigenfunction's overlap with the constant function (appendix D.2). */
    CONSTANT_MODE_OVERLAP("constant_mode_overlap", r -> r.spectra().constantModeOverlap()),
    /** S_init. */
    KERNEL_SIMILARITY_TO_INIT("s_init", r -> r.baselines().kernelSimilarityToInit()),
    /** ‖θ‖². */
    PARAMETER_NORM_SQUARED("param_norm_sq", r -> r.baselines().parameterNormSquared()),
    /** NC1. */
    NC1("nc1", r -> r.baselines().nc1()),
    /** Tr(Σ_W). */
    WITHIN_CLASS_TRACE("trace_sigma_w", r -> r.baselines().withinClassTrace());

    private final String key;
    private final ToDoubleFunction<RichnessRecord> accessor;

    Scalar(String key, ToDoubleFunction<RichnessRecord> accessor) {
        this.key = key;
        this.accessor = accessor;
    }

    /** @return the column's name in files (snake case) */
    public String key() {
        return key;
    }

    /**
     * @param record a record
     * @return this column's value in it
     */
    public double of(RichnessRecord record) {
        return accessor.applyAsDouble(record);
    }
}
