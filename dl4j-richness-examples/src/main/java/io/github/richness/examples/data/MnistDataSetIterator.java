package io.github.richness.examples.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
 * <p>Epochs, resets and threads as in {@link EpochOrderedIterator}.
 */
public final class MnistDataSetIterator extends EpochOrderedIterator {

    private static final long serialVersionUID = 1L;
    private static final List<String> LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The digits iterated over. */
    private final MnistDigits digits;

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
        super(sizeOf(digits), batchSize, shuffle, seed);
        this.digits = digits;
    }

    private static int sizeOf(MnistDigits digits) {
        if (digits == null) {
            throw new IllegalArgumentException("digits must not be null");
        }
        return digits.size();
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

    /** @return features [n, 784] and one-hot labels [n, 10] of the digits at these indices */
    @Override
    protected DataSet minibatch(int[] rows) {
        int n = rows.length;
        float[] features = new float[n * IdxReader.PIXELS];
        float[] labels = new float[n * IdxReader.CLASSES];
        for (int row = 0; row < n; row++) {
            digits.copyImage(rows[row], features, row * IdxReader.PIXELS);
            labels[row * IdxReader.CLASSES + digits.label(rows[row])] = 1f;
        }
        INDArray featureArray = Nd4j.create(features, new long[] {n, IdxReader.PIXELS}, DataType.FLOAT);
        INDArray labelArray = Nd4j.create(labels, new long[] {n, IdxReader.CLASSES}, DataType.FLOAT);
        DataSet dataSet = new DataSet(featureArray, labelArray);
        dataSet.setLabelNames(LABELS);
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

    /** @return the class names "0" to "9", in the order of the one-hot label columns */
    @Override
    public List<String> getLabels() {
        return LABELS;
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
