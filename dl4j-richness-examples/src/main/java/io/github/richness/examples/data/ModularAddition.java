package io.github.richness.examples.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The modular-arithmetic task of grokking studies (Power et al., 2022; the paper's figure 12 and table 3):
 * every pair (a, b) with 0 ≤ a, b &lt; p, labelled (a + b) mod p, split at random into a training and a test
 * part. The input is the concatenation of the one-hot codes of a and b (length 2p), the target the one-hot
 * code of the sum (length p).
 *
 * @param modulus p
 * @param train the training pairs
 * @param test the remaining pairs
 */
public record ModularAddition(int modulus, DataSet train, DataSet test) {

    /**
     * @param modulus p, at least 2
     * @param trainFraction the share of the p² pairs used for training, strictly between 0 and 1
     * @param seed chooses the split: the same seed gives the same split
     * @return the split task
     */
    public static ModularAddition split(int modulus, double trainFraction, long seed) {
        if (modulus < 2) {
            throw new IllegalArgumentException("the modulus must be at least 2, got " + modulus);
        }
        int pairs = modulus * modulus;
        int trainCount = (int) Math.round(trainFraction * pairs);
        if (!(trainFraction > 0 && trainFraction < 1) || trainCount < 1 || trainCount >= pairs) {
            throw new IllegalArgumentException("the training fraction must leave both parts non-empty, got " + trainFraction);
        }
        int[] order = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = pairs - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new ModularAddition(modulus, encode(modulus, order, 0, trainCount), encode(modulus, order, trainCount, pairs));
    }

    /**
     * @param pair an index a·p + b
     * @param modulus p
     * @return (a + b) mod p
     */
    public static int sum(int pair, int modulus) {
        return (pair / modulus + pair % modulus) % modulus;
    }

    private static DataSet encode(int modulus, int[] order, int from, int to) {
        int n = to - from;
        float[] features = new float[n * 2 * modulus];
        float[] labels = new float[n * modulus];
        for (int row = 0; row < n; row++) {
            int pair = order[from + row];
            features[row * 2 * modulus + pair / modulus] = 1f;
            features[row * 2 * modulus + modulus + pair % modulus] = 1f;
            labels[row * modulus + sum(pair, modulus)] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {n, 2L * modulus}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {n, modulus}, DataType.FLOAT));
    }
}
