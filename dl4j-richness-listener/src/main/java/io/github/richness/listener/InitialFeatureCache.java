package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The initial model's probe features Φ₀ (the reference of S_init, section 4.1, and of the lazy reference), kept
 * from the first measurement on, so that later measurements need no forward pass through the initial model: that
 * model never changes, and the listener's probe is a fixed sample ({@link ProbeSet}: an iterator's samples copied
 * at {@code build()}, or the user's {@code DataSet}), cut into the same minibatches at every measurement, so Φ₀
 * of its i-th minibatch is the same each time.
 *
 * <p>Memory: the features of the leading minibatches are kept while they fit in {@link #BUDGET_BYTES} (2,048
 * samples of 128 float features take 1 MiB); the minibatches beyond the budget go through the initial model at
 * every measurement, as without the cache. A minibatch whose sample count differs from the kept one's (a probe
 * the user changed in place) drops the cache. Not used for layer-wise measurement (the layers' initial
 * activations come from the same forward pass) nor for distributed probes, whose minibatches are not fixed.
 */
final class InitialFeatureCache {

    /** The most bytes of initial features kept: 64 MiB. */
    static final long BUDGET_BYTES = 64L << 20;

    private final long budgetBytes;
    private final List<INDArray> kept = new ArrayList<>();
    private ActivationCapture reference;
    private long keptBytes;
    private int position;

    InitialFeatureCache() {
        this(BUDGET_BYTES);
    }

    /** @param budgetBytes the most bytes of features to keep */
    InitialFeatureCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * Starts a pass over the probe's minibatches, in their fixed order.
     *
     * @param initial the capture of the initial model: another one than the last pass's drops what was kept
     */
    void startPass(ActivationCapture initial) {
        if (initial != reference) {
            clear();
            reference = initial;
        }
        position = 0;
    }

    /**
     * @param batch the pass's next probe minibatch
     * @return the initial model's features of it: kept ones, or computed now (and kept while the budget allows)
     */
    INDArray features(DataSet batch) {
        int index = position++;
        if (index < kept.size()) {
            INDArray features = kept.get(index);
            if (features.rows() == batch.numExamples()) {
                return features;
            }
            clear();
        }
        INDArray features = reference.features(batch);
        long bytes = features.length() * features.dataType().width();
        if (index == kept.size() && keptBytes + bytes <= budgetBytes) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                features = features.dup();
            }
            kept.add(features);
            keptBytes += bytes;
        }
        return features;
    }

    /** @return the bytes of features kept */
    long keptBytes() {
        return keptBytes;
    }

    private void clear() {
        kept.clear();
        keptBytes = 0;
    }
}
