package io.github.richness.record;

/**
 * The prior measures of richness the paper compares D_LR with (section 4.1). NaN means not measured (baselines
 * off, no class labels, no initial model) or undefined; the record's warnings say which.
 *
 * @param kernelSimilarityToInit S_init, linear CKA between the initial and the current feature kernels
 * @param parameterNormSquared ‖θ‖²
 * @param nc1 NC1 = Tr(Σ_b⁺ Σ_W) with Σ_b + 10⁻⁴ I (appendix H.2)
 * @param withinClassTrace Tr(Σ_W)
 */
public record BaselineValues(double kernelSimilarityToInit, double parameterNormSquared, double nc1,
                             double withinClassTrace) {

    /** Nothing measured. */
    public static final BaselineValues NONE = new BaselineValues(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
