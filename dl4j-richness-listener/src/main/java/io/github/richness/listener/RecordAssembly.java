package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.core.Baselines;
import io.github.richness.core.EstimatorSettings;
import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.record.BaselineValues;
import io.github.richness.record.Distances;
import io.github.richness.record.ErrorBars;
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
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The last steps of a measurement (moments → <b>maths</b> → <b>record</b>): {@link RichnessAnalysis} and
 * {@link Baselines} on a measurement's moments, and the {@link RichnessRecord} with its provenance, as the
 * {@link MeasurementPlan} says. The listener and the distributed measurement ({@code io.github.richness.spark})
 * both end here, so a record means the same whichever measured it.
 */
public final class RecordAssembly {

    private RecordAssembly() {
    }

    /**
     * @param plan what to compute and how the record is labelled
     * @param probe the probe's moments (features, outputs, and targets and reference features where measured)
     * @param spectrum the separate spectrum probe's moments, or null to take the eigenfunctions from {@code probe}
     * @param parameterNormSquared ‖θ‖² of the measured model ({@link #parameterNormSquared(Model)}), or NaN
     * @param warnings what else the record should say (for example why there is no S_init)
     * @param capture the capture the moments came from (for the head's name and type)
     * @param when when it was measured
     * @return the record
     * @throws IllegalArgumentException if the moments cannot be analysed (no sample, NaN activations, …, or
     *         no spectrum-probe sample although the plan has a separate spectrum probe)
     * @throws RuntimeException naming the cause in the model's terms when D_LR is undefined (dead features or
     *         outputs): a record without D_LR is a failed record
     */
    public static RichnessRecord record(MeasurementPlan plan, ProbeMoments probe, ProbeMoments spectrum,
                                        double parameterNormSquared, List<String> warnings,
                                        ActivationCapture capture, When when) {
        if (probe == null || probe.count() == 0) {
            throw new IllegalArgumentException("the probe gave no sample to measure on");
        }
        boolean separate = plan.spectra() && plan.separateSpectrumProbe();
        if (separate && (spectrum == null || spectrum.count() == 0)) {
            throw new IllegalArgumentException("the spectrum probe gave no sample to measure on");
        }
        ProbeMoments spectrumMoments = separate ? spectrum : probe;
        RichnessResult result = plan.spectra() ? RichnessAnalysis.analyze(spectrumMoments, probe)
                : RichnessAnalysis.distancesOnly(probe);
        if (Double.isNaN(result.lowRankDistance())) {
            throw new MeasurementProblem(Diagnosis.undefinedDistance(probe, result.warnings()));
        }
        Baselines baselines = plan.baselines() ? Baselines.measure(probe, parameterNormSquared)
                : Baselines.notMeasured();
        List<String> all = new ArrayList<>(result.warnings());
        all.addAll(baselines.warnings());
        all.addAll(warnings);
        return RichnessRecord.builder()
                .when(when)
                .provenance(provenance(plan, capture))
                .probe(new Probe(result.sampleCount(), result.spectrumSampleCount(), result.featureWidth(),
                        result.outputWidth()))
                .distances(new Distances(result.lowRankDistance(), result.projectionLowRankDistance(),
                        result.debiasedLowRankDistance(), new ErrorBars(result.lowRankDistanceStandardError(),
                        result.debiasedLowRankDistanceStandardError()), Double.NaN))
                .spectra(spectra(plan, result))
                .baselines(new BaselineValues(baselines.kernelSimilarityToInit(), baselines.parameterNormSquared(),
                        baselines.nc1(), baselines.withinClassTrace()))
                .warnings(all)
                .build();
    }

    /**
     * @param plan how the record is labelled
     * @param capture the capture, or null if it could not be built
     * @param when when the measurement was attempted
     * @param cause what went wrong
     * @return a failed record naming the cause (and the head, when known)
     */
    public static RichnessRecord failure(MeasurementPlan plan, ActivationCapture capture, When when, Throwable cause) {
        String text = cause instanceof MeasurementProblem ? cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return RichnessRecord.builder().when(when).provenance(provenance(plan, capture))
                .failure(capture == null ? text : text + " (features entering " + capture.head() + ")").build();
    }

    /**
     * @param plan the settings
     * @param capture the capture, or null if it could not be built
     * @return the provenance of a record: what the plan and the capture (if known) say
     */
    public static Provenance provenance(MeasurementPlan plan, ActivationCapture capture) {
        Map<String, String> probes = new LinkedHashMap<>();
        String spectrumProbe = plan.separateSpectrumProbe() ? Provenance.TRAINING_PROBE : Provenance.TEST_PROBE;
        probes.put(Provenance.D_LR, Provenance.TEST_PROBE);
        if (plan.spectra()) {
            probes.put(Provenance.SPECTRUM, spectrumProbe);
            probes.put(Provenance.PROJECTIONS, Provenance.TEST_PROBE);
        }
        if (plan.baselines()) {
            probes.put(Provenance.S_INIT, Provenance.TEST_PROBE);
            probes.put(Provenance.COLLAPSE, Provenance.TEST_PROBE);
        }
        return new Provenance(plan.runId(), LibraryVersion.get(), plan.source(), plan.outputMode().name(),
                capture == null ? null : capture.headName(), capture == null ? null : capture.headType(),
                plan.sampleCap(), plan.spectra(), plan.baselines(), kernelsName(), probes,
                EstimatorSettings.current());
    }

    /**
     * @param epoch the model's epoch count
     * @param iteration the model's iteration count
     * @param startNanos {@link System#nanoTime()} when the measurement started
     * @return when it was measured, and how long it took until now
     */
    public static When when(int epoch, int iteration, long startNanos) {
        return new When(epoch, iteration, System.currentTimeMillis(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * @param model a model
     * @return its epoch count (0 for a model that is neither a MultiLayerNetwork nor a ComputationGraph)
     */
    public static int epochOf(Model model) {
        if (model instanceof MultiLayerNetwork network) {
            return network.getEpochCount();
        }
        return model instanceof ComputationGraph graph ? graph.getEpochCount() : 0;
    }

    /**
     * @param model a model
     * @return its iteration count (0 for a model that is neither a MultiLayerNetwork nor a ComputationGraph)
     */
    public static int iterationOf(Model model) {
        if (model instanceof MultiLayerNetwork network) {
            return network.getIterationCount();
        }
        return model instanceof ComputationGraph graph ? graph.getIterationCount() : 0;
    }

    /**
     * @param model a model
     * @return ‖θ‖² of its flattened parameters, accumulated in double precision (0 without parameters)
     */
    public static double parameterNormSquared(Model model) {
        INDArray parameters = model.params();
        return Baselines.squaredNorm(parameters == null ? List.of() : List.of(parameters));
    }

    /**
     * Fails with the real cause (diverged parameters, the probe's input, an overflowing forward pass) when a
     * probe's moments received non-finite values; does nothing otherwise (two scalar transfers).
     *
     * @param model the model measured
     * @param moments the probe's moments
     * @param role the probe's name in texts ("test probe", "spectrum probe")
     * @param inputFinite whether the probe's input features are finite, asked only on this failure path
     * @throws RuntimeException naming the cause, which {@link #failure} turns into the record's text as it is
     */
    public static void requireFinite(Model model, ProbeMoments moments, String role, BooleanSupplier inputFinite) {
        if (moments == null) {
            return;
        }
        Set<Block> bad = moments.nonFiniteBlocks();
        if (!bad.isEmpty()) {
            throw new MeasurementProblem(Diagnosis.nonFinite(model, inputFinite, role, bad));
        }
    }

    private static Spectra spectra(MeasurementPlan plan, RichnessResult result) {
        if (!plan.spectra()) {
            return Spectra.NONE;
        }
        int keep = plan.spectrumEntries();
        return new Spectra(top(result.eigenvalues(), keep), top(result.relativeEigenvalues(), keep),
                top(result.cumulativeQuality(), keep),
                top(result.cumulativeUtilization(), keep), result.effectiveDimension(),
                result.utilizationEffectiveDimension(), result.droppedEigenfunctions(), result.trustedEigenvalues(),
                result.constantModeOverlap());
    }

    private static String kernelsName() {
        try {
            return SymmetricKernels.forBackend().name();
        } catch (RuntimeException e) {
            return "none: " + e.getMessage();
        }
    }

    private static double[] top(double[] values, int keep) {
        return values.length <= keep ? values : Arrays.copyOf(values, keep);
    }
}
