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

class ModularAdditionTest {

    private static final int P = 7;

    @Test
    void splitCoversEveryPairOnceWithTheRightSums() {
        ModularAddition task = ModularAddition.split(P, 0.5, 1);
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
        assertEquals(ModularAddition.split(P, 0.3, 5).train(), ModularAddition.split(P, 0.3, 5).train());
        assertTrue(!ModularAddition.split(P, 0.3, 5).train().equals(ModularAddition.split(P, 0.3, 6).train()));
    }

    @Test
    void sumIsModular() {
        assertEquals((5 + 6) % P, ModularAddition.sum(5 * P + 6, P));
    }

    @Test
    void emptyPartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModularAddition.split(P, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ModularAddition.split(P, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ModularAddition.split(1, 0.5, 1));
    }
}
