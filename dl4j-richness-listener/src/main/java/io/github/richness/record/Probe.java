package io.github.richness.record;

/**
 * The sizes a measurement was taken at. Linear CKA from a small probe is biased towards 1 (D_LR towards 0), and
 * the Nyström spectrum needs more samples than features: compare values measured with the same sizes.
 *
 * @param testSamples n, the held-out probe samples D_LR, Π and S_init were measured on (0 when unknown)
 * @param spectrumSamples the samples the eigenfunctions come from (0 when no spectrum was computed)
 * @param featureWidth p, the width of the features Φ entering the head (0 when unknown)
 * @param outputWidth C, the width of the head's output f̂ (0 when unknown)
 */
public record Probe(long testSamples, long spectrumSamples, int featureWidth, int outputWidth) {

    /** The sizes of a measurement that failed before any was known. */
    public static final Probe UNKNOWN = new Probe(0, 0, 0, 0);
}
