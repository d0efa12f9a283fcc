package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** How an iterator probe's copies are handed to the measurement: joined into the probe's minibatches, or not. */
class ProbeSetTest {

    private static final int BATCHES = 10;
    private static final int ROWS = 64;

    /** Ten minibatches of 64 unmasked samples become one of 640 at a batch size of 1024, then 300 + 300 + 40. */
    @Test
    void joinsUnmaskedCopiesIntoTheProbesMinibatches() {
        List<DataSet> batches = batches(false);
        assertEquals(List.of(640), sizes(ProbeSet.of(iterator(batches), "probe", 4096, 1024)));
        assertEquals(List.of(300, 300, 40), sizes(ProbeSet.of(iterator(batches), "probe", 4096, 300)));
        assertEquals(List.of(300, 200), sizes(ProbeSet.of(iterator(batches), "probe", 500, 300)), "capped at 500");
        List<DataSet> handed = new ArrayList<>();
        ProbeSet.of(iterator(batches), "probe", 4096, 1024).forEach(4096, handed::add);
        INDArray expected = Nd4j.concat(0, batches.stream().map(DataSet::getFeatures).toArray(INDArray[]::new));
        assertArrayEquals(expected.toDoubleMatrix(), handed.get(0).getFeatures().toDoubleMatrix(), "order kept");
    }

    /** Masked copies (sequences whose lengths may differ) keep the iterator's minibatches. */
    @Test
    void keepsMaskedCopiesAsTheIteratorGaveThem() {
        List<Integer> expected = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            expected.add(ROWS);
        }
        assertEquals(expected, sizes(ProbeSet.of(iterator(batches(true)), "probe", 4096, 1024)));
    }

    private static List<Integer> sizes(ProbeSet probe) {
        List<Integer> sizes = new ArrayList<>();
        probe.forEach(4096, batch -> sizes.add(batch.numExamples()));
        return sizes;
    }

    private static DataSetIterator iterator(List<DataSet> batches) {
        return new ListDataSetIterator<>(batches, 1);
    }

    private static List<DataSet> batches(boolean masked) {
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, masked ? new long[] {ROWS, 3, 5} : new long[] {ROWS, 3});
            INDArray labels = Nd4j.rand(DataType.FLOAT, masked ? new long[] {ROWS, 2, 5} : new long[] {ROWS, 2});
            INDArray mask = masked ? Nd4j.ones(DataType.FLOAT, ROWS, 5) : null;
            batches.add(new DataSet(features, labels, mask, mask));
        }
        return batches;
    }
}
