package io.github.richness.core;

/**
 * The effective dimension of a non-negative spectrum, eq. 9 (appendix B.4): one plus the exponential of
 * the Shannon entropy of the normalised entries after the first,
 * D_eff(ρ) = 1 + exp(−Σ_{i≥2} π_i ln π_i), π_i = ρ_i / Σ_{j≥2} ρ_j.
 *
 * <p>The first entry is excluded because the first eigenfunction is the constant function, which the
 * centring in CKA ignores (appendix D.2). d equal non-zero entries after the first give 1 + d. Negative
 * entries (round-off) count as zero; when every entry after the first is zero the result is 1.
 */
public final class EffectiveDimension {

    private EffectiveDimension() {
    }

    /**
     * @param descending the spectrum (eigenvalues ρ_k, or per-feature utilisations Q̂(k)), first entry first
     * @return D_eff, between 1 and the length of the spectrum
     */
    public static double of(double[] descending) {
        double total = 0;
        for (int i = 1; i < descending.length; i++) {
            total += Math.max(descending[i], 0.0);
        }
        if (!(total > 0)) {
            return 1.0;
        }
        double entropy = 0;
        for (int i = 1; i < descending.length; i++) {
            double share = Math.max(descending[i], 0.0) / total;
            if (share > 0) {
                entropy -= share * Math.log(share);
            }
        }
        return 1.0 + Math.exp(entropy);
    }
}
