package io.github.richness.core;

import java.util.List;

/**
 * The richness of a model at one moment, measured on a probe set: the distances of {@link Distances} and the
 * spectrum of {@link SpectrumSummary} (section 5), with the caveats in {@link #warnings()}.
 *
 * <p>Absent values, one convention: a number that was not measured or is undefined is NaN, and the warnings
 * say why; an array that was not measured is empty, never null. Counts that were not measured are 0. What the
 * caller did not ask for carries no warning: no spectrum from {@link RichnessAnalysis#distancesOnly}, no
 * standard errors without {@link io.github.richness.moments.BlockedMoments}.
 * Immutable; array accessors return copies. The accessors below the components read through to the nested
 * values, under the names the paper's quantities have.
 *
 * @param sampleCount n, the number of test-probe samples D_LR and Π were measured on (linear CKA from a
 *        small probe is biased towards 1, so D_LR towards 0: compare values measured with the same n, or read
 *        the debiased D_LR)
 * @param spectrumSampleCount the number of "train"-probe samples the eigenfunctions come from (Nyström needs
 *        more than p); 0 when no spectrum was computed
 * @param featureWidth p, the width of the penultimate layer
 * @param outputWidth C, the width of the output
 * @param distances D_LR, the debiased D_LR, the projection variant and their standard errors
 * @param spectrum the eigenvalues, Π*, Π̂ and their trust indicators; {@link SpectrumSummary#notMeasured()}
 *        when the spectrum was not computed
 * @param warnings what the caller should know about these numbers (small probes, undefined values, drops,
 *        collapse indicators)
 */
public record RichnessResult(long sampleCount, long spectrumSampleCount, int featureWidth, int outputWidth,
                             Distances distances, SpectrumSummary spectrum, List<String> warnings) {

    /** Copies the warnings. */
    public RichnessResult {
        warnings = List.copyOf(warnings);
    }

    /** @return D_LR as the paper computes it (eq. 4, appendix E.1), see {@link Distances#lowRankDistance()} */
    public double lowRankDistance() {
        return distances.lowRankDistance();
    }

    /** @return the debiased D_LR (unbiased HSIC), see {@link Distances#debiasedLowRankDistance()}; not clamped */
    public double debiasedLowRankDistance() {
        return distances.debiasedLowRankDistance();
    }

    /** @return D_LR with the exact projection of Definition 1, see {@link Distances#projectionLowRankDistance()} */
    public double projectionLowRankDistance() {
        return distances.projectionLowRankDistance();
    }

    /** @return the jackknife standard error of D_LR; NaN when not measured */
    public double lowRankDistanceStandardError() {
        return distances.standardErrors().lowRankDistance();
    }

    /** @return the jackknife standard error of the debiased D_LR; NaN when not measured */
    public double debiasedLowRankDistanceStandardError() {
        return distances.standardErrors().debiasedLowRankDistance();
    }

    /** @return ρ_k, k = 1 … p, descending (Algorithm 1, eq. 60); empty when the spectrum was not computed */
    public double[] eigenvalues() {
        return spectrum.eigenvalues();
    }

    /** @return Π*(k), eq. 5 (i); empty without targets or spectrum */
    public double[] cumulativeQuality() {
        return spectrum.cumulativeQuality();
    }

    /** @return Π̂(k), eq. 5 (ii); empty without spectrum */
    public double[] cumulativeUtilization() {
        return spectrum.cumulativeUtilization();
    }

    /** @return eigenfunctions left out of Π (numerically zero eigenvalue, or dependent on the test probe) */
    public int droppedEigenfunctions() {
        return spectrum.droppedEigenfunctions();
    }

    /** @return K, the Nyström trust limit: ρ_{K+1} … ρ_p are not estimated to 10 % (appendix J); 0 without spectrum */
    public int trustedEigenvalues() {
        return spectrum.trustedEigenvalues();
    }

    /** @return ⟨1|e₁⟩, the first eigenfunction's overlap with the constant function; NaN without spectrum */
    public double constantModeOverlap() {
        return spectrum.constantModeOverlap();
    }

    /** @return ρ_k / ρ_1, the third panel of the paper's figures; empty without spectrum */
    public double[] relativeEigenvalues() {
        double[] eigenvalues = spectrum.eigenvalues();
        double[] relative = new double[eigenvalues.length];
        for (int k = 0; k < relative.length && eigenvalues[0] > 0; k++) {
            relative[k] = eigenvalues[k] / eigenvalues[0];
        }
        return relative;
    }

    /** @return D_eff(ρ), eq. 9: the number of significant feature directions, the constant one included */
    public double effectiveDimension() {
        double[] eigenvalues = spectrum.eigenvalues();
        return eigenvalues.length == 0 ? Double.NaN : EffectiveDimension.of(eigenvalues);
    }

    /** @return Q̂(k) = Π̂(k) − Π̂(k − 1), the per-eigenfunction utilisation (figure 5); empty without spectrum */
    public double[] utilization() {
        return differences(spectrum.cumulativeUtilization());
    }

    /** @return Q*(k) = Π*(k) − Π*(k − 1), the per-eigenfunction quality; empty without targets or spectrum */
    public double[] quality() {
        return differences(spectrum.cumulativeQuality());
    }

    /** @return D_eff(Q̂), eq. 9 applied to the utilisation: how many eigenfunctions the last layer uses */
    public double utilizationEffectiveDimension() {
        return spectrum.cumulativeUtilization().length == 0 ? Double.NaN : EffectiveDimension.of(utilization());
    }

    static double[] differences(double[] cumulative) {
        double[] each = new double[cumulative.length];
        for (int k = 0; k < each.length; k++) {
            each[k] = cumulative[k] - (k == 0 ? 0.0 : cumulative[k - 1]);
        }
        return each;
    }
}
