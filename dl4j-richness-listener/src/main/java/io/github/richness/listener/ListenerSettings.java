package io.github.richness.listener;

import io.github.richness.capture.OutputMode;
import io.github.richness.layers.LayerOptions;
import io.github.richness.record.Provenance;
import io.github.richness.report.RichnessReporter;
import java.util.List;
import org.deeplearning4j.optimize.api.InvocationType;

/**
 * The listener's validated configuration, as built by {@link RichnessListener.Builder}.
 *
 * @param runId the run's id, one per listener, written in every record
 * @param probe the held-out probe D_LR, Π and the baselines are measured on
 * @param trainingProbe the training probe (the eigenfunctions, NC1 and Tr(Σ_W)), or null to use {@code probe}
 * @param frequency measure every {@code frequency}-th invocation
 * @param invocationType when the listener is invoked
 * @param maxProbeSamples the most samples taken from each probe
 * @param spectra whether to compute the spectrum, Π* and Π̂ (a p × p eigendecomposition)
 * @param baselines whether to compute S_init, ‖θ‖², NC1 and Tr(Σ_W)
 * @param spectrumEntries how many leading entries of each spectrum array a record keeps
 * @param fullSpectraKept how many of the latest in-memory records keep their spectra
 * @param outputLayer for a graph, the output layer to measure (null: the only one)
 * @param outputMode which output f̂ is
 * @param errorBarBlocks B, the jackknife blocks of the standard errors (at least 2)
 * @param errorBarBudgetBytes the memory the block accumulators may take
 * @param reporters where records go
 * @param layers the intermediate layers to measure and how, or null for the head alone
 */
record ListenerSettings(String runId, ProbeSet probe, ProbeSet trainingProbe, int frequency,
                        InvocationType invocationType, int maxProbeSamples, boolean spectra, boolean baselines,
                        int spectrumEntries, int fullSpectraKept, String outputLayer, OutputMode outputMode,
                        int errorBarBlocks, long errorBarBudgetBytes, List<RichnessReporter> reporters,
                        LayerOptions layers) {

    /** @return what a measurement computes and how its records are labelled */
    MeasurementPlan plan() {
        return new MeasurementPlan(runId, Provenance.LISTENER, outputMode, maxProbeSamples, spectra, baselines,
                spectrumEntries, trainingProbe != null, errorBarBlocks, errorBarBudgetBytes);
    }
}
