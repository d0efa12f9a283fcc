package io.github.richness.core;

/**
 * Standard errors of the distances, from a delete-one-block jackknife over the probe (see {@link Jackknife}):
 * how far D_LR would typically move if the probe were drawn again, at the same size n.
 *
 * @param lowRankDistance the standard error of D_LR; NaN when not measured (the result's warnings say why)
 * @param debiasedLowRankDistance the standard error of the debiased D_LR; NaN when not measured or when the
 *        debiased value is undefined on some delete-one probe
 * @param blocks B, the number of blocks the jackknife deleted one at a time; 0 when not measured. The
 *        standard error itself is uncertain by about 1/√(2(B − 1)) relative (16 % at B = 20)
 */
public record StandardErrors(double lowRankDistance, double debiasedLowRankDistance, int blocks) {

    /** @return standard errors that were not measured: NaN, 0 blocks */
    public static StandardErrors notMeasured() {
        return new StandardErrors(Double.NaN, Double.NaN, 0);
    }
}
