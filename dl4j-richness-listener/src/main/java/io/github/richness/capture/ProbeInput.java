package io.github.richness.capture;

import io.github.richness.device.HostTransfer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One probe minibatch as the listener's forward pass takes it: the features and their mask (null when every
 * sample is used in full), checked against each other before anything runs.
 *
 * <p>The features mask is DL4J's: {@code [samples, time steps]} for sequences {@code [samples, features, time]}
 * (NCW) or {@code [samples, time, features]} (NWC), {@code [samples, 1]} for a feed-forward input, one row per
 * sample for other ranks. Every sample must keep at least one unmasked step: a sample whose mask row is all
 * zeros has no last step and nothing to pool, so DL4J's forward pass gives it no meaningful features; it is
 * refused with the sample's index rather than measured as whatever DL4J returns.
 *
 * <p>A labels mask changes no activation (DL4J uses it in the loss only), so the forward pass does not need
 * it; but the labels-based numbers (Π*, NC1) would take a masked label as a real one. A labels mask of a
 * 2-d label matrix must therefore have the shape {@code [samples, 1]} or {@code [samples, outputs]} and mask
 * nothing (all ones); one that excludes labels is refused with that reason ({@link #checkLabelsMask}).
 *
 * <p>Each check is a reduction on the backend and one scalar to the host.
 *
 * @param features the probe minibatch's features, in the shape the model takes
 * @param featuresMask its features mask, or null
 */
record ProbeInput(INDArray features, INDArray featuresMask) {

    /**
     * @param batch a probe minibatch
     * @return its features and features mask, checked
     * @throws IllegalArgumentException if it has no features, or a features mask that does not fit them or
     *         masks a whole sample
     */
    static ProbeInput of(DataSet batch) {
        INDArray features = batch.getFeatures();
        if (features == null || features.rank() < 2 || features.size(0) == 0) {
            throw new IllegalArgumentException("the probe minibatch has no features"
                    + (features == null ? "" : " (shape " + Arrays.toString(features.shape()) + ")"));
        }
        INDArray mask = batch.getFeaturesMaskArray();
        if (mask != null) {
            checkFeaturesMask(features, mask);
        }
        return new ProbeInput(features, mask);
    }

    /** @return the number of samples n */
    long samples() {
        return features.size(0);
    }

    /** @return the masks as a graph takes them, one per input: null when there is no mask */
    INDArray[] featuresMasks() {
        return featuresMask == null ? null : new INDArray[] {featuresMask};
    }

    /**
     * Refuses a labels mask that does not fit 2-d labels or that masks any label.
     *
     * @param batch a probe minibatch
     * @throws IllegalArgumentException if its labels mask has the wrong shape or a zero entry
     */
    static void checkLabelsMask(DataSet batch) {
        INDArray labels = batch.getLabels();
        INDArray mask = batch.getLabelsMaskArray();
        if (mask == null || labels == null || labels.rank() != 2) {
            return;
        }
        if (mask.rank() != 2 || mask.size(0) != labels.size(0) || (mask.size(1) != 1 && mask.size(1) != labels.size(1))) {
            throw new IllegalArgumentException("the probe's labels mask has shape " + Arrays.toString(mask.shape())
                    + " but its labels have shape " + Arrays.toString(labels.shape())
                    + "; a labels mask of 2-d labels is [samples, 1] or [samples, outputs]");
        }
        if (HostTransfer.scalar(mask.min()) == 0) {
            throw new IllegalArgumentException("the probe's labels mask excludes labels (it has zero entries); the"
                    + " labels-based numbers would count masked labels as real ones: drop those samples from the"
                    + " probe, or give it without a labels mask");
        }
    }

    private static void checkFeaturesMask(INDArray features, INDArray mask) {
        long samples = features.size(0);
        boolean fits = mask.rank() >= 2 && mask.size(0) == samples;
        String expected = "one row per sample";
        if (features.rank() == 3) {
            fits &= mask.rank() == 2 && (mask.size(1) == features.size(2) || mask.size(1) == features.size(1));
            expected = "[samples, time steps] = [" + samples + ", " + features.size(2) + "] (NCW) or ["
                    + samples + ", " + features.size(1) + "] (NWC)";
        } else if (features.rank() == 2) {
            fits &= mask.rank() == 2 && mask.size(1) == 1;
            expected = "[samples, 1] = [" + samples + ", 1]";
        }
        if (!fits) {
            throw new IllegalArgumentException("the probe's features mask has shape " + Arrays.toString(mask.shape())
                    + " but its features have shape " + Arrays.toString(features.shape()) + "; expected " + expected);
        }
        INDArray kept = mask.reshape('c', samples, mask.length() / samples).max(1);
        if (HostTransfer.scalar(kept.min()) <= 0) {
            long sample = (long) HostTransfer.scalar(Nd4j.argMin(kept));
            throw new IllegalArgumentException("sample " + sample + " of a probe minibatch of " + samples
                    + " is masked entirely (its features mask row is all zeros): it has no time step to measure;"
                    + " drop it from the probe");
        }
    }
}
