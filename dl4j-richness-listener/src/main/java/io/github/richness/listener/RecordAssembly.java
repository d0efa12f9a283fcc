package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.core.Baselines;
import io.github.richness.core.EstimatorSettings;
import io.github.richness.core.ParameterNorm;
import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.core.StandardErrors;
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

/**
 * The last steps of a measurement (moments → <b>maths</b> → <b>record</b>): {@link RichnessAnalysis} and
 * {@link Baselines} on a measurement's moments, and the {@link RichnessRecord} with its provenance, as the
 * {@link MeasurementPlan} says. The listener and the distributed measurement ({@code io.github.richness.spark})
 * both end here, so a record means the same whichever measured it.
 */
public final class RecordAssembly {

    /** The warning of a measurement that keeps no jackknife blocks (a distributed one). */
    static final String NO_BLOCKS = "standard errors not measured: this measurement keeps no jackknife blocks"
            + " (a distributed measurement does not ship them; see SPARK.md)";

    private RecordAssembly() {
    }

    /**
     * @param plan what to compute and how the record is labelled
     * @param moments the test probe's moments (features, outputs, and targets and reference features where
     *        measured), their jackknife blocks if kept, and the training probe's moments if the plan has one
     * @param lazy the run's lazy reference (computed at the first call whose moments allow it, then kept)
     * @param parameterNormSquared ‖θ‖² of the measured model ({@link #parameterNormSquared(Model)}), or NaN
     * @param warnings what else the record should say (for example why there is no S_init)
     * @param capture the capture the moments came from (for the head's name and type)
     * @param when when it was measured
     * @return the record
     * @throws IllegalArgumentException if the moments cannot be analysed (no sample, NaN activations, …, or
     *         no training-probe sample although the plan reads a training probe)
     * @throws RuntimeException naming the cause in the model's terms when D_LR is undefined (dead features or
     *         outputs): a record without D_LR is a failed record
     */
    public static RichnessRecord record(MeasurementPlan plan, MeasurementMoments moments, RunLazyReference lazy,
                                        double parameterNormSquared, List<String> warnings,
                                        ActivationCapture capture, When when) {
        ProbeMoments probe = moments.test();
        if (probe == null || probe.count() == 0) {
            throw new IllegalArgumentException("the probe gave no sample to measure on");
        }
        ProbeMoments training = moments.training();
        if (plan.readsTrainingProbe() && (training == null || training.count() == 0)) {
            throw new IllegalArgumentException("the training probe gave no sample to measure on");
        }
        ProbeMoments spectrumMoments = plan.readsTrainingProbe() ? training : probe;
        SymmetricKernels kernels = SymmetricKernels.forBackend();
        RichnessResult result = analyze(plan, spectrumMoments, moments, kernels);
        if (Double.isNaN(result.lowRankDistance())) {
            throw new MeasurementProblem(Diagnosis.undefinedDistance(probe, result.warnings()));
        }
        List<String> all = new ArrayList<>(result.warnings());
        Baselines baselines = Baselines.notMeasured();
        double lazyReference = Double.NaN;
        if (plan.baselines()) {
            baselines = Baselines.measure(probe, spectrumMoments, parameterNormSquared, kernels);
            all.addAll(baselines.warnings());
            lazyReference = lazy.of(probe, all);
        }
        if (plan.errorBarBlocks() == 0) {
            all.add(NO_BLOCKS);
        }
        all.addAll(warnings);
        StandardErrors errors = result.distances().standardErrors();
        Map<String, String> jackknife = new LinkedHashMap<>();
        jackknife.put(Provenance.JACKKNIFE_BLOCKS, Integer.toString(errors.blocks()));
        jackknife.put(Provenance.JACKKNIFE_BLOCKS_REQUESTED, Integer.toString(plan.errorBarBlocks()));
        return RichnessRecord.builder()
                .when(when)
                .provenance(provenance(plan, capture).withEstimators(jackknife))
                .probe(new Probe(result.sampleCount(), result.spectrumSampleCount(), result.featureWidth(),
                        result.outputWidth()))
                .distances(new Distances(result.lowRankDistance(), result.projectionLowRankDistance(),
                        result.debiasedLowRankDistance(), new ErrorBars(errors.lowRankDistance(),
                        errors.debiasedLowRankDistance()), lazyReference))
                .spectra(spectra(plan, result))
                .baselines(new BaselineValues(baselines.kernelSimilarityToInit(), baselines.parameterNormSquared(),
                        baselines.nc1(), baselines.withinClassTrace()))
                .warnings(all)
                .build();
    }

    private static RichnessResult analyze(MeasurementPlan plan, ProbeMoments spectrum, MeasurementMoments moments,
                                          SymmetricKernels kernels) {
        if (moments.blocks() != null) {
            return plan.spectra() ? RichnessAnalysis.analyze(spectrum, moments.blocks(), kernels)
                    : RichnessAnalysis.distancesOnly(moments.blocks(), kernels);
        }
        return plan.spectra() ? RichnessAnalysis.analyze(spectrum, moments.test(), kernels)
                : RichnessAnalysis.distancesOnly(moments.test(), kernels);
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
        String trainingProbe = plan.trainingProbe() ? Provenance.TRAINING_PROBE : Provenance.TEST_PROBE;
        probes.put(Provenance.D_LR, Provenance.TEST_PROBE);
        if (plan.spectra()) {
            probes.put(Provenance.SPECTRUM, trainingProbe);
            probes.put(Provenance.PROJECTIONS, Provenance.TEST_PROBE);
        }
        if (plan.baselines()) {
            probes.put(Provenance.S_INIT, Provenance.TEST_PROBE);
            probes.put(Provenance.LAZY, Provenance.TEST_PROBE);
            probes.put(Provenance.COLLAPSE, trainingProbe);
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
     * @return ‖θ‖² of its learned parameters, batch-normalisation running statistics left out
     *         ({@link ParameterNorm}), accumulated in double precision (0 without parameters)
     */
    public static double parameterNormSquared(Model model) {
        return ParameterNorm.squaredNorm(model);
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
