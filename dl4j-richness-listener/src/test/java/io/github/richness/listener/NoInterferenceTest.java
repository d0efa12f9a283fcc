package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Attaching the listener leaves training bit-for-bit as it was. */
class NoInterferenceTest {

    @Test
    void denseNetworkWithDropoutAndBatchNormTrainsIdentically() {
        DataSet probe = TestModels.classData(40, 120, 12);
        assertIdenticalTraining(seed -> TestModels.dense(seed, true), probe,
                () -> TestModels.iterator(TestModels.classData(41, 200, 12), 25));
    }

    @Test
    void residualGraphWithBatchNormTrainsIdentically() {
        DataSet probe = TestModels.imageData(42, 80);
        assertIdenticalTraining(seed -> TestModels.residual(seed, false), probe,
                () -> TestModels.iterator(TestModels.imageData(43, 120), 30));
    }

    private static void assertIdenticalTraining(LongFunction<Model> models, DataSet probe,
                                                java.util.function.Supplier<DataSetIterator> data) {
        Model without = models.apply(7);
        Nd4j.getRandom().setSeed(99);
        fit(without, data.get());

        Model with = models.apply(7);
        RichnessListener everyIteration = RichnessListener.builder(probe).logRecords(false)
                .frequency(1, InvocationType.ITERATION_END).build();
        RichnessListener everyEpoch = RichnessListener.builder(probe).logRecords(false).build();
        addListeners(with, everyIteration, everyEpoch);
        Nd4j.getRandom().setSeed(99);
        fit(with, data.get());

        assertTrue(everyIteration.history().size() >= 12, "measured at every iteration");
        assertTrue(everyIteration.history().stream().allMatch(RichnessRecord::ok),
                everyIteration.history().stream().map(RichnessRecord::failure).toList().toString());
        assertEquals(3, everyEpoch.history().size());
        assertArrayEquals(TestModels.parameters(without.params()), TestModels.parameters(with.params()),
                "parameters after 3 epochs, bit for bit");
    }

    private static void fit(Model model, DataSetIterator data) {
        if (model instanceof MultiLayerNetwork network) {
            network.fit(data, 3);
        } else {
            ((ComputationGraph) model).fit(data, 3);
        }
    }

    private static void addListeners(Model model, TrainingListener... listeners) {
        if (model instanceof MultiLayerNetwork network) {
            network.addListeners(listeners);
        } else {
            ((ComputationGraph) model).addListeners(listeners);
        }
    }
}
