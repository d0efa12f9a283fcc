package io.github.richness.examples.data;

import java.util.Arrays;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over a fixed number of rows in minibatches, each epoch in the order of
 * {@link EpochOrder} (the stored order, or a permutation determined by the seed and the epoch alone). The last
 * minibatch of an epoch is smaller when the batch size does not divide the number of rows. {@link #reset()}
 * starts the next epoch; a reset before any minibatch of the current epoch was taken (as DL4J's {@code fit} and
 * evaluation do on a fresh iterator) keeps the current epoch, so that it is not skipped. Not thread-safe; DL4J's
 * asynchronous prefetching uses it from one thread at a time, which is fine.
 */
public abstract class EpochOrderedIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    /** The row indices in the order of the current epoch. */
    private final int[] order;
    private int epoch;
    /** Position in {@link #order} of the next row to return. */
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * @param rows the number of rows of an epoch
     * @param batchSize rows per minibatch, at least 1
     * @param shuffle whether each epoch is a seeded permutation rather than the stored order
     * @param seed the seed of the permutations
     */
    protected EpochOrderedIterator(int rows, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[rows];
        EpochOrder.arrange(order, shuffle, seed, epoch);
    }

    /**
     * @param rows the indices of the minibatch's rows, in the epoch's order
     * @return the minibatch, before the pre-processor
     */
    protected abstract DataSet minibatch(int[] rows);

    /** @return whether another minibatch remains in the current epoch */
    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    /**
     * @return the next minibatch of {@link #batch()} rows, or fewer at the end of the epoch, pre-processed
     * @throws NoSuchElementException if the epoch is exhausted
     */
    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /**
     * @param num the largest number of rows to return, at least 1
     * @return the next minibatch of at most {@code num} rows, pre-processed
     * @throws NoSuchElementException if the epoch is exhausted
     */
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
        DataSet batch = minibatch(rows);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** @return {@code true}: {@link #reset()} starts a new epoch */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** @return {@code true}: minibatches are independent arrays, safe to prefetch on another thread */
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

    /** @return the number of rows per minibatch (the last one of an epoch may be smaller) */
    @Override
    public int batch() {
        return batchSize;
    }

    /** @param preProcessor applied to every minibatch this iterator returns, or {@code null} for none */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /** @return the pre-processor applied to every minibatch, or {@code null} if none is set */
    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** @return the number of rows in one epoch */
    public int numExamples() {
        return order.length;
    }

    /** @return the current epoch, counting from 0 */
    public int epoch() {
        return epoch;
    }
}
