package io.github.richness.examples.cifar;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.fetcher.BaseDataFetcher;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assembles the minibatches of a {@link CifarDataSetIterator}: an epoch is a permutation of the images (seeded
 * by the shuffle seed and the epoch number, or the stored order), each image written through
 * {@link CifarAugmentation} with its own random crop and flip (seeded by the seed, the epoch and the position
 * in the epoch) or plainly, with one-hot labels scaled by the target scale.
 */
final class CifarFetcher extends BaseDataFetcher {

    private static final long serialVersionUID = 1L;
    private static final long EPOCH_STRIDE = 0xD1B54A32D192ED03L;
    private static final long POSITION_STRIDE = 0x9E3779B97F4A7C15L;

    private final CifarImages images;
    private final Long shuffleSeed;
    private final boolean augment;
    private final long augmentSeed;
    private final float targetScale;
    private int[] order;
    private int epoch;

    CifarFetcher(CifarImages images, Long shuffleSeed, boolean augment, long augmentSeed, float targetScale) {
        this.images = images;
        this.shuffleSeed = shuffleSeed;
        this.augment = augment;
        this.augmentSeed = augmentSeed;
        this.targetScale = targetScale;
        this.totalExamples = images.size();
        this.numOutcomes = images.classes();
        this.inputColumns = CifarDataset.IMAGE_BYTES;
        startEpoch(0);
    }

    @Override
    public void fetch(int numExamples) {
        int n = Math.min(numExamples, totalExamples - cursor);
        if (n <= 0) {
            throw new IllegalStateException("the epoch is exhausted; call reset()");
        }
        float[] features = new float[n * CifarDataset.IMAGE_BYTES];
        float[] labels = new float[n * numOutcomes];
        for (int row = 0; row < n; row++) {
            int position = cursor + row;
            int index = order[position];
            if (augment) {
                SplittableRandom random = new SplittableRandom(augmentSeed ^ (epoch + 1L) * EPOCH_STRIDE
                        ^ (position + 1L) * POSITION_STRIDE);
                CifarAugmentation.writeAugmented(images, index, random, features, row * CifarDataset.IMAGE_BYTES);
            } else {
                CifarAugmentation.writePlain(images, index, features, row * CifarDataset.IMAGE_BYTES);
            }
            labels[row * numOutcomes + images.label(index)] = targetScale;
        }
        cursor += n;
        INDArray featureArray = Nd4j.create(features,
                new long[] {n, CifarDataset.CHANNELS, CifarDataset.SIDE, CifarDataset.SIDE}, DataType.FLOAT);
        INDArray labelArray = Nd4j.create(labels, new long[] {n, numOutcomes}, DataType.FLOAT);
        curr = new DataSet(featureArray, labelArray);
    }

    /** Starts the next epoch; a reset before any minibatch of the current epoch was taken keeps it. */
    @Override
    public void reset() {
        if (cursor > 0) {
            startEpoch(epoch + 1);
        }
    }

    int epoch() {
        return epoch;
    }

    /** Rewinds to epoch {@code next}: the stored order, or a permutation determined by the seed and {@code next}. */
    private void startEpoch(int next) {
        epoch = next;
        cursor = 0;
        curr = null;
        List<Integer> indices = IntStream.range(0, images.size()).boxed().collect(Collectors.toList());
        if (shuffleSeed != null) {
            Collections.shuffle(indices, new Random(shuffleSeed + next * EPOCH_STRIDE));
        }
        order = indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
