package io.github.richness.record;

import java.util.function.ToDoubleFunction;

/**
 * A number of a {@link RichnessRecord} to act on: what an early-stopping score or a regime alert watches.
 * Every quantity here is a distance from the rich regime: lower is richer ({@link #lowerIsRicher()}).
 */
public enum RichnessQuantity {

    /** D_LR = 1 − CKA(Φ, f̂), eq. 4 as the paper computes it (appendix E.1). */
    LOW_RANK_DISTANCE("D_LR", record -> record.distances().lowRankDistance()),
    /** D_LR with f̂ replaced by an orthonormal basis of its span (Definition 1 taken literally). */
    PROJECTION_LOW_RANK_DISTANCE("projection D_LR", record -> record.distances().projectionLowRankDistance()),
    /** The debiased D_LR (unbiased HSIC): nearly free of the small-probe bias, not clamped to [0, 1]. */
    DEBIASED_LOW_RANK_DISTANCE("debiased D_LR", record -> record.distances().debiasedLowRankDistance());

    private final String label;
    private final ToDoubleFunction<RichnessRecord> value;

    RichnessQuantity(String label, ToDoubleFunction<RichnessRecord> value) {
        this.label = label;
        this.value = value;
    }

    /**
     * @param record a record
     * @return the quantity's value in it; NaN when the record failed or did not measure it
     */
    public double of(RichnessRecord record) {
        return record.ok() ? value.applyAsDouble(record) : Double.NaN;
    }

    /** @return the name to show, e.g. {@code D_LR} */
    public String label() {
        return label;
    }

    /** @return whether a lower value means a richer model: true for every quantity of this enum */
    public boolean lowerIsRicher() {
        return true;
    }
}
