package io.github.richness.listener;

import io.github.richness.capture.OutputMode;

/**
 * What a measurement computes and what its records say about how they were measured: the settings that the
 * listener and the distributed measurement ({@code io.github.richness.spark}) share. {@link RecordAssembly}
 * turns a measurement's moments into a record according to it.
 *
 * @param runId the run's id, written in every record (one per listener or per distributed measurement series)
 * @param source what measured, for {@link io.github.richness.record.Provenance#source()}
 * @param outputMode which output f̂ is
 * @param sampleCap the most samples taken from each probe per measurement
 * @param spectra whether to compute the spectrum, Π* and Π̂ (a p × p eigendecomposition)
 * @param baselines whether to compute S_init, ‖θ‖², NC1 and Tr(Σ_W)
 * @param spectrumEntries how many leading entries of each spectrum array a record keeps (at least 1)
 * @param separateSpectrumProbe whether the eigenfunctions come from a separate spectrum probe
 */
public record MeasurementPlan(String runId, String source, OutputMode outputMode, int sampleCap, boolean spectra,
                              boolean baselines, int spectrumEntries, boolean separateSpectrumProbe) {

    /** Checks the values that would otherwise give a wrong record. */
    public MeasurementPlan {
        if (runId == null || source == null || outputMode == null) {
            throw new IllegalArgumentException("runId, source and outputMode must not be null");
        }
        if (spectrumEntries < 1) {
            throw new IllegalArgumentException("spectrumEntries must be at least 1, got " + spectrumEntries);
        }
    }
}
