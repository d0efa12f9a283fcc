package io.github.richness.examples.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Iterates in minibatches over the rows of an in-memory {@link DataSet} (for example the cached features of
 * a frozen network, see {@code io.github.richness.examples.paper.FrozenFeatures}), each epoch in the order of
 * {@link EpochOrder}: with the same seed and the same number of rows it visits the rows in the same sequence as
 * a shuffled {@link MnistDataSetIterator} visits its digits, so a readout trained on cached features sees the
 * same minibatches as the network it was cut from. Epochs, resets and threads as in {@link EpochOrderedIterator}.
 */
public final class RowsDataSetIterator extends EpochOrderedIterator {

    private static final long serialVersionUID = 1L;

    private final INDArray features;
    private final INDArray labels;
    private final List<String> labelNames;

    private RowsDataSetIterator(DataSet data, int batchSize, boolean shuffle, long seed) {
        super(data.numExamples(), batchSize, shuffle, seed);
        this.features = data.getFeatures();
        this.labels = data.getLabels();
        this.labelNames = data.getLabelNamesList();
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
    protected DataSet minibatch(int[] rows) {
        DataSet batch = new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(labels, 1, rows));
        if (labelNames != null) {
            batch.setLabelNames(labelNames);
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
    public List<String> getLabels() {
        return labelNames;
    }
}
