package io.github.richness.examples.data;

import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Iterates over {@link MnistDigits} in minibatches for DL4J training and evaluation.
 *
 * <p>Each {@link DataSet} has float features of shape [batch, 784] (pixels in [0, 1], row-major) and one-hot
 * float labels of shape [batch, 10]. The last minibatch of an epoch is smaller when the batch size does not
 * divide the number of digits.
 *
 * <p>Without shuffling, every epoch visits the digits in their stored order. With shuffling, epoch {@code e}
 * (counting from 0) visits them in a permutation determined by the seed and {@code e} alone: epochs differ
 * from each other, and two iterators with the same seed produce the same sequence of epochs. {@link #reset()}
 * starts the next epoch; a reset before any minibatch of the current epoch was taken (as DL4J's
 * {@code fit} and evaluation do on a fresh iterator) keeps the current epoch, so that it is not skipped.
 *
 * <p>Not thread-safe; DL4J's asynchronous prefetching uses it from one thread at a time, which is fine.
 */
public final class MnistDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;
    private static final List<String> LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The digits iterated over. */
    private final MnistDigits digits;
    /** Digits per minibatch. */
    private final int batchSize;
    /** Whether each epoch is a seeded permutation rather than the stored order. */
    private final boolean shuffle;
    /** The shuffling seed. */
    private final long seed;
    /** The digit indices in the order of the current epoch. */
    private final int[] order;
    /** The current epoch, counting from 0. */
    private int epoch;
    /** Position in {@link #order} of the next digit to return. */
    private int cursor;
    /** Applied to every minibatch, or {@code null}. */
    private DataSetPreProcessor preProcessor;

    /**
     * Creates an iterator that visits the digits in their stored order.
     *
     * @param digits the digits to iterate over
     * @param batchSize the number of digits per minibatch, at least 1
     */
    public MnistDataSetIterator(MnistDigits digits, int batchSize) {
        this(digits, batchSize, false, 0L);
    }

    /**
     * Creates an iterator that visits the digits in a new seeded permutation in every epoch.
     *
     * @param digits the digits to iterate over
     * @param batchSize the number of digits per minibatch, at least 1
     * @param shuffleSeed the seed that determines every epoch's permutation
     */
    public MnistDataSetIterator(MnistDigits digits, int batchSize, long shuffleSeed) {
        this(digits, batchSize, true, shuffleSeed);
    }

    private MnistDataSetIterator(MnistDigits digits, int batchSize, boolean shuffle, long seed) {
        if (digits == null) {
            throw new IllegalArgumentException("digits must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.digits = digits;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[digits.size()];
        arrangeEpoch();
    }

    /**
     * Returns a builder, for call sites that read better with named settings.
     *
     * @param digits the digits to iterate over
     * @return a builder with batch size 64 and no shuffling
     */
    public static Builder builder(MnistDigits digits) {
        return new Builder(digits);
    }

    /** @return whether another minibatch remains in the current epoch */
    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    /**
     * Returns the next minibatch of {@link #batch()} digits, or fewer at the end of the epoch.
     *
     * @return features [n, 784] and one-hot labels [n, 10], with the pre-processor applied if one is set
     * @throws NoSuchElementException if the epoch is exhausted
     */
    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /**
     * Returns the next minibatch of at most {@code num} digits.
     *
     * @param num the largest number of digits to return, at least 1
     * @return features [n, 784] and one-hot labels [n, 10], with the pre-processor applied if one is set
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
        float[] features = new float[n * IdxReader.PIXELS];
        float[] labels = new float[n * IdxReader.CLASSES];
        for (int row = 0; row < n; row++) {
            int index = order[cursor + row];
            digits.copyImage(index, features, row * IdxReader.PIXELS);
            labels[row * IdxReader.CLASSES + digits.label(index)] = 1f;
        }
        cursor += n;
        INDArray featureArray = Nd4j.create(features, new long[] {n, IdxReader.PIXELS}, DataType.FLOAT);
        INDArray labelArray = Nd4j.create(labels, new long[] {n, IdxReader.CLASSES}, DataType.FLOAT);
        DataSet dataSet = new DataSet(featureArray, labelArray);
        dataSet.setLabelNames(LABELS);
        if (preProcessor != null) {
            preProcessor.preProcess(dataSet);
        }
        return dataSet;
    }

    /** @return 784, the number of pixels per digit */
    @Override
    public int inputColumns() {
        return IdxReader.PIXELS;
    }

    /** @return 10, the number of digit classes */
    @Override
    public int totalOutcomes() {
        return IdxReader.CLASSES;
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

    /**
     * Starts the next epoch, reshuffled if shuffling is on. Does nothing if no minibatch of the current epoch
     * has been taken yet.
     */
    @Override
    public void reset() {
        if (cursor == 0) {
            return;
        }
        epoch++;
        cursor = 0;
        arrangeEpoch();
    }

    /** @return the number of digits per minibatch (the last one of an epoch may be smaller) */
    @Override
    public int batch() {
        return batchSize;
    }

    /**
     * Sets a pre-processor applied to every minibatch this iterator returns.
     *
     * @param preProcessor the pre-processor, or {@code null} for none
     */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /** @return the pre-processor applied to every minibatch, or {@code null} if none is set */
    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** @return the class names "0" to "9", in the order of the one-hot label columns */
    @Override
    public List<String> getLabels() {
        return LABELS;
    }

    /** @return the number of digits in one epoch */
    public int numExamples() {
        return order.length;
    }

    /** @return the current epoch, counting from 0 */
    public int epoch() {
        return epoch;
    }

    private void arrangeEpoch() {
        EpochOrder.arrange(order, shuffle, seed, epoch);
    }

    /** Collects the settings of a {@link MnistDataSetIterator}. */
    public static final class Builder {

        private final MnistDigits digits;
        private int batchSize = 64;
        private Long shuffleSeed;

        private Builder(MnistDigits digits) {
            this.digits = digits;
        }

        /**
         * Sets the number of digits per minibatch.
         *
         * @param batchSize at least 1; 64 if not set
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Turns on shuffling: every epoch visits the digits in a permutation determined by the seed and the
         * epoch number.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /** @return the iterator with these settings */
        public MnistDataSetIterator build() {
            return shuffleSeed == null
                    ? new MnistDataSetIterator(digits, batchSize)
                    : new MnistDataSetIterator(digits, batchSize, shuffleSeed);
        }
    }
}
