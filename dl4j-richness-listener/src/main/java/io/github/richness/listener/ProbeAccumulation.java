package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.Activations;
import io.github.richness.capture.LayerActivations;
import io.github.richness.capture.SelectedLayer;
import io.github.richness.layers.LayerAccumulation;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.BlockedMoments;
import io.github.richness.moments.ClassLabels;
import io.github.richness.moments.ErrorBarPlan;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The moments of one measurement, accumulated minibatch by minibatch from a model's captures (capture →
 * <b>moments</b>): those of the probe D_LR, Π and the baselines are measured on (the features Φ, the outputs
 * f̂, the targets y when the probe's labels are a matrix, and the reference model's features φ₀ for S_init and
 * the lazy reference; each minibatch with its own masks), with B interleaved jackknife blocks of the features and
 * outputs for the standard errors ({@link BlockedMoments}) when asked for, and, when there is a training probe,
 * its features and targets (the eigenfunctions of Algorithm 1, and NC1 and Tr(Σ_W) on training features).
 * Only the probe NC1 and Tr(Σ_W) are measured on keeps class statistics (their rank-k update of the class-shifted
 * features is a fifth of a measurement's accumulation), and only when the baselines are measured.
 *
 * <p>The listener fills one per measurement from its probes. A distributed measurement fills one per
 * partition of its probe, ships the moments and merges them ({@link ProbeMoments#merge}): the same numbers as
 * one pass over the whole probe, to rounding; it keeps no blocks (they are not shipped). The accumulators are
 * created at the first minibatch (their widths come from the model; the number of blocks from
 * {@link ErrorBarPlan#of}, within the memory budget), then {@link #reset() reset} and reused, so a measurement
 * allocates no moments after the first. Not thread-safe.
 */
public final class ProbeAccumulation {

    private final int errorBarBlocks;
    private final long errorBarBudgetBytes;
    private final boolean probeClassStatistics;
    private final boolean trainingClassStatistics;
    private BlockedMoments blocked;
    private ProbeMoments probe;
    private ProbeMoments training;
    private final FixedProbeClasses probeClasses = new FixedProbeClasses();
    private final FixedProbeClasses trainingClasses = new FixedProbeClasses();
    private List<SelectedLayer> selected = List.of();
    private LayerAccumulation layers;

    /**
     * Moments without jackknife blocks (no standard errors): what a partition of a distributed probe keeps.
     *
     * @param classStatistics whether the moments keep class statistics ({@link MeasurementPlan#keepsClassStatistics})
     */
    public ProbeAccumulation(boolean classStatistics) {
        this(0, 0, classStatistics, classStatistics);
    }

    /**
     * @param errorBarBlocks B, the jackknife blocks asked for (at least 2), or 0 for none
     * @param errorBarBudgetBytes the memory the block accumulators may take (B is lowered to what fits)
     * @param probeClassStatistics whether the probe's moments keep class statistics (NC1 and Tr(Σ_W) are
     *        measured on them; {@link MeasurementPlan#keepsClassStatistics})
     * @param trainingClassStatistics whether the training probe's moments keep them
     */
    ProbeAccumulation(int errorBarBlocks, long errorBarBudgetBytes, boolean probeClassStatistics,
                      boolean trainingClassStatistics) {
        this.errorBarBlocks = errorBarBlocks;
        this.errorBarBudgetBytes = errorBarBudgetBytes;
        this.probeClassStatistics = probeClassStatistics;
        this.trainingClassStatistics = trainingClassStatistics;
    }

    /**
     * Accumulates a stream of probe minibatches.
     *
     * @param minibatches the minibatches, each of any size (a partition of a distributed probe)
     * @param maxSamples the most samples to take: the leading ones of the stream
     * @param batchSize the largest minibatch run through the model at once
     * @param capture the capture of the measured model
     * @param reference the capture of the reference (initial) model for S_init, or null
     * @return the number of samples accumulated
     */
    public long addProbe(Iterator<DataSet> minibatches, long maxSamples, int batchSize, ActivationCapture capture,
                         ActivationCapture reference) {
        return ProbeSet.forEachSlice(minibatches, maxSamples, batchSize, batch -> addProbeBatch(capture, reference,
                null, batch));
    }

    /**
     * Accumulates a stream of training-probe minibatches (features, and the targets when the labels are a
     * matrix).
     *
     * @param minibatches the minibatches, each of any size
     * @param maxSamples the most samples to take: the leading ones of the stream
     * @param batchSize the largest minibatch run through the model at once
     * @param capture the capture of the measured model
     * @return the number of samples accumulated
     */
    public long addTrainingProbe(Iterator<DataSet> minibatches, long maxSamples, int batchSize,
                                 ActivationCapture capture) {
        return ProbeSet.forEachSlice(minibatches, maxSamples, batchSize, batch -> addTrainingBatch(capture, batch));
    }

    /**
     * Accumulates the listener's probe, a fixed sample: its class counts are counted from its labels before its
     * first pass (and again after a pass that found others), so that its class statistics are weighted by them
     * ({@link ProbeMoments#ProbeMoments(io.github.richness.moments.MomentLayout, SymmetricKernels, double[])}).
     */
    long addProbe(ProbeSet source, int maxSamples, ActivationCapture capture, ActivationCapture reference,
                  InitialFeatureCache initialFeatures) {
        initialFeatures.startPass(reference);
        if (probeClasses.renew(source, maxSamples, probe)) {
            probe = null;
            blocked = null;
        }
        long samples = source.forEach(maxSamples, batch -> addProbeBatch(capture, reference, initialFeatures, batch));
        probeClasses.passed(probe);
        return samples;
    }

    /** {@link #addProbe(ProbeSet, int, ActivationCapture, ActivationCapture, InitialFeatureCache)} for the training probe. */
    long addTrainingProbe(ProbeSet source, int maxSamples, ActivationCapture capture) {
        if (trainingClasses.renew(source, maxSamples, training)) {
            training = null;
        }
        long samples = source.forEach(maxSamples, batch -> addTrainingBatch(capture, batch));
        trainingClasses.passed(training);
        return samples;
    }

    /**
     * Also accumulates intermediate layers from the probe's forward passes (the same pass as the head's).
     *
     * @param selectedLayers the layers, resolved against the model
     * @param accumulation their moments
     */
    public void measureLayers(List<SelectedLayer> selectedLayers, LayerAccumulation accumulation) {
        this.selected = List.copyOf(selectedLayers);
        this.layers = accumulation;
    }

    /** Forgets what was accumulated, keeping the accumulators for reuse. */
    public void reset() {
        if (layers != null) {
            layers.reset();
        }
        if (blocked != null) {
            blocked.reset();
        } else if (probe != null) {
            probe.reset();
        }
        if (training != null) {
            training.reset();
        }
    }

    /** @return the probe's moments; null before the first minibatch */
    public ProbeMoments probeMoments() {
        return probe;
    }

    /** @return what was accumulated, for {@link RecordAssembly#record} */
    public MeasurementMoments moments() {
        return new MeasurementMoments(probe, blocked, training);
    }

    /** @return the training probe's moments; null before its first minibatch (and without a training probe) */
    public ProbeMoments trainingMoments() {
        return training;
    }

    private void addProbeBatch(ActivationCapture capture, ActivationCapture reference,
                               InitialFeatureCache initialFeatures, DataSet batch) {
        Activations activations;
        INDArray referenceFeatures;
        if (layers != null) {
            LayerActivations current = capture.capture(batch, selected);
            LayerActivations initial = reference == null ? null : reference.capture(batch, selected);
            layers.accumulate(selected, current, initial);
            activations = current.head();
            referenceFeatures = initial == null ? null : initial.head().features();
        } else {
            activations = capture.capture(batch);
            referenceFeatures = reference == null ? null
                    : initialFeatures != null ? initialFeatures.features(batch) : reference.features(batch);
        }
        INDArray labels = matrixLabels(batch);
        if (probe == null) {
            int targets = labels == null ? 0 : (int) labels.columns();
            MomentLayout layout = new MomentLayout((int) activations.features().columns(),
                    (int) activations.outputs().columns(), targets, referenceFeatures != null,
                    probeClassStatistics && targets >= 2);
            if (errorBarBlocks >= 2) {
                blocked = new BlockedMoments(layout, ErrorBarPlan.of(layout, errorBarBlocks, errorBarBudgetBytes),
                        SymmetricKernels.forBackend(), probeClasses.counts());
                probe = blocked.total();
            } else {
                probe = new ProbeMoments(layout, SymmetricKernels.forBackend(), probeClasses.counts());
            }
        }
        INDArray targets = probe.layout().targets() > 0 ? labels : null;
        if (blocked != null) {
            blocked.accumulate(activations.features(), activations.outputs(), targets, referenceFeatures);
        } else {
            probe.accumulate(activations.features(), activations.outputs(), targets, referenceFeatures);
        }
    }

    private void addTrainingBatch(ActivationCapture capture, DataSet batch) {
        INDArray features = capture.features(batch);
        INDArray labels = matrixLabels(batch);
        if (training == null) {
            int targets = labels == null ? 0 : (int) labels.columns();
            training = new ProbeMoments(new MomentLayout((int) features.columns(), 0, targets, false,
                    trainingClassStatistics && targets >= 2), SymmetricKernels.forBackend(), trainingClasses.counts());
        }
        training.accumulate(features, null, training.layout().targets() > 0 ? labels : null, null);
    }

    /**
     * A fixed probe's class counts, counted from its labels (no forward pass) whenever its accumulator is made:
     * before the first pass, and before the pass after one that found other counts (a probe changed in place).
     */
    private static final class FixedProbeClasses {

        private double[] counts;
        private boolean stale;

        /**
         * @return whether the accumulator must be made anew (none yet, or weighted by stale counts); if so the
         *         classes have just been counted
         */
        boolean renew(ProbeSet source, int maxSamples, ProbeMoments accumulator) {
            boolean renew = accumulator == null || stale;
            if (renew) {
                counts = count(source, maxSamples);
                stale = false;
            }
            return renew;
        }

        /** Notes whether the pass just made found other counts than those counted. */
        void passed(ProbeMoments accumulator) {
            stale = accumulator != null && accumulator.classCountsProblem() != null;
        }

        /** @return the counts, or null when the labels are not a matrix of at least 2 classes */
        double[] counts() {
            return counts;
        }

        private static double[] count(ProbeSet source, int maxSamples) {
            double[][] total = new double[1][];
            source.forEach(maxSamples, batch -> {
                INDArray labels = matrixLabels(batch);
                if (labels == null || labels.columns() < 2) {
                    return;
                }
                double[] batchCounts = ClassLabels.counts(labels);
                if (total[0] == null) {
                    total[0] = batchCounts;
                } else {
                    for (int c = 0; c < batchCounts.length; c++) {
                        total[0][c] += batchCounts[c];
                    }
                }
            });
            return total[0];
        }
    }

    /** @return the minibatch's labels when they are a samples × targets matrix (one-hot classes), else null */
    private static INDArray matrixLabels(DataSet batch) {
        return batch.getLabels() != null && batch.getLabels().rank() == 2 ? batch.getLabels() : null;
    }
}
