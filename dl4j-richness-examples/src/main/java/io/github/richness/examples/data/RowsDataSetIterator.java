package io.github.richness.examples.data;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Iterates in minibatches over the rows of an in-memory {@link DataSet} (for example the cached features of
 * a frozen network, see {@code io.github.richness.examples.paper.FrozenFeatures}), each epoch in the order of
 * {@link EpochOrder}: with the same seed and the same number of rows it visits the rows in the same sequence as
 * a shuffled {@link MnistDataSetIterator} visits its digits, so a readout trained on cached features sees the
 * same minibatches as the network it was cut from. {@link #reset()} behaves as {@link MnistDataSetIterator}'s.
 * Not thread-safe.
 */
public final class RowsDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final INDArray features;
    private final INDArray labels;
    private final List<String> labelNames;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    private RowsDataSetIterator(DataSet data, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.features = data.getFeatures();
        this.labels = data.getLabels();
        this.labelNames = data.getLabelNamesList();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[data.numExamples()];
        EpochOrder.arrange(order, shuffle, seed, epoch);
    }

    /**
     * @param data the rows, features and labels; not copied (do not change it while iterating)
     * @param batchSize rows per minibatch, at least 1
     * @return an iterator in the stored order
     */
    public static RowsDataSetIterator inOrder(DataSet data, int batchSize) {
        return new RowsDataSetIterator(data, batchSize, false, 0L);
    }

    /**
     * @param data the rows, features and labels; not copied (do not change it while iterating)
     * @param batchSize rows per minibatch, at least 1
     * @param seed the seed of every epoch's permutation
     * @return an iterator reshuffled every epoch
     */
    public static RowsDataSetIterator shuffled(DataSet data, int batchSize, long seed) {
        return new RowsDataSetIterator(data, batchSize, true, seed);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("minibatch size must be at least 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is exhausted; call reset() to start the next");
        }
        int n = Math.min(num, order.length - cursor);
        int[] rows = Arrays.copyOfRange(order, cursor, cursor + n);
        cursor += n;
        DataSet batch = new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(labels, 1, rows));
        if (labelNames != null) {
            batch.setLabelNames(labelNames);
        }
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts the next epoch (reshuffled if shuffling is on); nothing if no minibatch of this one was taken. */
    @Override
    public void reset() {
        if (cursor == 0) {
            return;
        }
        epoch++;
        cursor = 0;
        EpochOrder.arrange(order, shuffle, seed, epoch);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    /** @return the number of rows in one epoch */
    public int numExamples() {
        return order.length;
    }
}
