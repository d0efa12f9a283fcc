package io.github.richness.record;

import java.util.List;

/**
 * One measurement of a model's richness: what the listener records at an epoch end or iteration, and what
 * the reporters show. Immutable; array accessors return copies; {@link RecordJson} gives its stable JSON form.
 *
 * <p>A measurement that failed (NaN activations, out of memory, an unsupported layer) is still a record:
 * {@link #failure()} says why and the numbers are NaN, so the training run goes on and the cause is kept.
 *
 * @param epoch the model's epoch count when measured (0-based)
 * @param iteration the model's iteration count when measured
 * @param timestampMillis wall-clock time of the measurement, milliseconds since the epoch
 * @param measurementMillis how long the measurement took (forward passes and maths)
 * @param head the layer whose input are the features, e.g. {@code layer 3 (OutputLayer)}
 * @param sampleCount n, the probe samples D_LR was measured on (CKA from a small probe is biased: compare runs
 *        with the same n)
 * @param spectrumSampleCount the samples the eigenfunctions come from
 * @param featureWidth p
 * @param outputWidth C
 * @param lowRankDistance D_LR, eq. 4 (0 rich, 1 lazy)
 * @param projectionLowRankDistance D_LR with the exact projection of Definition 1
 * @param eigenvalues ρ_k (the top entries kept by the listener's configuration)
 * @param relativeEigenvalues ρ_k / ρ_1
 * @param cumulativeQuality Π*(k), empty without targets
 * @param cumulativeUtilization Π̂(k)
 * @param effectiveDimension D_eff(ρ), eq. 9, over the whole spectrum
 * @param utilizationEffectiveDimension D_eff(Q̂)
 * @param droppedEigenfunctions eigenfunctions left out of Π (zero eigenvalue or dependent)
 * @param kernelSimilarityToInit S_init (NaN when not measured)
 * @param parameterNormSquared ‖θ‖² (NaN when not measured)
 * @param nc1 NC1 = Tr(Σ_b⁺ Σ_W) (NaN without class labels)
 * @param withinClassTrace Tr(Σ_W)
 * @param warnings what to know about these numbers
 * @param failure why the measurement failed, or null
 */
public record RichnessRecord(int epoch, int iteration, long timestampMillis, long measurementMillis, String head,
                             long sampleCount, long spectrumSampleCount, int featureWidth, int outputWidth,
                             double lowRankDistance, double projectionLowRankDistance,
                             double[] eigenvalues, double[] relativeEigenvalues, double[] cumulativeQuality,
                             double[] cumulativeUtilization, double effectiveDimension,
                             double utilizationEffectiveDimension, int droppedEigenfunctions,
                             double kernelSimilarityToInit, double parameterNormSquared, double nc1,
                             double withinClassTrace, List<String> warnings, String failure) {

    private static final double[] NONE = new double[0];

    /** Copies arrays and the warning list; null arrays become empty. */
    public RichnessRecord {
        eigenvalues = copy(eigenvalues);
        relativeEigenvalues = copy(relativeEigenvalues);
        cumulativeQuality = copy(cumulativeQuality);
        cumulativeUtilization = copy(cumulativeUtilization);
        warnings = List.copyOf(warnings);
    }

    /**
     * A record of a failed measurement: every number NaN, the cause kept.
     *
     * @param epoch the epoch
     * @param iteration the iteration
     * @param timestampMillis when
     * @param measurementMillis how long the attempt took
     * @param head the measured layer, if known
     * @param failure the cause
     * @return the record
     */
    public static RichnessRecord failed(int epoch, int iteration, long timestampMillis, long measurementMillis,
                                        String head, String failure) {
        return new RichnessRecord(epoch, iteration, timestampMillis, measurementMillis, head, 0, 0, 0, 0,
                Double.NaN, Double.NaN, NONE, NONE, NONE, NONE, Double.NaN, Double.NaN, 0, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, List.of(), failure);
    }

    /** @return whether the measurement succeeded */
    public boolean ok() {
        return failure == null;
    }

    /** @return this record with the spectrum arrays dropped (scalars kept), for long in-memory histories */
    public RichnessRecord withoutSpectra() {
        return new RichnessRecord(epoch, iteration, timestampMillis, measurementMillis, head, sampleCount,
                spectrumSampleCount, featureWidth, outputWidth, lowRankDistance, projectionLowRankDistance, NONE,
                NONE, NONE, NONE, effectiveDimension, utilizationEffectiveDimension, droppedEigenfunctions,
                kernelSimilarityToInit, parameterNormSquared, nc1, withinClassTrace, warnings, failure);
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
        return other instanceof RichnessRecord that && RecordJson.toJson(this).equals(RecordJson.toJson(that));
    }

    @Override
    public int hashCode() {
        return RecordJson.toJson(this).hashCode();
    }

    @Override
    public String toString() {
        return RecordJson.toJson(this);
    }

    private static double[] copy(double[] values) {
        return values == null ? NONE : values.clone();
    }
}
