package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.richness.core.Richness;
import io.github.richness.record.RichnessRecord;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.LoggerFactory;

/**
 * A user's own loop of {@code fit(DataSet)} calls sends no epoch events (issue 12, item 6): with the default
 * EPOCH_END schedule the listener says so once, with what to do, and both remedies of the README measure the
 * model right.
 */
class OwnTrainingLoopTest {

    private static final int EPOCHS = 3;
    private static final int MINIBATCHES = 4;
    /** The networks compute in float; D_LR from our capture and from DL4J's feedForward agree to float round-off. */
    private static final double FLOAT_AGREEMENT = 1e-5;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger listenerLogger = (Logger) LoggerFactory.getLogger(RichnessListener.class);

    @BeforeEach
    void captureLog() {
        log.start();
        listenerLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        listenerLogger.detachAppender(log);
    }

    @Test
    void anEpochScheduleInAUsersLoopSaysOnceWhatToDo() {
        MultiLayerNetwork net = TestModels.dense(91, true);
        RichnessListener listener = RichnessListener.builder(TestModels.classData(92, 80, 12)).logRecords(false)
                .build();
        net.addListeners(listener);
        trainOwnLoop(net, () -> { });
        assertEquals(EPOCHS * MINIBATCHES, net.getIterationCount(), "the loop trained");
        assertEquals(0, listener.history().size(), "DL4J sent no epoch event: nothing was measured");
        List<ILoggingEvent> warnings = warnings("without epoch events");
        assertEquals(1, warnings.size(), "said once, not at every iteration");
        String text = warnings.get(0).getFormattedMessage();
        assertTrue(text.contains("EPOCH_END") && text.contains("ITERATION_END") && text.contains("measureNow"), text);
    }

    /** The README's loop: measureNow before it (the initial model) and after each of its epochs. */
    @Test
    void measureNowAfterEachEpochOfTheLoopMeasuresTheModelOfThatEpoch() {
        MultiLayerNetwork net = TestModels.dense(93, true);
        DataSet probe = TestModels.classData(94, 80, 12);
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
        net.addListeners(listener);
        double[] expected = new double[EPOCHS + 1];
        int[] measured = {0};
        Runnable measure = () -> {
            listener.measureNow(net);
            List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
            expected[measured[0]++] = Richness.lowRankDistance(activations.get(3), activations.get(4));
        };
        measure.run();
        trainOwnLoop(net, measure);
        List<RichnessRecord> history = listener.history();
        assertEquals(EPOCHS + 1, history.size());
        for (int i = 0; i <= EPOCHS; i++) {
            assertTrue(history.get(i).ok(), String.valueOf(history.get(i).failure()));
            assertEquals(expected[i], history.get(i).lowRankDistance(), FLOAT_AGREEMENT, "epoch " + i);
            assertEquals(i * MINIBATCHES, history.get(i).iteration(), "the iterations trained so far");
        }
        assertTrue(history.get(EPOCHS).baselines().kernelSimilarityToInit() < 1, "S_init against the initial model");
        assertEquals(0, warnings("without epoch events").size(), "measured by hand from the start: no warning");
    }

    @Test
    void anIterationScheduleMeasuresTheLoopWithoutAWarning() {
        MultiLayerNetwork net = TestModels.dense(95, true);
        DataSet probe = TestModels.classData(96, 80, 12);
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false)
                .frequency(MINIBATCHES, InvocationType.ITERATION_END).build();
        net.addListeners(listener);
        trainOwnLoop(net, () -> { });
        List<RichnessRecord> history = listener.history();
        assertEquals(List.of(0, 4, 8), history.stream().map(RichnessRecord::iteration).toList(),
                "the first iteration of each of the loop's epochs");
        List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
        RichnessRecord last = listener.measureNow(net);
        assertEquals(Richness.lowRankDistance(activations.get(3), activations.get(4)), last.lowRankDistance(),
                FLOAT_AGREEMENT);
        assertEquals(0, warnings("without epoch events").size());
    }

    @Test
    void fitOnAnIteratorSendsEpochEventsAndNoWarning() {
        MultiLayerNetwork net = TestModels.dense(97, true);
        RichnessListener listener = RichnessListener.builder(TestModels.classData(98, 80, 12)).logRecords(false)
                .build();
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(99, 80, 12), 20), 2);
        assertEquals(2, listener.history().size());
        assertEquals(0, warnings("without epoch events").size());
    }

    /** The README's loop: EPOCHS epochs of MINIBATCHES fit(DataSet) calls, then {@code afterEpoch}. */
    private static void trainOwnLoop(MultiLayerNetwork net, Runnable afterEpoch) {
        List<DataSet> minibatches = TestModels.classData(90, 20 * MINIBATCHES, 12).batchBy(20);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (DataSet minibatch : minibatches) {
                net.fit(minibatch);
            }
            afterEpoch.run();
        }
    }

    private List<ILoggingEvent> warnings(String text) {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text))
                .toList();
    }
}
