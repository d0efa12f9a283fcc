package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.DenseReference;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The initial model's probe features are kept after the first pass, and S_init stays exact with them. */
class InitialFeatureCacheTest {

    private static final double S_INIT_TOLERANCE = 1e-5;

    @Test
    void laterPassesServeTheKeptFeaturesWithoutAForwardPass() {
        MultiLayerNetwork initial = TestModels.dense(41, true);
        ActivationCapture reference = ActivationCapture.of(initial, null, OutputMode.PRE_ACTIVATION);
        List<DataSet> minibatches = TestModels.classData(42, 90, 12).batchBy(40);
        InitialFeatureCache cache = new InitialFeatureCache();
        INDArray[] first = pass(cache, reference, minibatches);
        INDArray[] second = pass(cache, reference, minibatches);
        for (int i = 0; i < minibatches.size(); i++) {
            assertSame(first[i], second[i], "minibatch " + i + " kept, not computed again");
            assertEquals(DL4JForward.features(initial, minibatches.get(i), false).castTo(DataType.DOUBLE),
                    second[i].castTo(DataType.DOUBLE), "minibatch " + i + ": the initial model's features");
        }
        assertEquals(90L * 16 * first[0].dataType().width(), cache.keptBytes());
    }

    @Test
    void beyondTheBudgetFeaturesAreComputedAtEveryPass() {
        MultiLayerNetwork initial = TestModels.dense(43, true);
        ActivationCapture reference = ActivationCapture.of(initial, null, OutputMode.PRE_ACTIVATION);
        List<DataSet> minibatches = TestModels.classData(44, 90, 12).batchBy(40);
        long firstBatchBytes = 40L * 16 * DataType.FLOAT.width();
        InitialFeatureCache cache = new InitialFeatureCache(firstBatchBytes);
        INDArray[] first = pass(cache, reference, minibatches);
        cache.startPass(reference);
        INDArray kept = cache.features(minibatches.get(0));
        INDArray computed = cache.features(minibatches.get(1)).dup();
        assertSame(first[0], kept, "the leading minibatch fits the budget");
        assertEquals(DL4JForward.features(initial, minibatches.get(1), false), computed,
                "the next one does not: computed again");
        assertEquals(firstBatchBytes, cache.keptBytes());
        INDArray[] otherModel = pass(cache, ActivationCapture.of(TestModels.dense(45, true), null,
                OutputMode.PRE_ACTIVATION), minibatches);
        assertNotSame(first[0], otherModel[0], "another initial model drops the kept features");
    }

    @Test
    void sInitOfEveryMeasurementEqualsTheGramMatrixSimilarityToTheInitialModel() {
        DataSet probe = TestModels.classData(46, 300, 12);
        MultiLayerNetwork net = TestModels.dense(47, true);
        MultiLayerNetwork initial = net.clone();
        RichnessListener listener = RichnessListener.builder(probe).probeBatchSize(128)
                .frequency(1, InvocationType.EPOCH_END).logRecords(false).build();
        net.addListeners(listener);
        for (int epoch = 0; epoch < 3; epoch++) {
            net.fit(TestModels.iterator(TestModels.classData(48 + epoch, 64, 12), 16));
            RichnessRecord record = listener.history().get(listener.history().size() - 1);
            double expected = DenseReference.kernelSimilarity(features(initial, probe), features(net, probe));
            assertEquals(expected, record.baselines().kernelSimilarityToInit(), S_INIT_TOLERANCE, "epoch " + epoch);
            if (epoch == 2) {
                assertTrue(expected < 0.999, "the features moved: a stale current model would be seen");
            }
        }
    }

    private static INDArray[] pass(InitialFeatureCache cache, ActivationCapture reference, List<DataSet> minibatches) {
        cache.startPass(reference);
        INDArray[] features = new INDArray[minibatches.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = cache.features(minibatches.get(i));
        }
        return features;
    }

    private static double[][] features(MultiLayerNetwork net, DataSet probe) {
        return DL4JForward.features(net, probe, false).castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
