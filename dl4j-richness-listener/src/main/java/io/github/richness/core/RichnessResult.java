package io.github.richness.core;

import java.util.List;

/**
 * The richness of a model at one moment, measured on a probe set: D_LR and the spectra of section 5.
 *
 * <p>Immutable; array accessors return copies.
 *
 * @param sampleCount n, the number of test-probe samples D_LR and Π were measured on (linear CKA from a
 *        small probe is biased towards 1, so D_LR towards 0: compare values measured with the same n)
 * @param spectrumSampleCount the number of "train"-probe samples the eigenfunctions come from (Nyström needs
 *        more than p)
 * @param featureWidth p, the width of the penultimate layer
 * @param outputWidth C, the width of the output
 * @param lowRankDistance D_LR = 1 − CKA(T, T_MP) as the paper computes it (eq. 4, appendix E.1): CKA between
 *        the centred feature and output kernels; 0 richest, 1 laziest; NaN when undefined (see warnings)
 * @param projectionLowRankDistance D_LR with T_MP's centred part taken literally as the orthogonal projector
 *        onto the span of the centred outputs (Definition 1), so that anisotropic outputs are not mistaken
 *        for lazy features; equals {@code lowRankDistance} when the outputs are isotropic
 * @param eigenvalues ρ_k, k = 1 … p, descending (Algorithm 1, eq. 60); empty when the spectrum was not computed
 * @param cumulativeQuality Π*(k), eq. 5 (i); null when no targets were given
 * @param cumulativeUtilization Π̂(k), eq. 5 (ii)
 * @param droppedEigenfunctions eigenfunctions that contribute nothing to Π: numerically zero eigenvalue, or
 *        linearly dependent on earlier ones over the test probe
 * @param warnings what the caller should know about these numbers (small probe, undefined values, drops)
 */
public record RichnessResult(long sampleCount, long spectrumSampleCount, int featureWidth, int outputWidth,
                             double lowRankDistance, double projectionLowRankDistance, double[] eigenvalues,
                             double[] cumulativeQuality, double[] cumulativeUtilization,
                             int droppedEigenfunctions, List<String> warnings) {

    /** Copies the arrays and the warnings. */
    public RichnessResult {
        eigenvalues = eigenvalues.clone();
        cumulativeQuality = cumulativeQuality == null ? null : cumulativeQuality.clone();
        cumulativeUtilization = cumulativeUtilization.clone();
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[] cumulativeQuality() {
        return cumulativeQuality == null ? null : cumulativeQuality.clone();
    }

    @Override
    public double[] cumulativeUtilization() {
        return cumulativeUtilization.clone();
    }

    /** @return ρ_k / ρ_1, the third panel of the paper's figures */
    public double[] relativeEigenvalues() {
        double[] relative = new double[eigenvalues.length];
        for (int k = 0; k < relative.length && eigenvalues[0] > 0; k++) {
            relative[k] = eigenvalues[k] / eigenvalues[0];
        }
        return relative;
    }

    /** @return D_eff(ρ), eq. 9: the number of significant feature directions, the constant one included */
    public double effectiveDimension() {
        return eigenvalues.length == 0 ? Double.NaN : EffectiveDimension.of(eigenvalues);
    }

    /** @return Q̂(k) = Π̂(k) − Π̂(k − 1), the per-eigenfunction utilisation (figure 5) */
    public double[] utilization() {
        return differences(cumulativeUtilization);
    }

    /** @return Q*(k) = Π*(k) − Π*(k − 1), the per-eigenfunction quality; null without targets */
    public double[] quality() {
        return cumulativeQuality == null ? null : differences(cumulativeQuality);
    }

    /** @return D_eff(Q̂), eq. 9 applied to the utilisation: how many eigenfunctions the last layer uses */
    public double utilizationEffectiveDimension() {
        return cumulativeUtilization.length == 0 ? Double.NaN : EffectiveDimension.of(utilization());
    }

    private static double[] differences(double[] cumulative) {
        double[] each = new double[cumulative.length];
        for (int k = 0; k < each.length; k++) {
            each[k] = cumulative[k] - (k == 0 ? 0.0 : cumulative[k - 1]);
        }
        return each;
    }
}
