package io.github.richness.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The token sequences [a, ∘, b, =] decode to the one-hot pairs they came from and keep the labels. */
class ModularTokensTest {

    @Test
    void tokensAreTheOperandsAndTheTwoSymbols() {
        int p = 7;
        ModularArithmetic oneHot = ModularArithmetic.split(ModularArithmetic.Operation.DIVISION, p, 0.5, 4);
        ModularArithmetic tokens = ModularTokens.of(oneHot);
        assertEquals(p + 2, ModularTokens.vocabulary(p));
        INDArray x = tokens.train().getFeatures();
        assertArrayEquals(new long[] {oneHot.train().numExamples(), ModularTokens.LENGTH}, x.shape());
        assertEquals(oneHot.train().getLabels(), tokens.train().getLabels());
        assertEquals(oneHot.test().getLabels(), tokens.test().getLabels());
        for (int row = 0; row < x.rows(); row++) {
            int a = x.getInt(row, 0);
            int b = x.getInt(row, 2);
            assertEquals(1.0, oneHot.train().getFeatures().getDouble(row, a), "a is the hot entry of the first half");
            assertEquals(1.0, oneHot.train().getFeatures().getDouble(row, p + b), "b is the hot entry of the second half");
            assertEquals(p + 1, x.getInt(row, 1), "∘");
            assertEquals(p, x.getInt(row, 3), "=");
            assertEquals(1.0, tokens.train().getLabels().getDouble(row, ModularArithmetic.Operation.DIVISION.apply(a, b, p)));
        }
    }
}
