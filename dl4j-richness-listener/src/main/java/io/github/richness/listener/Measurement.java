package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.Activations;
import io.github.richness.core.Baselines;
import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One measurement's pipeline: probe minibatches → {@link ActivationCapture} → {@link ProbeMoments} →
 * {@link RichnessAnalysis} and {@link Baselines} → {@link RichnessRecord}.
 *
 * <p>The moment accumulators are allocated at the first measurement and reset and reused afterwards, so a
 * measurement's memory is the moments (O(d²)), one minibatch of activations, and the maths' p × p
 * temporaries, whatever the probe's size. Not thread-safe: the listener calls it from the training thread.
 */
final class Measurement {

    private final ListenerSettings settings;
    private ProbeMoments test;
    private ProbeMoments train;

    Measurement(ListenerSettings settings) {
        this.settings = settings;
    }

    /**
     * @param model the model being trained
     * @param capture its capture
     * @param reference the capture of the reference model for S_init, or null
     * @param epoch the epoch count
     * @param iteration the iteration count
     * @param startNanos when the measurement started
     * @return the record
     */
    RichnessRecord measure(Model model, ActivationCapture capture, ActivationCapture reference, int epoch,
                           int iteration, long startNanos) {
        reset();
        settings.probe().forEach(settings.maxProbeSamples(), batch -> accumulateTest(capture, reference, batch));
        ProbeMoments spectrumMoments = test;
        if (settings.spectrumProbe() != null && settings.spectra()) {
            settings.spectrumProbe().forEach(settings.maxProbeSamples(), batch -> accumulateTrain(capture, batch));
            spectrumMoments = train;
        }
        RichnessResult result = settings.spectra() ? RichnessAnalysis.analyze(spectrumMoments, test)
                : RichnessAnalysis.distancesOnly(test);
        Baselines baselines = settings.baselines()
                ? Baselines.measure(test, Baselines.squaredNorm(parametersOf(model)))
                : Baselines.notMeasured();
        return record(result, baselines, capture.head(), epoch, iteration, startNanos);
    }

    private void reset() {
        if (test != null) {
            test.reset();
        }
        if (train != null) {
            train.reset();
        }
    }

    private void accumulateTest(ActivationCapture capture, ActivationCapture reference, DataSet batch) {
        Activations activations = capture.capture(batch.getFeatures());
        INDArray referenceFeatures = reference == null ? null : reference.features(batch.getFeatures());
        INDArray labels = batch.getLabels() != null && batch.getLabels().rank() == 2 ? batch.getLabels() : null;
        if (test == null) {
            int targets = labels == null ? 0 : (int) labels.columns();
            test = new ProbeMoments(new MomentLayout((int) activations.features().columns(),
                    (int) activations.outputs().columns(), targets, referenceFeatures != null, targets >= 2));
        }
        test.accumulate(activations.features(), activations.outputs(), test.layout().targets() > 0 ? labels : null,
                referenceFeatures);
    }

    private void accumulateTrain(ActivationCapture capture, DataSet batch) {
        INDArray features = capture.features(batch.getFeatures());
        if (train == null) {
            train = new ProbeMoments(MomentLayout.featuresOnly((int) features.columns()));
        }
        train.accumulate(features, null, null, null);
    }

    private RichnessRecord record(RichnessResult result, Baselines baselines, String head, int epoch, int iteration,
                                  long startNanos) {
        int keep = settings.spectrumEntries();
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.addAll(baselines.warnings());
        return new RichnessRecord(epoch, iteration, System.currentTimeMillis(),
                (System.nanoTime() - startNanos) / 1_000_000, head, result.sampleCount(),
                result.spectrumSampleCount(), result.featureWidth(), result.outputWidth(), result.lowRankDistance(),
                result.projectionLowRankDistance(), top(result.eigenvalues(), keep),
                top(result.relativeEigenvalues(), keep),
                top(result.cumulativeQuality(), keep),
                top(result.cumulativeUtilization(), keep), result.effectiveDimension(),
                result.utilizationEffectiveDimension(), result.droppedEigenfunctions(),
                baselines.kernelSimilarityToInit(), baselines.parameterNormSquared(), baselines.nc1(),
                baselines.withinClassTrace(), warnings, null);
    }

    private static List<INDArray> parametersOf(Model model) {
        INDArray parameters = model.params();
        return parameters == null ? List.of() : List.of(parameters);
    }

    private static double[] top(double[] values, int keep) {
        return values.length <= keep ? values : Arrays.copyOf(values, keep);
    }
}
