package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.core.Richness;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measuring never changes training, whatever iterator the probes are (issue 12, item 3): the training
 * iterator itself as probe and training probe at every iteration, or an iterator whose cursor training shares
 * through a wrapper, trains the same iterations to the same parameters, bit for bit; a probe iterator that
 * cannot be reset is read once and measured in full every time; the listener's copies do not follow later
 * changes of the user's arrays.
 */
class ProbeIsolationTest {

    /** 200 samples in minibatches of 10, 3 epochs: 60 iterations. */
    private static final int SAMPLES = 200;
    private static final int BATCH = 10;
    private static final int EPOCHS = 3;
    private static final int ITERATIONS = EPOCHS * SAMPLES / BATCH;
    /** A regression would make training loop for ever: fail instead (the tests take seconds). */
    private static final long TIMEOUT_SECONDS = 300;
    /** The networks compute in float; D_LR from our capture and from DL4J's feedForward agree to float round-off. */
    private static final double FLOAT_AGREEMENT = 1e-5;

    /** Before, this training never ended: each measurement reset the iterator training was reading. */
    @Test
    @Timeout(value = TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theTrainingIteratorAsBothProbesAtEveryIterationChangesNothing() {
        DataSet data = TestModels.classData(61, SAMPLES, 12);
        MultiLayerNetwork without = TestModels.dense(62, true);
        Nd4j.getRandom().setSeed(5);
        without.fit(TestModels.iterator(data, BATCH), EPOCHS);

        MultiLayerNetwork with = TestModels.dense(62, true);
        DataSetIterator train = TestModels.iterator(data, BATCH);
        RichnessListener listener = RichnessListener.builder(train).trainingProbe(train).maxProbeSamples(120)
                .frequency(1, InvocationType.ITERATION_END).logRecords(false).build();
        with.addListeners(listener);
        Nd4j.getRandom().setSeed(5);
        with.fit(train, EPOCHS);

        assertEquals(ITERATIONS, without.getIterationCount());
        assertEquals(ITERATIONS, with.getIterationCount(), "every minibatch of every epoch was trained on");
        assertArrayEquals(TestModels.parameters(without.params()), TestModels.parameters(with.params()),
                "parameters after " + ITERATIONS + " iterations, bit for bit");
        List<RichnessRecord> history = listener.history();
        assertEquals(ITERATIONS, history.size());
        assertTrue(history.stream().allMatch(RichnessRecord::ok), history.get(0).failure());
        RichnessRecord last = history.get(ITERATIONS - 1);
        assertEquals(120, last.probe().testSamples(), "the first 120 training samples, at every measurement");
        assertEquals(120, last.probe().spectrumSamples());
        INDArray first120 = data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 120));
        List<INDArray> activations = with.feedForward(first120, false);
        assertEquals(Richness.lowRankDistance(activations.get(3), activations.get(4)), last.lowRankDistance(),
                FLOAT_AGREEMENT, "measured on the first 120 samples of the training iterator, with the final model");
    }

    /**
     * The probe is the iterator that training's iterator wraps (EarlyTerminationDataSetIterator shares its
     * cursor; DL4J's fit wraps it again in an AsyncDataSetIterator that reads ahead on another thread).
     */
    @Test
    @Timeout(value = TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anIteratorThatTrainingWrapsIsNeverTouchedDuringTraining() {
        DataSet data = TestModels.imageData(63, 120);
        ComputationGraph without = TestModels.residual(64, false);
        Nd4j.getRandom().setSeed(6);
        without.fit(new EarlyTerminationDataSetIterator(TestModels.iterator(data, BATCH), 100), 2);

        ComputationGraph with = TestModels.residual(64, false);
        DataSetIterator shared = TestModels.iterator(data, BATCH);
        RichnessListener listener = RichnessListener.builder(shared).frequency(1, InvocationType.ITERATION_END)
                .logRecords(false).build();
        with.addListeners(listener);
        Nd4j.getRandom().setSeed(6);
        with.fit(new EarlyTerminationDataSetIterator(shared, 100), 2);

        assertEquals(24, without.getIterationCount());
        assertEquals(24, with.getIterationCount(), "12 minibatches in each of 2 epochs");
        assertArrayEquals(TestModels.parameters(without.params()), TestModels.parameters(with.params()),
                "parameters, bit for bit");
        RichnessRecord last = listener.history().get(23);
        assertTrue(last.ok(), String.valueOf(last.failure()));
        Map<String, INDArray> activations = with.feedForward(data.getFeatures(), false);
        assertEquals(Richness.lowRankDistance(activations.get("pool"), activations.get("out")),
                last.lowRankDistance(), FLOAT_AGREEMENT);
    }

    /** Before: the first measurement emptied it and every later one failed with "got 0 samples". */
    @Test
    void aProbeIteratorThatCannotBeResetIsReadOnceAndMeasuredInFullEveryTime() {
        DataSet probe = TestModels.classData(65, 90, 12);
        DataSetIterator once = new ExistingDataSetIterator(probe.batchBy(30).iterator());
        assertFalse(once.resetSupported());
        MultiLayerNetwork net = TestModels.dense(66, true);
        RichnessListener listener = RichnessListener.builder(once).logRecords(false).build();
        assertFalse(once.hasNext(), "read at build()");
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(67, 100, 12), 25), 3);

        List<RichnessRecord> history = listener.history();
        assertEquals(3, history.size());
        for (RichnessRecord record : history) {
            assertTrue(record.ok(), String.valueOf(record.failure()));
            assertEquals(90, record.probe().testSamples());
        }
        List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
        assertEquals(Richness.lowRankDistance(activations.get(3), activations.get(4)),
                history.get(2).lowRankDistance(), FLOAT_AGREEMENT);
    }

    @Test
    void aNonResettableIteratorIsLeftJustAfterTheSamplesRead() {
        DataSet probe = TestModels.classData(68, 90, 12);
        List<DataSet> batches = probe.batchBy(30);
        DataSetIterator once = new ExistingDataSetIterator(batches.iterator());
        RichnessListener listener = RichnessListener.builder(once).maxProbeSamples(40).logRecords(false).build();
        assertTrue(once.hasNext());
        assertEquals(batches.get(2).getFeatures(), once.next().getFeatures(),
                "40 samples: the first minibatch and 10 of the second were read");
        assertEquals(40, listener.measureNow(TestModels.dense(69, true)).probe().testSamples());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RichnessListener.builder(once).build());
        assertTrue(empty.getMessage().contains("probe iterator is empty"), empty.getMessage());
    }

    @Test
    void theCopiesDoNotFollowLaterChangesOfTheUsersArrays() {
        DataSet probe = TestModels.classData(70, 60, 12);
        List<DataSet> batches = new ArrayList<>(probe.batchBy(20));
        MultiLayerNetwork net = TestModels.dense(71, true);
        RichnessListener listener = RichnessListener.builder(new ExistingDataSetIterator(batches)).logRecords(false)
                .baselines(false).build();
        for (DataSet batch : batches) {
            batch.getFeatures().muli(0);
        }
        RichnessRecord record = listener.measureNow(net);
        DataSet original = TestModels.classData(70, 60, 12);
        List<INDArray> activations = net.feedForward(original.getFeatures(), false);
        assertEquals(Richness.lowRankDistance(activations.get(3), activations.get(4)), record.lowRankDistance(),
                FLOAT_AGREEMENT, "measured on the samples as they were at build()");
    }
}
