package io.github.richness.core;

import io.github.richness.moments.SketchedMoments;

/**
 * D_LR = 1 − CKA(Φ, f̂) (eq. 4) and S_init = CKA(Φ, Φ⁰) (eq. 7) of a layer too wide for exact p × p moments,
 * from a {@link SketchedMoments}: the Frobenius norms of the p × p co-moments are Hutchinson estimates (the
 * mean of k unbiased terms), ‖Φ_cᵀ f̂_c‖² and ‖f̂_cᵀ f̂_c‖ are exact.
 *
 * <p>CKA(Φ, f̂) = ‖Φ_cᵀf̂_c‖²_F / (√Q ‖f̂_cᵀf̂_c‖_F), Q = (1/k) Σ_j ‖(M g_j)‖² ≈ ‖Φ_cᵀΦ_c‖²_F; S_init =
 * X / √(Q Q⁰) with X ≈ ‖Φ⁰_cᵀΦ_c‖²_F and Q⁰ ≈ ‖Φ⁰_cᵀΦ⁰_c‖²_F from the same probes. The error: Q has relative
 * standard deviation √(2(‖M²‖²_F − Σ(M²)²ᵢᵢ)/k)/‖M‖²_F ≤ √(2/k) (Rademacher probes; smaller the flatter M's
 * spectrum), and CKA's relative error is about half Q's. It is estimated without the exact value by the
 * delete-one jackknife over the k probes (each probe's term is independent): se² = (k − 1)/k Σ_j (θ_(j) − θ̄)²,
 * θ_(j) the estimate without probe j. The reported bound is {@value #BOUND_STANDARD_ERRORS} standard errors:
 * by Chebyshev's inequality the error exceeds it with probability at most 1/9 whatever the distribution,
 * about 0.3 % where the mean of the k terms is close to normal (k ≥ {@link SketchedMoments#MIN_PROBES}). The
 * estimates are clamped to [0, 1] as the exact CKA is; the bound is that of the unclamped estimate.
 */
public final class SketchedCka {

    /** How many jackknife standard errors the reported bound is. */
    public static final double BOUND_STANDARD_ERRORS = 3.0;

    private SketchedCka() {
    }

    /**
     * An estimate with its error bound.
     *
     * @param value the estimate (NaN when undefined: constant features or outputs)
     * @param bound {@value #BOUND_STANDARD_ERRORS} jackknife standard errors of it
     */
    public record Estimate(double value, double bound) {
    }

    /**
     * @param sketch the layer's sketched moments
     * @return D_LR_l with its bound
     */
    public static Estimate lowRankDistance(SketchedMoments sketch) {
        double numerator = sketch.outputCrossSquared();
        double outputNorm = sketch.outputNorm();
        double[] terms = sketch.featureTerms();
        if (!(outputNorm > 0) || !(mean(terms) > 0)) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        Jackknifed cka = jackknife(terms.length, j -> numerator / (Math.sqrt(deleteOne(terms, j)) * outputNorm),
                numerator / (Math.sqrt(mean(terms)) * outputNorm));
        return new Estimate(1.0 - clamp(cka.value()), cka.bound());
    }

    /**
     * @param sketch the layer's sketched moments, with a reference
     * @return S_init_l with its bound; NaN without a reference
     */
    public static Estimate kernelSimilarityToInit(SketchedMoments sketch) {
        if (!sketch.hasReference()) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        double[] features = sketch.featureTerms();
        double[] reference = sketch.referenceTerms();
        double[] cross = sketch.crossTerms();
        if (!(mean(features) > 0) || !(mean(reference) > 0)) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        Jackknifed similarity = jackknife(features.length, j -> deleteOne(cross, j)
                / Math.sqrt(deleteOne(features, j) * deleteOne(reference, j)),
                mean(cross) / Math.sqrt(mean(features) * mean(reference)));
        return new Estimate(clamp(similarity.value()), similarity.bound());
    }

    private record Jackknifed(double value, double bound) {
    }

    private static Jackknifed jackknife(int k, java.util.function.IntToDoubleFunction deleteOne, double full) {
        double[] replicates = new double[k];
        double average = 0;
        for (int j = 0; j < k; j++) {
            replicates[j] = deleteOne.applyAsDouble(j);
            average += replicates[j] / k;
        }
        double spread = 0;
        for (double replicate : replicates) {
            spread += (replicate - average) * (replicate - average);
        }
        return new Jackknifed(full, BOUND_STANDARD_ERRORS * Math.sqrt((k - 1.0) / k * spread));
    }

    private static double mean(double[] terms) {
        double sum = 0;
        for (double term : terms) {
            sum += term;
        }
        return sum / terms.length;
    }

    /** The mean of the terms without term j. */
    private static double deleteOne(double[] terms, int j) {
        return (mean(terms) * terms.length - terms[j]) / (terms.length - 1);
    }

    private static double clamp(double value) {
        return Math.min(1.0, Math.max(0.0, value));
    }
}
