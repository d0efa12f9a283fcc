package io.github.richness.core;

import io.github.richness.moments.BlockedMoments;
import io.github.richness.moments.DeleteOneStatistics;
import java.util.List;

/**
 * Standard errors of D_LR and the debiased D_LR by the delete-one-block jackknife (Quenouille 1956, Tukey
 * 1958; Efron and Tibshirani 1993, ch. 11) over the B interleaved blocks of a {@link BlockedMoments}.
 *
 * <p>With θ_(b) the estimate on the probe without block b and θ̄ their mean,
 * se² = (B − 1)/B Σ_b (θ_(b) − θ̄)². D_LR is a smooth function of the probe's second moments, the case the
 * jackknife is made for; deleting blocks of n/B samples rather than single samples costs B evaluations
 * instead of n, and the blocks' sizes differ by at most one, so the equal-size formula applies. The delete-one
 * statistics come from {@link BlockedMoments#deleteOne()}; the estimates from them are the ones of
 * {@link LinearCka} and {@link DebiasedCka}. On synthetic Gaussian data with a known D_LR the reported standard
 * error matches the spread of D_LR over independent probes (the tests measure the ratio). The standard error is
 * itself an estimate with B − 1 degrees of freedom: uncertain by about 1/√(2(B − 1)). The plain D_LR is
 * clamped to [0, 1]; at the clamp its replicates cannot spread, so a D_LR of exactly 0 or 1 has a standard
 * error of 0.
 */
final class Jackknife {

    private Jackknife() {
    }

    /**
     * @param blocked the probe's blocked moments
     * @param warnings receives why a standard error is NaN or rests on fewer blocks than asked for
     * @return the standard errors
     */
    static StandardErrors of(BlockedMoments blocked, List<String> warnings) {
        String note = blocked.plan().note();
        if (note != null) {
            warnings.add(note);
        }
        if (!blocked.plan().measurable()) {
            return StandardErrors.notMeasured();
        }
        int blocks = 0;
        long largest = 0;
        for (int b = 0; b < blocked.blockCount(); b++) {
            long size = blocked.blockSize(b);
            blocks += size > 0 ? 1 : 0;
            largest = Math.max(largest, size);
        }
        if (blocks < blocked.blockCount() || blocked.total().count() - largest < 2) {
            warnings.add("standard errors not measured: a probe of " + blocked.total().count()
                    + " samples is too small for " + blocked.blockCount() + " jackknife blocks");
            return StandardErrors.notMeasured();
        }
        DeleteOneStatistics statistics = blocked.deleteOne();
        double[] plain = new double[blocks];
        double[] debiased = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double normProduct = Math.sqrt(statistics.featureNormSquared()[b] * statistics.outputNormSquared()[b]);
            plain[b] = normProduct > 0 ? LinearCka.Outcome.of(statistics.crossSquared()[b] / normProduct).value()
                    : Double.NaN;
            debiased[b] = DebiasedCka.of(statistics.counts()[b], statistics.crossSquared()[b],
                    statistics.featureNormSquared()[b], statistics.outputNormSquared()[b],
                    statistics.featureTrace()[b], statistics.outputTrace()[b], statistics.rowNorms()[b]).value();
        }
        double sePlain = standardError(plain);
        double seDebiased = standardError(debiased);
        if (Double.isNaN(seDebiased) && !Double.isNaN(sePlain)) {
            warnings.add("standard error of the debiased D_LR not measured: undefined on some delete-one probe");
        }
        return new StandardErrors(sePlain, seDebiased, blocks);
    }

    /** @return √((B − 1)/B Σ (θ_b − θ̄)²), NaN if a replicate is NaN (CKA and 1 − CKA spread alike) */
    static double standardError(double[] replicates) {
        double mean = 0;
        for (double value : replicates) {
            mean += value;
        }
        mean /= replicates.length;
        double squares = 0;
        for (double value : replicates) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares * (replicates.length - 1) / replicates.length);
    }
}
