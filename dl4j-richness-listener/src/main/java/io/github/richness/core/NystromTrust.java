package io.github.richness.core;

/**
 * The Nyström trust limit of appendix J: the index beyond which the eigenvalues ρ_k of Algorithm 1 are not
 * estimated reliably from a probe of n samples.
 *
 * <p>Appendix J.1 finds, on Gaussian features with a power-law spectrum, that the estimates are accurate
 * except for the small eigenvalues (k near p), whose sampling noise is large against their size. The rule
 * here estimates each eigenvalue's relative error from the sample spectrum itself, with the classical
 * large-n results for the eigenvalues l_k of a sample second moment of Gaussian data with population
 * eigenvalues λ_k:
 * <ul>
 *   <li>bias (Lawley 1956): E[l_k] = λ_k (1 + b_k) + O(n⁻²), b_k = (1/n) Σ_{j≠k} λ_j / (λ_k − λ_j);</li>
 *   <li>variance (Anderson 1963): Var[l_k] = 2 λ_k² / n;</li>
 *   <li>effectively degenerate multiplets (North, Bell, Cahalan and Moeng 1982): eigenvalues closer than
 *       their sampling error, |λ_k − λ_j| &lt; √(2/n) max(λ_k, λ_j), mix within their multiplet without biasing
 *       its common value, so such j are left out of b_k (the expansion does not hold for them).</li>
 * </ul>
 * With the sample eigenvalues in place of λ (plug-in), the estimated relative RMS error of ρ_k is
 * e_k = √(b_k² + 2/n), the quantity of eq. 67. The trust limit K is the largest k with e_k ≤
 * {@link #RELATIVE_ERROR_LIMIT}: every eigenvalue after ρ_K is estimated worse than 10 %. The bias grows in
 * the tail (each small eigenvalue is pulled down by the n-sample noise of all the larger ones, the
 * Marchenko–Pastur effect), which is what "small against the median or against the sampling noise" means
 * in numbers. K is also at most the number of numerically non-zero eigenvalues and at most n (a probe of n
 * samples resolves at most n directions), and 0 when n &lt; 200 (then √(2/n) alone exceeds 10 %).
 *
 * <p>Measured on the setup of appendix J.1.1 (ρ_k = k^−α, p = 200; see the tests): for n = 1000 and 2000 the
 * K of this rule is within 10–20 % of the last index whose actual RMS error is 10 % or less. The rule
 * assumes roughly Gaussian features: heavier tails (larger fourth moments) make the true errors larger than
 * it says. Individual eigenfunctions are less accurate than their eigenvalues (appendix J.1.3), but their
 * cumulative spans, which Π* and Π̂ measure, are as accurate as the spectrum (appendix J.2).
 */
final class NystromTrust {

    /** The largest estimated relative RMS error of a trusted eigenvalue. */
    static final double RELATIVE_ERROR_LIMIT = 0.1;

    private NystromTrust() {
    }

    /**
     * O(p²) work on the host.
     *
     * @param descending the sample eigenvalues ρ_1 ≥ … ≥ ρ_p (non-negative)
     * @param sampleCount n, the size of the probe they come from
     * @param significant how many lead the spectrum above the numerical floor
     * @return K, between 0 and min(significant, n)
     */
    static int trustedCount(double[] descending, long sampleCount, int significant) {
        double n = sampleCount;
        double samplingError = Math.sqrt(2.0 / n);
        int limit = (int) Math.min(significant, sampleCount);
        for (int k = limit - 1; k >= 0; k--) {
            double bias = 0;
            double rhoK = descending[k];
            for (int j = 0; j < descending.length; j++) {
                double gap = rhoK - descending[j];
                if (j != k && Math.abs(gap) >= samplingError * Math.max(rhoK, descending[j])) {
                    bias += descending[j] / gap;
                }
            }
            bias /= n;
            if (Math.sqrt(bias * bias + 2.0 / n) <= RELATIVE_ERROR_LIMIT) {
                return k + 1;
            }
        }
        return 0;
    }
}
