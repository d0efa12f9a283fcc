package io.github.richness.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainingLoopTest {

    private static final MnistDigits TRAIN = MnistDigits.embeddedTrain().subset(500);
    private static final MnistDigits TEST = MnistDigits.embeddedTest().subset(300);

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(10)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build();
        conf.setValidateOutputLayerConfig(false);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void measuresEveryKthEpochAndTheLastOneWritesFilesAndFeedsExtraReporters(@TempDir Path out) throws Exception {
        List<RichnessRecord> reported = new ArrayList<>();
        Files.createDirectories(out);
        Files.writeString(out.resolve(TrainingLoop.JSON_LINES), "stale line of an earlier run\n");
        TrainingSummary summary = TrainingLoop.builder(graph(), new MnistDataSetIterator(TRAIN, 50, 3),
                        new MnistDataSetIterator(TEST, 100))
                .epochs(4).every(2).output(out).label("graph").reportTo(reported::add)
                .build().run();
        assertEquals(List.of(1, 3, 4), summary.epochs().stream().map(EpochResult::epoch).toList(),
                "first, every second, and the last epoch");
        assertEquals(3, summary.history().size());
        assertEquals(summary.history(), reported, "the extra reporter sees every record");
        assertEquals(summary.history(), JsonLinesReporter.read(out.resolve(TrainingLoop.JSON_LINES)),
                "the earlier run's file is replaced");
        assertEquals(4, Files.readAllLines(out.resolve(TrainingLoop.CSV)).size(), "header and three rows");
        for (EpochResult epoch : summary.epochs()) {
            assertTrue(epoch.record().ok(), String.valueOf(epoch.record().failure()));
            assertTrue(epoch.trainAccuracy() >= 0 && epoch.trainAccuracy() <= 1);
            assertTrue(epoch.testAccuracy() >= 0 && epoch.testAccuracy() <= 1);
            assertTrue(Double.isFinite(epoch.loss()));
        }
        assertEquals(out, summary.output());
        assertEquals(32, summary.lastRecord().probe().featureWidth());
    }

    @Test
    void refusesOtherModelsAndBadCounts() {
        MnistDataSetIterator data = new MnistDataSetIterator(TEST, 100);
        assertThrows(IllegalArgumentException.class, () -> TrainingLoop.builder(null, data, data));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder().nIn(784).nOut(10).build()).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingLoop.builder(net, data, data).epochs(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingLoop.builder(net, data, data).every(0).build());
    }
}
