package io.github.richness.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ModularArithmeticTest {

    private static final int P = 7;

    @Test
    void splitCoversEveryPairOnceWithTheRightSums() {
        ModularArithmetic task = ModularArithmetic.split(P, 0.5, 1);
        assertEquals(25, task.train().numExamples(), "round(0.5 · 49)");
        assertEquals(24, task.test().numExamples());
        Set<Integer> seen = new HashSet<>();
        for (DataSet part : new DataSet[] {task.train(), task.test()}) {
            for (int row = 0; row < part.numExamples(); row++) {
                INDArray x = part.getFeatures().getRow(row);
                assertEquals(2.0, x.sumNumber().doubleValue(), "two one-hot codes");
                int a = x.get(NDArrayIndex.interval(0, P)).argMax().getInt(0);
                int b = x.get(NDArrayIndex.interval(P, 2 * P)).argMax().getInt(0);
                assertEquals((a + b) % P, part.getLabels().getRow(row).argMax().getInt(0), a + " + " + b);
                assertEquals(1.0, part.getLabels().getRow(row).sumNumber().doubleValue());
                assertTrue(seen.add(a * P + b), "pair " + a + ", " + b + " once");
            }
        }
        assertEquals(P * P, seen.size());
    }

    @Test
    void theSeedAloneChoosesTheSplit() {
        assertEquals(ModularArithmetic.split(P, 0.3, 5).train(), ModularArithmetic.split(P, 0.3, 5).train());
        assertTrue(!ModularArithmetic.split(P, 0.3, 5).train().equals(ModularArithmetic.split(P, 0.3, 6).train()));
    }

    @Test
    void sumIsModular() {
        assertEquals((5 + 6) % P, ModularArithmetic.sum(5 * P + 6, P));
    }

    @Test
    void emptyPartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModularArithmetic.split(P, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ModularArithmetic.split(P, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ModularArithmetic.split(1, 0.5, 1));
    }

    @Test
    void divisionHasThePapersPairsAndInvertsMultiplication() {
        ModularArithmetic task = ModularArithmetic.split(ModularArithmetic.Operation.DIVISION, 97, 0.5, 1);
        assertEquals(4656, task.train().numExamples(), "the paper's 4,656 training pairs");
        assertEquals(97 * 96, task.train().numExamples() + task.test().numExamples());
        for (int a = 0; a < 97; a += 7) {
            for (int b = 1; b < 97; b += 5) {
                assertEquals(a, ModularArithmetic.Operation.DIVISION.apply(a, b, 97) * b % 97, a + " / " + b);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> ModularArithmetic.split(ModularArithmetic.Operation.DIVISION, 12, 0.5, 1));
    }
}
