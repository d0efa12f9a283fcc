package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.Activations;
import io.github.richness.core.Baselines;
import io.github.richness.core.EstimatorSettings;
import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.record.BaselineValues;
import io.github.richness.record.Distances;
import io.github.richness.record.LibraryVersion;
import io.github.richness.record.Probe;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Spectra;
import io.github.richness.record.When;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One measurement's pipeline: probe minibatches → {@link ActivationCapture} → {@link ProbeMoments} →
 * {@link RichnessAnalysis} and {@link Baselines} → {@link RichnessRecord}, its provenance included.
 *
 * <p>{@link #measure} never throws: whatever goes wrong (NaN activations, an unsupported layer, out of memory,
 * any {@link Throwable}) becomes a failed record naming the cause, logged by {@link FailureLog}. Where the
 * cause lies in the model or the probe (diverged parameters, NaN in the probe's input, dead features or
 * outputs), {@link Diagnosis} names it in those terms; a record without D_LR is always a failed one.
 *
 * <p>The moment accumulators are allocated at the first measurement and reset and reused afterwards, so a
 * measurement's memory is the moments (O(d²)), one minibatch of activations, and the maths' p × p
 * temporaries, whatever the probe's size. Not thread-safe: the listener calls it from the training thread.
 */
final class Measurement {

    private static final String TEST_ROLE = "test probe";
    private static final String SPECTRUM_ROLE = "spectrum probe";

    private final ListenerSettings settings;
    private final FailureLog failures = new FailureLog();
    private ProbeMoments test;
    private ProbeMoments train;

    Measurement(ListenerSettings settings) {
        this.settings = settings;
    }

    /**
     * @param measured the model and what is kept of it
     * @return the record: a successful one, or a failed one naming the cause
     */
    RichnessRecord measure(MeasuredModel measured) {
        long start = System.nanoTime();
        int epoch = measured.epoch();
        int iteration = measured.iteration();
        try {
            return measureOrThrow(measured, epoch, iteration, start);
        } catch (Throwable e) {
            String cause = e instanceof MeasurementProblem ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            failures.log(epoch, iteration, e);
            ActivationCapture capture = measured.captureIfBuilt();
            Provenance provenance = provenance(capture);
            return RichnessRecord.builder().when(when(epoch, iteration, start)).provenance(provenance)
                    .failure(capture == null ? cause : cause + " (features entering " + capture.head() + ")").build();
        }
    }

    private RichnessRecord measureOrThrow(MeasuredModel measured, int epoch, int iteration, long start) {
        ActivationCapture capture = measured.capture();
        ActivationCapture initial = settings.baselines() ? measured.initialCapture() : null;
        reset();
        settings.probe().forEach(settings.maxProbeSamples(), batch -> accumulateTest(capture, initial, batch));
        requireFinite(measured.model(), test, settings.probe(), TEST_ROLE);
        ProbeMoments spectrumMoments = test;
        if (settings.spectrumProbe() != null && settings.spectra()) {
            settings.spectrumProbe().forEach(settings.maxProbeSamples(), batch -> accumulateTrain(capture, batch));
            spectrumMoments = train;
            requireFinite(measured.model(), train, settings.spectrumProbe(), SPECTRUM_ROLE);
        }
        RichnessResult result = settings.spectra() ? RichnessAnalysis.analyze(spectrumMoments, test)
                : RichnessAnalysis.distancesOnly(test);
        if (Double.isNaN(result.lowRankDistance())) {
            throw new MeasurementProblem(Diagnosis.undefinedDistance(test, result.warnings()));
        }
        Baselines baselines = settings.baselines()
                ? Baselines.measure(test, Baselines.squaredNorm(parametersOf(measured.model())))
                : Baselines.notMeasured();
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.addAll(baselines.warnings());
        if (settings.baselines() && measured.initialStateProblem() != null) {
            warnings.add(measured.initialStateProblem());
        }
        return RichnessRecord.builder()
                .when(when(epoch, iteration, start))
                .provenance(provenance(capture))
                .probe(new Probe(result.sampleCount(), result.spectrumSampleCount(), result.featureWidth(),
                        result.outputWidth()))
                .distances(new Distances(result.lowRankDistance(), result.projectionLowRankDistance()))
                .spectra(spectra(result))
                .baselines(new BaselineValues(baselines.kernelSimilarityToInit(), baselines.parameterNormSquared(),
                        baselines.nc1(), baselines.withinClassTrace()))
                .warnings(warnings)
                .build();
    }

    /** Names the real cause (diverged parameters, the probe's input, overflow) of non-finite moments. */
    private void requireFinite(Model model, ProbeMoments moments, ProbeSet probe, String role) {
        Set<Block> bad = moments.nonFiniteBlocks();
        if (!bad.isEmpty()) {
            throw new MeasurementProblem(Diagnosis.nonFinite(model, probe, role, settings.maxProbeSamples(), bad));
        }
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
        Activations activations = capture.capture(batch);
        INDArray referenceFeatures = reference == null ? null : reference.features(batch);
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
        INDArray features = capture.features(batch);
        if (train == null) {
            train = new ProbeMoments(MomentLayout.featuresOnly((int) features.columns()));
        }
        train.accumulate(features, null, null, null);
    }

    private Spectra spectra(RichnessResult result) {
        if (!settings.spectra()) {
            return Spectra.NONE;
        }
        int keep = settings.spectrumEntries();
        return new Spectra(top(result.eigenvalues(), keep), top(result.relativeEigenvalues(), keep),
                top(result.cumulativeQuality(), keep),
                top(result.cumulativeUtilization(), keep), result.effectiveDimension(),
                result.utilizationEffectiveDimension(), result.droppedEigenfunctions());
    }

    /** The provenance of a record: what the settings and the capture (if it could be built) say. */
    private Provenance provenance(ActivationCapture capture) {
        Map<String, String> probes = new LinkedHashMap<>();
        String spectrumProbe = settings.spectrumProbe() != null ? Provenance.SPECTRUM_PROBE : Provenance.TEST_PROBE;
        probes.put(Provenance.D_LR, Provenance.TEST_PROBE);
        if (settings.spectra()) {
            probes.put(Provenance.SPECTRUM, spectrumProbe);
            probes.put(Provenance.PROJECTIONS, Provenance.TEST_PROBE);
        }
        if (settings.baselines()) {
            probes.put(Provenance.S_INIT, Provenance.TEST_PROBE);
            probes.put(Provenance.COLLAPSE, Provenance.TEST_PROBE);
        }
        return new Provenance(settings.runId(), LibraryVersion.get(), Provenance.LISTENER,
                settings.outputMode().name(), capture == null ? null : capture.headName(),
                capture == null ? null : capture.headType(), settings.maxProbeSamples(), settings.spectra(),
                settings.baselines(), kernelsName(), probes, EstimatorSettings.current());
    }

    private static String kernelsName() {
        try {
            return SymmetricKernels.forBackend().name();
        } catch (RuntimeException e) {
            return "none: " + e.getMessage();
        }
    }

    private static When when(int epoch, int iteration, long startNanos) {
        return new When(epoch, iteration, System.currentTimeMillis(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static List<INDArray> parametersOf(Model model) {
        INDArray parameters = model.params();
        return parameters == null ? List.of() : List.of(parameters);
    }

    private static double[] top(double[] values, int keep) {
        return values.length <= keep ? values : Arrays.copyOf(values, keep);
    }
}
