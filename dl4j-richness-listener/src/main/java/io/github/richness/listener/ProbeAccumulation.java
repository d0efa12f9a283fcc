package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.Activations;
import io.github.richness.capture.LayerActivations;
import io.github.richness.capture.SelectedLayer;
import io.github.richness.layers.LayerAccumulation;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The moments of one measurement, accumulated minibatch by minibatch from a model's captures (capture →
 * <b>moments</b>): those of the probe D_LR, Π and the baselines are measured on (the features Φ, the outputs
 * f̂, the targets y when the probe's labels are a matrix, and the reference model's features φ₀ for S_init;
 * each minibatch with its own masks),
 * and, when there is a separate spectrum probe, its features alone (Algorithm 1).
 *
 * <p>The listener fills one per measurement from its probes. A distributed measurement fills one per
 * partition of its probe, ships the moments and merges them ({@link ProbeMoments#merge}): the same numbers as
 * one pass over the whole probe, to rounding. The accumulators are created at the first minibatch (their
 * widths come from the model), then {@link #reset() reset} and reused, so a measurement allocates no moments
 * after the first. Not thread-safe.
 */
public final class ProbeAccumulation {

    private ProbeMoments probe;
    private ProbeMoments spectrum;
    private List<SelectedLayer> selected = List.of();
    private LayerAccumulation layers;

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
                batch));
    }

    /**
     * Accumulates a stream of spectrum-probe minibatches (features only).
     *
     * @param minibatches the minibatches, each of any size
     * @param maxSamples the most samples to take: the leading ones of the stream
     * @param batchSize the largest minibatch run through the model at once
     * @param capture the capture of the measured model
     * @return the number of samples accumulated
     */
    public long addSpectrumProbe(Iterator<DataSet> minibatches, long maxSamples, int batchSize,
                                 ActivationCapture capture) {
        return ProbeSet.forEachSlice(minibatches, maxSamples, batchSize, batch -> addSpectrumBatch(capture, batch));
    }

    long addProbe(ProbeSet source, int maxSamples, ActivationCapture capture, ActivationCapture reference) {
        return source.forEach(maxSamples, batch -> addProbeBatch(capture, reference, batch));
    }

    long addSpectrumProbe(ProbeSet source, int maxSamples, ActivationCapture capture) {
        return source.forEach(maxSamples, batch -> addSpectrumBatch(capture, batch));
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
        if (probe != null) {
            probe.reset();
        }
        if (spectrum != null) {
            spectrum.reset();
        }
    }

    /** @return the probe's moments; null before the first minibatch */
    public ProbeMoments probeMoments() {
        return probe;
    }

    /** @return the spectrum probe's moments; null before its first minibatch (and without a spectrum probe) */
    public ProbeMoments spectrumMoments() {
        return spectrum;
    }

    private void addProbeBatch(ActivationCapture capture, ActivationCapture reference, DataSet batch) {
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
            referenceFeatures = reference == null ? null : reference.features(batch);
        }
        INDArray labels = batch.getLabels() != null && batch.getLabels().rank() == 2 ? batch.getLabels() : null;
        if (probe == null) {
            int targets = labels == null ? 0 : (int) labels.columns();
            probe = new ProbeMoments(new MomentLayout((int) activations.features().columns(),
                    (int) activations.outputs().columns(), targets, referenceFeatures != null, targets >= 2));
        }
        probe.accumulate(activations.features(), activations.outputs(), probe.layout().targets() > 0 ? labels : null,
                referenceFeatures);
    }

    private void addSpectrumBatch(ActivationCapture capture, DataSet batch) {
        INDArray features = capture.features(batch);
        if (spectrum == null) {
            spectrum = new ProbeMoments(MomentLayout.featuresOnly((int) features.columns()));
        }
        spectrum.accumulate(features, null, null, null);
    }
}
