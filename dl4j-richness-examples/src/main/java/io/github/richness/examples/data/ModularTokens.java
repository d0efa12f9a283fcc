package io.github.richness.examples.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link ModularArithmetic} task as token sequences, the input of a transformer (teddykoker/grokking, after
 * Power et al. 2022): the equation "a ∘ b =" as the T = 4 token indices [a, ∘, b, =] over a vocabulary of
 * p + 2 tokens, the numbers 0 … p − 1, "=" (index p) and "∘" (index p + 1). The features [n, 2p] (one-hot a ⊕
 * one-hot b) become indices [n, 4]; the labels (one-hot a ∘ b) stay as they are, in the same order.
 */
public final class ModularTokens {

    /** T, the tokens of one equation. */
    public static final int LENGTH = 4;

    private ModularTokens() {
    }

    /**
     * @param modulus p
     * @return p + 2, the number of distinct tokens
     */
    public static int vocabulary(int modulus) {
        return modulus + 2;
    }

    /**
     * @param task the one-hot task
     * @return the same split and labels, with token-index features [n, 4]
     */
    public static ModularArithmetic of(ModularArithmetic task) {
        return new ModularArithmetic(task.modulus(), task.operation(), encode(task.train(), task.modulus()),
                encode(task.test(), task.modulus()));
    }

    private static DataSet encode(DataSet oneHot, int modulus) {
        INDArray features = oneHot.getFeatures();
        long n = features.rows();
        INDArray tokens = Nd4j.create(DataType.FLOAT, n, LENGTH);
        tokens.putColumn(0, features.get(NDArrayIndex.all(), NDArrayIndex.interval(0, modulus)).argMax(1)
                .castTo(DataType.FLOAT).reshape(n, 1));
        tokens.getColumn(1).assign(modulus + 1);
        tokens.putColumn(2, features.get(NDArrayIndex.all(), NDArrayIndex.interval(modulus, 2 * modulus)).argMax(1)
                .castTo(DataType.FLOAT).reshape(n, 1));
        tokens.getColumn(3).assign(modulus);
        return new DataSet(tokens, oneHot.getLabels());
    }
}
