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
    /** D_eff(ρ), eq. 9. */
    EFFECTIVE_DIMENSION("d_eff", r -> r.spectra().effectiveDimension()),
    /** D_eff(Q̂). */
    UTILIZATION_EFFECTIVE_DIMENSION("d_eff_utilization", r -> r.spectra().utilizationEffectiveDimension()),
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
