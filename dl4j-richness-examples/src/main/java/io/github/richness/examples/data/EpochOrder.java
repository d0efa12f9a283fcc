package io.github.richness.examples.data;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the samples of an example's iterator: the stored order, or a permutation
 * determined by a seed and the epoch number alone (epoch {@code e}, counting from 0, uses the seed
 * {@code seed + e · 0x9E3779B97F4A7C15} and a Fisher–Yates shuffle). Two iterators with the same seed and size
 * visit their samples in the same sequence of epochs, which is what makes {@link MnistDataSetIterator} over
 * images and {@link RowsDataSetIterator} over cached features of the same images interchangeable.
 */
final class EpochOrder {

    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private EpochOrder() {
    }

    /**
     * @param order filled with the epoch's order of the indices 0 … length − 1
     * @param shuffle whether to permute; the stored order otherwise
     * @param seed the shuffling seed
     * @param epoch the epoch, counting from 0
     */
    static void arrange(int[] order, boolean shuffle, long seed, int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (!shuffle) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed + epoch * EPOCH_STRIDE);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
