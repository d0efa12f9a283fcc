package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.SelectedLayer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.layers.LayerAccumulation;
import io.github.richness.record.LayerRichness;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One measurement of the listener: its probes → {@link ProbeAccumulation} (capture → moments) →
 * {@link RecordAssembly} (maths → record, its provenance included). The run's lazy reference is computed at
 * the first measurement that has the initial model's features ({@link RunLazyReference}) and carried on every
 * later record; each kind of warning the records carry is logged once ({@link WarningLog}).
 *
 * <p>{@link #measure} never throws: whatever goes wrong (NaN activations, an unsupported layer, out of memory,
 * any {@link Throwable}) becomes a failed record naming the cause, logged by {@link FailureLog}. Where the
 * cause lies in the model or the probe (diverged parameters, NaN in the probe's input, dead features or
 * outputs), {@link Diagnosis} names it in those terms; a record without D_LR is always a failed one.
 *
 * <p>With selected layers ({@code RichnessListener.Builder.layers}), the same forward pass also feeds a
 * {@link LayerAccumulation}, and the record carries the layers' numbers ({@link RichnessRecord#layers()});
 * the layers are resolved against the model at the first measurement (a layer the model lacks fails that
 * record, naming it, and is resolved again at the next).
 *
 * <p>The moment accumulators are allocated at the first measurement and reset and reused afterwards, so a
 * measurement's memory is the moments (O(d²)), one minibatch of activations, and the maths' p × p
 * temporaries, whatever the probe's size. Not thread-safe: the listener calls it from the training thread.
 */
final class Measurement {

    private static final String TEST_ROLE = "test probe";
    private static final String TRAINING_ROLE = "training probe";

    private final ListenerSettings settings;
    private final MeasurementPlan plan;
    private final FailureLog failures = new FailureLog();
    private final WarningLog warningLog = new WarningLog();
    private final RunLazyReference lazyReference = new RunLazyReference();
    private final ProbeAccumulation moments;
    private final InitialFeatureCache initialFeatures = new InitialFeatureCache();
    private LayerAccumulation layers;

    Measurement(ListenerSettings settings) {
        this.settings = settings;
        this.plan = settings.plan();
        this.moments = new ProbeAccumulation(plan.errorBarBlocks(), plan.errorBarBudgetBytes(),
                plan.keepsClassStatistics(false), plan.keepsClassStatistics(true));
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
            RichnessRecord record = measureOrThrow(measured, epoch, iteration, start);
            warningLog.log(record.warnings());
            return record;
        } catch (Throwable e) {
            failures.log(epoch, iteration, e);
            return RecordAssembly.failure(plan, measured.captureIfBuilt(),
                    RecordAssembly.when(epoch, iteration, start), e);
        }
    }

    private RichnessRecord measureOrThrow(MeasuredModel measured, int epoch, int iteration, long start) {
        ActivationCapture capture = measured.capture();
        ActivationCapture initial = settings.baselines() ? measured.initialCapture() : null;
        if (settings.layers() != null && layers == null) {
            List<SelectedLayer> selected = capture.resolve(settings.layers().selection());
            layers = new LayerAccumulation(settings.layers(), SymmetricKernels.forBackend());
            moments.measureLayers(selected, layers);
        }
        moments.reset();
        moments.addProbe(settings.probe(), settings.maxProbeSamples(), capture, initial, initialFeatures);
        RecordAssembly.requireFinite(measured.model(), moments.probeMoments(), TEST_ROLE,
                () -> Diagnosis.inputFinite(settings.probe(), settings.maxProbeSamples()));
        if (plan.readsTrainingProbe()) {
            moments.addTrainingProbe(settings.trainingProbe(), settings.maxProbeSamples(), capture);
            RecordAssembly.requireFinite(measured.model(), moments.trainingMoments(), TRAINING_ROLE,
                    () -> Diagnosis.inputFinite(settings.trainingProbe(), settings.maxProbeSamples()));
        }
        double parameterNorm = settings.baselines() ? RecordAssembly.parameterNormSquared(measured.model())
                : Double.NaN;
        List<String> warnings = settings.baselines() && measured.initialStateProblem() != null
                ? List.of(measured.initialStateProblem()) : List.of();
        RichnessRecord record = RecordAssembly.record(plan, moments.moments(), lazyReference, parameterNorm, warnings,
                capture, RecordAssembly.when(epoch, iteration, start));
        if (layers == null) {
            return record;
        }
        List<String> all = new ArrayList<>(record.warnings());
        List<LayerRichness> results = layers.results(settings.spectra(), all);
        return record.toBuilder().layers(results).warnings(all)
                .when(RecordAssembly.when(epoch, iteration, start)).build();
    }
}
