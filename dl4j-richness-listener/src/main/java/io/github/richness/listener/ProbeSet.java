package io.github.richness.listener;

import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A held-out probe: a {@link DataSetIterator} (reset before each use, as DL4J's {@code EvaluativeListener}
 * does; its minibatches are measured as it gives them) or a single {@link DataSet} split into minibatches of
 * a chosen size, capped at a maximum number of samples. A minibatch cut from a {@code DataSet} keeps the
 * rows of its features and labels masks, so a probe of variable-length sequences is measured with its own
 * masks whichever way it is given.
 */
final class ProbeSet {

    private final DataSetIterator iterator;
    private final DataSet dataSet;
    private final int batchSize;

    private ProbeSet(DataSetIterator iterator, DataSet dataSet, int batchSize) {
        this.iterator = iterator;
        this.dataSet = dataSet;
        this.batchSize = batchSize;
    }

    static ProbeSet of(DataSetIterator iterator, String role) {
        if (iterator == null) {
            throw new IllegalArgumentException("the " + role + " iterator is null");
        }
        ProbeSet probe = new ProbeSet(iterator, null, 0);
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        if (!iterator.hasNext()) {
            throw new IllegalArgumentException("the " + role + " iterator is empty: it has no minibatch to measure on");
        }
        return probe;
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
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        while (iterator.hasNext() && taken < maxSamples) {
            DataSet batch = iterator.next();
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
