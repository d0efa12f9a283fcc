package io.github.richness.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MnistDataSetIteratorTest {

    private static MnistDigits digits;

    @BeforeAll
    static void load() {
        digits = MnistDigits.embeddedTrain().subset(1000);
    }

    @Test
    void yieldsFullBatchesAndALastPartialOne() {
        MnistDataSetIterator iterator = new MnistDataSetIterator(digits, 64);
        List<DataSet> batches = epoch(iterator);

        assertEquals(16, batches.size());
        for (int b = 0; b < 15; b++) {
            assertArrayEquals(new long[] {64, 784}, batches.get(b).getFeatures().shape());
            assertArrayEquals(new long[] {64, 10}, batches.get(b).getLabels().shape());
        }
        DataSet last = batches.get(15);
        assertArrayEquals(new long[] {1000 - 15 * 64, 784}, last.getFeatures().shape());
        assertArrayEquals(new long[] {1000 - 15 * 64, 10}, last.getLabels().shape());
        assertEquals(DataType.FLOAT, last.getFeatures().dataType());
        assertEquals(DataType.FLOAT, last.getLabels().dataType());
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    @Test
    void batchSizeThatDividesTheDataGivesNoEmptyBatch() {
        assertEquals(10, epoch(new MnistDataSetIterator(digits, 100)).size());
        assertEquals(1, epoch(new MnistDataSetIterator(digits, 5000)).size());
    }

    @Test
    void unshuffledBatchesHoldTheDigitsInOrderWithOneHotLabels() {
        MnistDataSetIterator iterator = new MnistDataSetIterator(digits, 64);
        int index = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            INDArray labels = batch.getLabels();
            INDArray rowSums = labels.sum(1);
            for (int row = 0; row < labels.rows(); row++, index++) {
                assertEquals(1.0, rowSums.getDouble(row), 0.0);
                assertEquals(1.0, labels.getDouble(row, digits.label(index)), 0.0);
                assertArrayEquals(digits.image(index), batch.getFeatures().getRow(row).toFloatVector());
            }
        }
        assertEquals(1000, index);
    }

    @Test
    void shuffledEpochsRepeatForTheSameSeedAndDifferFromEachOther() {
        MnistDataSetIterator first = new MnistDataSetIterator(digits, 128, 42L);
        MnistDataSetIterator second = MnistDataSetIterator.builder(digits).batchSize(128).shuffle(42L).build();

        INDArray firstEpoch = features(epoch(first));
        assertEquals(firstEpoch, features(epoch(second)));

        first.reset();
        second.reset();
        INDArray secondEpoch = features(epoch(first));
        assertEquals(secondEpoch, features(epoch(second)));
        assertNotEquals(firstEpoch, secondEpoch);
        assertEquals(1, first.epoch());

        INDArray unshuffled = features(epoch(new MnistDataSetIterator(digits, 128)));
        assertNotEquals(unshuffled, firstEpoch);
        assertNotEquals(features(epoch(new MnistDataSetIterator(digits, 128, 43L))), firstEpoch);

        // A shuffled epoch is a permutation: the same digits, in another order.
        INDArray unshuffledPixelTotals = unshuffled.castTo(DataType.DOUBLE).sum(0);
        assertTrue(unshuffledPixelTotals.equalsWithEps(firstEpoch.castTo(DataType.DOUBLE).sum(0), 1e-9));
        assertEquals(digits.classCounts()[3], (int) labels(epoch(new MnistDataSetIterator(digits, 128, 42L)))
                .getColumn(3).sumNumber().doubleValue());
    }

    @Test
    void resetBeforeTheFirstBatchDoesNotSkipAnEpoch() {
        MnistDataSetIterator reference = new MnistDataSetIterator(digits, 100, 7L);
        MnistDataSetIterator resetEarly = new MnistDataSetIterator(digits, 100, 7L);
        resetEarly.reset();
        resetEarly.reset();
        assertEquals(0, resetEarly.epoch());
        assertEquals(features(epoch(reference)), features(epoch(resetEarly)));
    }

    @Test
    void resetMidEpochStartsAFreshEpoch() {
        MnistDataSetIterator iterator = new MnistDataSetIterator(digits, 300);
        iterator.next();
        iterator.reset();
        assertEquals(4, epoch(iterator).size());
    }

    @Test
    void appliesThePreProcessor() {
        MnistDataSetIterator iterator = new MnistDataSetIterator(digits, 64);
        assertNull(iterator.getPreProcessor());
        DataSetPreProcessor doubler = dataSet -> dataSet.getFeatures().muli(2);
        iterator.setPreProcessor(doubler);
        assertSame(doubler, iterator.getPreProcessor());

        for (DataSet batch : epoch(iterator)) {
            assertEquals(2.0, batch.getFeatures().maxNumber().doubleValue(), 1e-6);
        }
    }

    @Test
    void describesTheData() {
        MnistDataSetIterator iterator = new MnistDataSetIterator(digits, 32);
        assertEquals(784, iterator.inputColumns());
        assertEquals(10, iterator.totalOutcomes());
        assertEquals(32, iterator.batch());
        assertEquals(1000, iterator.numExamples());
        assertTrue(iterator.resetSupported());
        assertTrue(iterator.asyncSupported());
        assertEquals(Arrays.asList("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), iterator.getLabels());
        assertEquals(iterator.getLabels(), iterator.next().getLabelNamesList());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new MnistDataSetIterator(digits, 0));
        assertThrows(IllegalArgumentException.class, () -> new MnistDataSetIterator(null, 10));
        assertThrows(IllegalArgumentException.class, () -> new MnistDataSetIterator(digits, 10).next(0));
    }

    @Test
    void emptyDigitsGiveAnEmptyEpoch() {
        MnistDataSetIterator iterator = new MnistDataSetIterator(digits.subset(0), 10, 1L);
        assertFalse(iterator.hasNext());
        iterator.reset();
        assertFalse(iterator.hasNext());
    }

    @Test
    void trainsASoftmaxClassifierWithDl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345)
                .updater(new Adam(1e-2))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(784).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        MnistDataSetIterator train = MnistDataSetIterator.builder(MnistDigits.embeddedTrain().subset(4000))
                .batchSize(100).shuffle(3L).build();
        network.fit(train, 3);

        Evaluation evaluation = network.evaluate(new MnistDataSetIterator(MnistDigits.embeddedTest(), 500));
        assertEquals(2000, evaluation.getNumRowCounter(), 0.0);
        assertTrue(evaluation.accuracy() > 0.8, "accuracy " + evaluation.accuracy());
    }

    private static List<DataSet> epoch(MnistDataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        return batches;
    }

    private static INDArray labels(List<DataSet> batches) {
        return DataSet.merge(batches).getLabels();
    }

    private static INDArray features(List<DataSet> batches) {
        return DataSet.merge(batches).getFeatures();
    }
}
