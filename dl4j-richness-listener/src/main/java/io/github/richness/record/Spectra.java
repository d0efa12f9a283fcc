package io.github.richness.record;

import java.util.Arrays;

/**
 * The spectral view of section 5 (Algorithm 1, eq. 5 and 9). Arrays are copied in and out; an array that was not
 * measured (spectra off, no targets for Π*, or dropped from a long in-memory history) is empty, never null; a
 * number that was not measured is NaN. Two spectra are equal when every array and number is ({@link Double}
 * semantics: NaN equals NaN).
 *
 * @param eigenvalues ρ_k, descending (the leading entries the listener keeps)
 * @param relativeEigenvalues ρ_k / ρ_1
 * @param cumulativeQuality Π*(k) against the targets
 * @param cumulativeUtilization Π̂(k) of the learned outputs
 * @param effectiveDimension D_eff(ρ), eq. 9, over the whole spectrum
 * @param utilizationEffectiveDimension D_eff(Q̂), eq. 9 applied to the per-eigenfunction utilisation
 * @param droppedEigenfunctions eigenfunctions left out of Π (numerically zero eigenvalue, or dependent)
 * @param trustedEigenvalues K, the Nyström trust limit (appendix J): ρ_1 … ρ_K are estimated to about 10 % or
 *        better from the spectrum probe's size, ρ_{K+1} onwards are not (JSON {@code trusted_eigenvalues}; the
 *        figures mark it); 0 when no spectrum was computed
 * @param constantModeOverlap ⟨1|e₁⟩ ∈ [0, 1], the first eigenfunction's overlap with the constant function,
 *        which D_eff leaves out as the constant mode (appendix D.2; a warning below 0.95) (JSON
 *        {@code constant_mode_overlap}); NaN when no spectrum was computed
 */
public record Spectra(double[] eigenvalues, double[] relativeEigenvalues, double[] cumulativeQuality,
                      double[] cumulativeUtilization, double effectiveDimension, double utilizationEffectiveDimension,
                      int droppedEigenfunctions, int trustedEigenvalues, double constantModeOverlap) {

    private static final double[] EMPTY = new double[0];

    /** Nothing measured. */
    public static final Spectra NONE = new Spectra(EMPTY, EMPTY, EMPTY, EMPTY, Double.NaN, Double.NaN, 0, 0,
            Double.NaN);

    /** Copies the arrays; null becomes empty. */
    public Spectra {
        eigenvalues = copy(eigenvalues);
        relativeEigenvalues = copy(relativeEigenvalues);
        cumulativeQuality = copy(cumulativeQuality);
        cumulativeUtilization = copy(cumulativeUtilization);
    }

    /** @return whether the spectrum arrays are present */
    public boolean hasArrays() {
        return relativeEigenvalues.length > 0;
    }

    /** @return these spectra with the arrays dropped (the scalars and the counts kept) */
    public Spectra withoutArrays() {
        return new Spectra(EMPTY, EMPTY, EMPTY, EMPTY, effectiveDimension, utilizationEffectiveDimension,
                droppedEigenfunctions, trustedEigenvalues, constantModeOverlap);
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[] relativeEigenvalues() {
        return relativeEigenvalues.clone();
    }

    @Override
    public double[] cumulativeQuality() {
        return cumulativeQuality.clone();
    }

    @Override
    public double[] cumulativeUtilization() {
        return cumulativeUtilization.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Spectra that && Arrays.equals(eigenvalues, that.eigenvalues)
                && Arrays.equals(relativeEigenvalues, that.relativeEigenvalues)
                && Arrays.equals(cumulativeQuality, that.cumulativeQuality)
                && Arrays.equals(cumulativeUtilization, that.cumulativeUtilization)
                && Double.compare(effectiveDimension, that.effectiveDimension) == 0
                && Double.compare(utilizationEffectiveDimension, that.utilizationEffectiveDimension) == 0
                && droppedEigenfunctions == that.droppedEigenfunctions
                && trustedEigenvalues == that.trustedEigenvalues
                && Double.compare(constantModeOverlap, that.constantModeOverlap) == 0;
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(eigenvalues);
        hash = 31 * hash + Arrays.hashCode(relativeEigenvalues);
        hash = 31 * hash + Arrays.hashCode(cumulativeQuality);
        hash = 31 * hash + Arrays.hashCode(cumulativeUtilization);
        hash = 31 * hash + Double.hashCode(effectiveDimension);
        hash = 31 * hash + Double.hashCode(utilizationEffectiveDimension);
        hash = 31 * hash + droppedEigenfunctions;
        hash = 31 * hash + trustedEigenvalues;
        return 31 * hash + Double.hashCode(constantModeOverlap);
    }

    @Override
    public String toString() {
        return "Spectra[" + eigenvalues.length + " eigenvalues, D_eff " + effectiveDimension + ", D_eff(Q̂) "
                + utilizationEffectiveDimension + ", dropped " + droppedEigenfunctions + ", trusted " + trustedEigenvalues
                + ", ⟨1|e₁⟩ " + constantModeOverlap + "]";
    }

    private static double[] copy(double[] values) {
        return values == null || values.length == 0 ? EMPTY : values.clone();
    }
}
