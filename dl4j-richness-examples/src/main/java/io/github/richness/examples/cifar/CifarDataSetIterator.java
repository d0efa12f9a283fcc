package io.github.richness.examples.cifar;

import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.api.iterator.BaseDatasetIterator;

/**
 * Iterates over {@link CifarImages} in minibatches for DL4J: features of shape [batch, 3, 32, 32] (NCHW),
 * normalised per channel and, for training, augmented with the paper's random crop and flip (see
 * {@link CifarAugmentation}); labels one-hot of shape [batch, classes], multiplied by a target scale (the
 * paper trains with MSE on one-hot targets scaled by 1/α, appendix H.4).
 *
 * <p>Epochs: {@link #reset()} starts the next one (reshuffled and with fresh augmentation); a reset before any
 * minibatch of the current epoch was taken (as DL4J's {@code fit} does on a fresh iterator) keeps it.
 * Everything is determined by the seeds and the epoch number, so two iterators with the same settings produce
 * the same minibatches. Not thread-safe; DL4J's asynchronous prefetching uses it from one thread at a time.
 */
public final class CifarDataSetIterator extends BaseDatasetIterator {

    private static final long serialVersionUID = 1L;

    private final transient List<String> labelNames;

    private CifarDataSetIterator(Builder builder) {
        super(builder.batchSize, builder.images.size(), new CifarFetcher(builder.images, builder.shuffleSeed,
                builder.augmentSeed != null, builder.augmentSeed == null ? 0L : builder.augmentSeed,
                builder.targetScale));
        this.labelNames = IntStream.range(0, builder.images.classes()).mapToObj(Integer::toString).toList();
    }

    /**
     * @param images the images to iterate over
     * @return a builder: batch size 128 (the paper's), stored order, no augmentation, target scale 1
     */
    public static Builder builder(CifarImages images) {
        return new Builder(images);
    }

    /** @return the class names "0", "1", ..., in the order of the label columns */
    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    /** @return the current epoch, counting from 0 */
    public int epoch() {
        return ((CifarFetcher) fetcher).epoch();
    }

    /** Collects the settings of a {@link CifarDataSetIterator}. */
    public static final class Builder {

        /** The paper's batch size for CIFAR (appendix H, table 9). */
        public static final int PAPER_BATCH_SIZE = 128;

        private final CifarImages images;
        private int batchSize = PAPER_BATCH_SIZE;
        private Long shuffleSeed;
        private Long augmentSeed;
        private float targetScale = 1f;

        private Builder(CifarImages images) {
            if (images == null || images.size() == 0) {
                throw new IllegalArgumentException("images must not be null or empty");
            }
            this.images = images;
        }

        /**
         * @param batchSize images per minibatch, at least 1 (the last of an epoch may be smaller)
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param seed the seed of every epoch's permutation
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /**
         * Turns on the training augmentation (random crop with 4-pixel padding, horizontal flip).
         *
         * @param seed the seed of the crops and flips
         * @return this builder
         */
        public Builder augment(long seed) {
            this.augmentSeed = seed;
            return this;
        }

        /**
         * @param scale the value of the hot entry of each label (1/α in the paper's appendix H.4); must be positive
         * @return this builder
         */
        public Builder targetScale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("target scale must be positive and finite, got " + scale);
            }
            this.targetScale = (float) scale;
            return this;
        }

        /** @return the iterator */
        public CifarDataSetIterator build() {
            return new CifarDataSetIterator(this);
        }
    }
}
