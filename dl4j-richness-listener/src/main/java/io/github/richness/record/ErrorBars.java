package io.github.richness.record;

/**
 * The standard errors of a record's distances: from a delete-one-block jackknife over B blocks of the test probe
 * (the B used is in the provenance, {@link Provenance#jackknifeBlocks()}). A standard error says how far the
 * distance would typically move if the probe were drawn again at the same size n; it is itself uncertain by
 * about 1/√(2(B − 1)) relative (16 % at the default B = 20). NaN means not measured: error bars off, too few
 * samples for B blocks, the blocks did not fit the memory budget, or a distributed measurement (the record's
 * warnings say which).
 *
 * @param lowRankDistance the standard error of D_LR (JSON {@code d_lr_se})
 * @param debiasedLowRankDistance the standard error of the debiased D_LR (JSON {@code d_lr_debiased_se})
 */
public record ErrorBars(double lowRankDistance, double debiasedLowRankDistance) {

    /** Not measured. */
    public static final ErrorBars NONE = new ErrorBars(Double.NaN, Double.NaN);
}
