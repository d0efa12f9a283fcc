package io.github.richness.examples.data;

import java.math.BigInteger;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The modular-arithmetic tasks of grokking studies (Power et al., 2022; the paper's figure 12 and table 3):
 * every admissible pair (a, b) with 0 ≤ a, b &lt; p, labelled a ∘ b mod p, split at random into a training and
 * a test part. Addition takes all p² pairs; division a / b = a · b⁻¹ mod p (p prime) the p(p − 1) pairs with
 * b ≠ 0 (the paper's task, from teddykoker/grokking: with p = 97 and half for training, 4,656 training pairs).
 * The input is the concatenation of the one-hot codes of a and b (length 2p), the target the one-hot code of
 * the result (length p).
 *
 * @param modulus p
 * @param operation the operation
 * @param train the training pairs
 * @param test the remaining pairs
 */
public record ModularArithmetic(int modulus, Operation operation, DataSet train, DataSet test) {

    /** The operation a ∘ b mod p. */
    public enum Operation {
        /** (a + b) mod p, every pair. */
        ADDITION,
        /** a · b^(p−2) mod p (Fermat's inverse of b, p prime), the pairs with b ≠ 0. */
        DIVISION;

        /**
         * @param name "addition" or "division", any case
         * @return the operation
         */
        public static Operation named(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        /**
         * @param a the first operand
         * @param b the second operand (not 0 for division)
         * @param modulus p
         * @return a ∘ b mod p
         */
        public int apply(int a, int b, int modulus) {
            if (this == ADDITION) {
                return (a + b) % modulus;
            }
            long inverse = 1;
            long base = b;
            for (int e = modulus - 2; e > 0; e >>= 1) {
                if ((e & 1) == 1) {
                    inverse = inverse * base % modulus;
                }
                base = base * base % modulus;
            }
            return (int) (a * inverse % modulus);
        }

        private boolean admits(int b) {
            return this == ADDITION || b != 0;
        }
    }

    /**
     * @param modulus p, at least 2 (a prime for division)
     * @param trainFraction the share of the admissible pairs used for training, strictly between 0 and 1
     * @param seed chooses the split: the same seed gives the same split
     * @return modular addition, split
     */
    public static ModularArithmetic split(int modulus, double trainFraction, long seed) {
        return split(Operation.ADDITION, modulus, trainFraction, seed);
    }

    /**
     * @param operation addition or division
     * @param modulus p, at least 2 (a prime for division)
     * @param trainFraction the share of the admissible pairs used for training, strictly between 0 and 1
     * @param seed chooses the split: the same seed gives the same split
     * @return the split task
     */
    public static ModularArithmetic split(Operation operation, int modulus, double trainFraction, long seed) {
        if (modulus < 2) {
            throw new IllegalArgumentException("the modulus must be at least 2, got " + modulus);
        }
        if (operation == Operation.DIVISION && !BigInteger.valueOf(modulus).isProbablePrime(30)) {
            throw new IllegalArgumentException("division mod p needs a prime p, got " + modulus);
        }
        int[] order = IntStream.range(0, modulus * modulus)
                .filter(pair -> operation.admits(pair % modulus)).toArray();
        int pairs = order.length;
        int trainCount = (int) Math.round(trainFraction * pairs);
        if (!(trainFraction > 0 && trainFraction < 1) || trainCount < 1 || trainCount >= pairs) {
            throw new IllegalArgumentException("the training fraction must leave both parts non-empty, got " + trainFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = pairs - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new ModularArithmetic(modulus, operation, encode(operation, modulus, order, 0, trainCount),
                encode(operation, modulus, order, trainCount, pairs));
    }

    /**
     * @param pair an index a·p + b
     * @param modulus p
     * @return (a + b) mod p
     */
    public static int sum(int pair, int modulus) {
        return Operation.ADDITION.apply(pair / modulus, pair % modulus, modulus);
    }

    private static DataSet encode(Operation operation, int modulus, int[] order, int from, int to) {
        int n = to - from;
        float[] features = new float[n * 2 * modulus];
        float[] labels = new float[n * modulus];
        for (int row = 0; row < n; row++) {
            int pair = order[from + row];
            features[row * 2 * modulus + pair / modulus] = 1f;
            features[row * 2 * modulus + modulus + pair % modulus] = 1f;
            labels[row * modulus + operation.apply(pair / modulus, pair % modulus, modulus)] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {n, 2L * modulus}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {n, modulus}, DataType.FLOAT));
    }
}
