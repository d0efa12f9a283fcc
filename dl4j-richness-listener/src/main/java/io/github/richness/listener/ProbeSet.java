package io.github.richness.listener;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A held-out probe: the samples of a {@link DataSetIterator}, read once when the listener is built, or a single
 * {@link DataSet} split into minibatches of a chosen size, capped at a maximum number of samples. A minibatch
 * cut from a {@code DataSet} keeps the rows of its features and labels masks, and an iterator's copies keep
 * their masks, so a probe of variable-length sequences is measured with its own masks whichever way it is given.
 *
 * <p>An iterator is read once, at {@link RichnessListener.Builder#build()}, into private copies of its first
 * {@code maxProbeSamples} samples, as its minibatches come (its preprocessor applied: set it before
 * {@code build()}), and never touched again. So a measurement cannot consume or reset an iterator that
 * training is using, even when the probe is the training iterator itself or shares its cursor (a wrapper
 * around it; or the iterator that DL4J's {@code fit} wraps in an {@code AsyncDataSetIterator}, which reads
 * ahead on another thread): resetting it at {@code ITERATION_END} would restart training's epoch. Detecting the
 * sharing and refusing it instead is not possible in general: DL4J's models keep no reference to the iterator
 * they fit, and two iterators over one list are harmless while a wrapper and the iterator it wraps are not.
 * Reading is framed by {@code reset()} before (the probe starts at the first sample, as in DL4J's
 * {@code EvaluativeListener}) and after (training then starts its first epoch where it would have). An iterator
 * that cannot be reset ({@code resetSupported()} false) is read from where it stands and left after the samples
 * read: its probe is fixed at {@code build()} (rather than empty from the second measurement on), and training
 * cannot share it (it would miss the samples read). An iterator
 * that reshuffles at {@code reset()} is reset twice by {@code build()}: if it is also training's, training
 * sees another order than without the listener (give the listener a separate iterator to keep it).
 *
 * <p>The cost is memory: the copies hold at most {@code maxProbeSamples} samples of features, labels and
 * masks in the iterator's data type, for the 4096 by default 12.8 MB of 28 × 28 float images, 50 MB of
 * 32 × 32 × 3 ones, 2.5 GB of 224 × 224 × 3 ones (lower {@code maxProbeSamples} for large inputs). A
 * {@code DataSet} probe is the user's own object, measured in place without a copy.
 */
final class ProbeSet {

    private final List<DataSet> copies;
    private final DataSet dataSet;
    private final int batchSize;

    private ProbeSet(List<DataSet> copies, DataSet dataSet, int batchSize) {
        this.copies = copies;
        this.dataSet = dataSet;
        this.batchSize = batchSize;
    }

    /**
     * Reads the iterator's first samples once into private copies (see the class documentation).
     *
     * Copies without masks, of one shape, are then joined into one array per field and measured in minibatches
     * of {@code batchSize}, as a {@code DataSet} probe is: a training iterator's small minibatches (64 samples,
     * say) would otherwise cost a forward pass and a moment update each. Masked copies (sequences whose lengths
     * may differ) keep the iterator's minibatches.
     *
     * @param iterator the iterator, not null
     * @param role what the probe is for, in messages
     * @param maxSamples the most samples to copy
     * @param batchSize the minibatch size of joined copies
     * @return the probe
     * @throws IllegalArgumentException if the iterator gives no sample, a minibatch without features, or a
     *         mask without one row per sample
     */
    static ProbeSet of(DataSetIterator iterator, String role, int maxSamples, int batchSize) {
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        List<DataSet> copies = new ArrayList<>();
        long taken = 0;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            while (taken < maxSamples && iterator.hasNext()) {
                DataSet batch = iterator.next();
                if (batch.getFeatures() == null) {
                    throw new IllegalArgumentException("the " + role + " iterator gave a minibatch without features");
                }
                requireOneRowPerSample(batch, batch.getFeaturesMaskArray(), role, "features mask");
                requireOneRowPerSample(batch, batch.getLabelsMaskArray(), role, "labels mask");
                if (taken + batch.numExamples() > maxSamples) {
                    batch = slice(batch, 0, (int) (maxSamples - taken));
                }
                copies.add(copyOf(batch));
                taken += batch.numExamples();
            }
        }
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        if (taken == 0) {
            throw new IllegalArgumentException("the " + role + " iterator is empty: it has no minibatch to measure on");
        }
        if (copies.size() > 1 && joinable(copies)) {
            return new ProbeSet(null, joined(copies), batchSize);
        }
        return new ProbeSet(List.copyOf(copies), null, 0);
    }

    /** @return whether the copies have no masks and features (and labels, all or none) of one shape but rows */
    private static boolean joinable(List<DataSet> copies) {
        DataSet first = copies.get(0);
        for (DataSet copy : copies) {
            if (copy.getFeaturesMaskArray() != null || copy.getLabelsMaskArray() != null
                    || !sameShapeButRows(first.getFeatures(), copy.getFeatures())
                    || (first.getLabels() == null) != (copy.getLabels() == null)
                    || first.getLabels() != null && !sameShapeButRows(first.getLabels(), copy.getLabels())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameShapeButRows(INDArray a, INDArray b) {
        long[] x = a.shape();
        long[] y = b.shape();
        return a.dataType() == b.dataType() && x.length == y.length
                && java.util.Arrays.equals(x, 1, x.length, y, 1, y.length);
    }

    /** @return the copies' features (and labels) joined along the rows, outside any workspace */
    private static DataSet joined(List<DataSet> copies) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray features = Nd4j.concat(0, copies.stream().map(DataSet::getFeatures).toArray(INDArray[]::new));
            INDArray labels = copies.get(0).getLabels() == null ? null
                    : Nd4j.concat(0, copies.stream().map(DataSet::getLabels).toArray(INDArray[]::new));
            return new DataSet(features, labels);
        }
    }

    static ProbeSet of(DataSet dataSet, String role, int batchSize) {
        if (dataSet == null || dataSet.getFeatures() == null || dataSet.numExamples() == 0) {
            throw new IllegalArgumentException("the " + role + " DataSet is empty: it has no sample to measure on");
        }
        requireOneRowPerSample(dataSet, dataSet.getFeaturesMaskArray(), role, "features mask");
        requireOneRowPerSample(dataSet, dataSet.getLabelsMaskArray(), role, "labels mask");
        return new ProbeSet(null, dataSet, batchSize);
    }

    /**
     * Hands the probe to {@code consumer} in minibatches, at most {@code maxSamples} samples in all.
     *
     * @param maxSamples the cap
     * @param consumer receives each minibatch (features and, when the probe has them, labels)
     * @return the number of samples handed over
     */
    long forEach(int maxSamples, Consumer<DataSet> consumer) {
        long taken = 0;
        if (dataSet != null) {
            int total = Math.min(dataSet.numExamples(), maxSamples);
            for (int start = 0; start < total; start += batchSize) {
                int end = Math.min(start + batchSize, total);
                consumer.accept(slice(dataSet, start, end));
                taken += end - start;
            }
            return taken;
        }
        for (DataSet batch : copies) {
            if (taken >= maxSamples) {
                break;
            }
            int rows = batch.numExamples();
            if (taken + rows > maxSamples) {
                batch = slice(batch, 0, (int) (maxSamples - taken));
                rows = batch.numExamples();
            }
            consumer.accept(batch);
            taken += rows;
        }
        return taken;
    }

    /**
     * Hands a stream of minibatches (for example one partition of a distributed probe) to {@code consumer} in
     * slices of at most {@code batchSize} samples, at most {@code maxSamples} samples in all: the leading
     * samples of the stream, in order. Empty minibatches are skipped.
     *
     * @param minibatches the minibatches, each of any size
     * @param maxSamples the cap
     * @param batchSize the largest slice handed over
     * @param consumer receives each slice (features and, when the minibatch has them, labels)
     * @return the number of samples handed over
     */
    static long forEachSlice(Iterator<DataSet> minibatches, long maxSamples, int batchSize,
                             Consumer<DataSet> consumer) {
        long taken = 0;
        while (minibatches.hasNext() && taken < maxSamples) {
            DataSet minibatch = minibatches.next();
            if (minibatch == null || minibatch.getFeatures() == null) {
                continue;
            }
            int rows = (int) Math.min(minibatch.numExamples(), maxSamples - taken);
            for (int start = 0; start < rows; start += batchSize) {
                int end = Math.min(start + batchSize, rows);
                consumer.accept(slice(minibatch, start, end));
            }
            taken += rows;
        }
        return taken;
    }

    /** @return the number of samples the probe hands over when uncapped */
    long samples() {
        return dataSet != null ? dataSet.numExamples()
                : copies.stream().mapToLong(DataSet::numExamples).sum();
    }

    /** @return a copy of the minibatch in memory of its own, outside any workspace (an iterator may reuse its arrays) */
    private static DataSet copyOf(DataSet batch) {
        return new DataSet(copyOf(batch.getFeatures()), copyOf(batch.getLabels()),
                copyOf(batch.getFeaturesMaskArray()), copyOf(batch.getLabelsMaskArray()));
    }

    private static INDArray copyOf(INDArray array) {
        return array == null ? null : array.dup();
    }

    private static DataSet slice(DataSet data, int start, int end) {
        if (start == 0 && end == data.numExamples()) {
            return data;
        }
        INDArrayIndex rows = NDArrayIndex.interval(start, end);
        return new DataSet(rowsOf(data.getFeatures(), rows), rowsOf(data.getLabels(), rows),
                rowsOf(data.getFeaturesMaskArray(), rows), rowsOf(data.getLabelsMaskArray(), rows));
    }

    private static INDArray rowsOf(INDArray array, INDArrayIndex rows) {
        return array == null ? null : array.get(rows);
    }

    private static void requireOneRowPerSample(DataSet dataSet, INDArray mask, String role, String what) {
        if (mask != null && (mask.rank() < 2 || mask.size(0) != dataSet.numExamples())) {
            throw new IllegalArgumentException("the " + role + " DataSet's " + what + " has shape "
                    + java.util.Arrays.toString(mask.shape()) + " but the DataSet has " + dataSet.numExamples()
                    + " samples; a mask has one row per sample");
        }
    }
}
