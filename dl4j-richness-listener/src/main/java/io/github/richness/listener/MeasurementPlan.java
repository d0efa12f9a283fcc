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
 * @param baselines whether to compute S_init, ‖θ‖², NC1, Tr(Σ_W) and the lazy reference
 * @param spectrumEntries how many leading entries of each spectrum array a record keeps (at least 1)
 * @param trainingProbe whether the eigenfunctions, NC1 and Tr(Σ_W) come from a training probe (the paper's
 *        protocol) rather than the test probe
 * @param errorBarBlocks B, the jackknife blocks asked for (at least 2), or 0 where the measurement cannot keep
 *        blocks (the distributed one: its records say so in a warning)
 * @param errorBarBudgetBytes the memory the jackknife's block accumulators may take (see
 *        {@link io.github.richness.moments.ErrorBarPlan}: B is lowered to what fits)
 */
public record MeasurementPlan(String runId, String source, OutputMode outputMode, int sampleCap, boolean spectra,
                              boolean baselines, int spectrumEntries, boolean trainingProbe, int errorBarBlocks,
                              long errorBarBudgetBytes) {

    /** Checks the values that would otherwise give a wrong record. */
    public MeasurementPlan {
        if (runId == null || source == null || outputMode == null) {
            throw new IllegalArgumentException("runId, source and outputMode must not be null");
        }
        if (spectrumEntries < 1) {
            throw new IllegalArgumentException("spectrumEntries must be at least 1, got " + spectrumEntries);
        }
        if (errorBarBlocks == 1 || errorBarBlocks < 0) {
            throw new IllegalArgumentException("errorBarBlocks must be 0 (none) or at least 2, got " + errorBarBlocks);
        }
        if (errorBarBudgetBytes < 0) {
            throw new IllegalArgumentException("errorBarBudgetBytes must not be negative, got " + errorBarBudgetBytes);
        }
    }

    /** @return whether the collapse baselines (NC1, Tr(Σ_W)) or the spectrum read the training probe */
    public boolean readsTrainingProbe() {
        return trainingProbe && (spectra || baselines);
    }

    /**
     * Whether a probe's moments keep class statistics: only those NC1 and Tr(Σ_W) are measured on, the training
     * probe's when it is read, else the test probe's, and none without baselines. Their accumulation (a rank-k
     * update of the class-shifted features per minibatch) is otherwise work no record reads.
     *
     * @param trainingProbe whether the moments are the training probe's rather than the test probe's
     * @return whether those moments keep class statistics
     */
    public boolean keepsClassStatistics(boolean trainingProbe) {
        return baselines && trainingProbe == readsTrainingProbe();
    }
}
