package io.github.richness.moments;

/**
 * The fourth-order row-norm sums of a probe's centred features x_i = φ_i − μ_φ and outputs y_i = f̂_i − μ_f
 * that the unbiased HSIC needs besides the co-moment (see {@code io.github.richness.core.DebiasedCka}).
 *
 * @param featureFourth Σ_i ‖x_i‖⁴
 * @param cross Σ_i ‖x_i‖² ‖y_i‖²
 * @param outputFourth Σ_i ‖y_i‖⁴
 */
public record RowNormMoments(double featureFourth, double cross, double outputFourth) {
}
