package io.github.richness.core;

/**
 * The spectrum of Algorithm 1 and the cumulative projections of eq. 5, as the analysis measured them.
 *
 * <p>Immutable; array accessors return copies. Absent values follow the result's convention: arrays that
 * were not measured are empty (never null), numbers that were not measured are NaN.
 *
 * @param eigenvalues ρ_k, k = 1 … p, descending (Algorithm 1, eq. 60); empty when the spectrum was not computed
 * @param cumulativeQuality Π*(k), eq. 5 (i); empty when no targets were given or no spectrum computed
 * @param cumulativeUtilization Π̂(k), eq. 5 (ii); empty when no spectrum was computed
 * @param droppedEigenfunctions eigenfunctions that contribute nothing to Π: numerically zero eigenvalue, or
 *        linearly dependent on earlier ones over the test probe
 * @param trustedEigenvalues K, the Nyström trust limit of appendix J: ρ_1 … ρ_K are estimated to about 10 %
 *        or better from this probe size, ρ_{K+1} … ρ_p are not (see {@link NystromTrust}); 0 when no spectrum
 * @param constantModeOverlap ⟨1|e₁⟩ ∈ [0, 1], the first eigenfunction's overlap with the constant function
 *        on the spectrum probe; D_eff leaves e₁ out as the constant mode, which the paper found to be
 *        above 0.95 in its experiments (appendix D.2); NaN when no spectrum
 */
public record SpectrumSummary(double[] eigenvalues, double[] cumulativeQuality, double[] cumulativeUtilization,
                              int droppedEigenfunctions, int trustedEigenvalues, double constantModeOverlap) {

    private static final double[] NONE = new double[0];

    /** Copies the arrays. */
    public SpectrumSummary {
        eigenvalues = eigenvalues.clone();
        cumulativeQuality = cumulativeQuality.clone();
        cumulativeUtilization = cumulativeUtilization.clone();
    }

    /** @return a spectrum that was not computed: empty arrays, 0 counts, NaN overlap */
    public static SpectrumSummary notMeasured() {
        return new SpectrumSummary(NONE, NONE, NONE, 0, 0, Double.NaN);
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[] cumulativeQuality() {
        return cumulativeQuality.clone();
    }

    @Override
    public double[] cumulativeUtilization() {
        return cumulativeUtilization.clone();
    }
}
