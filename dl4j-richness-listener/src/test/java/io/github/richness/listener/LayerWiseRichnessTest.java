package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.capture.LayerSelection;
import io.github.richness.record.LayerRichness;
import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.LayerCsvReporter;
import io.github.richness.testing.DenseReference;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Layer-wise richness against an independent computation: each selected layer's D_LR, debiased D_LR and S_init
 * equal {@link DenseReference}'s n × n Gram-matrix CKA on DL4J's own {@code feedForward} activations (flattened
 * per sample) against the network's output, for an MLP, a CNN and a residual ComputationGraph; the head's
 * numbers are unchanged by the selection.
 */
class LayerWiseRichnessTest {

    private static final double TOLERANCE = 1e-8;
    private static final double S_INIT_TOLERANCE = 1e-5;

    @Test
    void everyDenseLayerEqualsTheGramMatrixComputation() {
        DataSet probe = TestModels.classData(21, 150, 12);
        MultiLayerNetwork net = TestModels.dense(22, true);
        MultiLayerNetwork initial = net.clone();
        RichnessRecord record = trained(net, probe, LayerSelection.everyLayerWithParameters());
        assertEquals(List.of("layer 0", "layer 1", "layer 2"), record.layers().stream().map(LayerRichness::layer).toList());
        List<INDArray> now = net.feedForward(probe.getFeatures(), false);
        List<INDArray> before = initial.feedForward(probe.getFeatures(), false);
        double[][] outputs = rows(net.output(probe.getFeatures(), false));
        for (int i = 0; i < 3; i++) {
            assertLayer(record.layers().get(i), rows(now.get(i + 1)), rows(before.get(i + 1)), outputs);
        }
        RichnessRecord headOnly = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
        assertEquals(headOnly.lowRankDistance(), record.lowRankDistance(), TOLERANCE, "the head is unchanged");
        assertEquals(record.layers().get(2).lowRankDistance(), record.lowRankDistance(), TOLERANCE,
                "the last hidden layer is the head's Φ");
        assertEquals(record.layers(), RecordJson.fromJson(RecordJson.toJson(record)).layers(), "JSON round trip");
        String[] csv = LayerCsvReporter.rows(record).split("\n");
        assertEquals(3, csv.length, "one long-form row per layer");
        for (String row : csv) {
            assertEquals(LayerCsvReporter.header().split(",").length, row.split(",").length, "aligned: " + row);
        }
    }

    @Test
    void convolutionalLayersAreFlattenedAsFeedForwardGivesThem() {
        DataSet probe = TestModels.imageData(23, 150);
        MultiLayerNetwork net = TestModels.cnn(24, false);
        MultiLayerNetwork initial = net.clone();
        RichnessRecord record = trained(net, probe, LayerSelection.indices(0, 1, 2));
        List<INDArray> now = net.feedForward(probe.getFeatures(), false);
        List<INDArray> before = initial.feedForward(probe.getFeatures(), false);
        double[][] outputs = rows(net.output(probe.getFeatures(), false));
        assertEquals(3, record.layers().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(LayerRichness.FLATTENED, record.layers().get(i).features());
            assertLayer(record.layers().get(i), rows(now.get(i + 1)), rows(before.get(i + 1)), outputs);
        }
        assertEquals(4 * 6 * 6, record.layers().get(0).width());
    }

    @Test
    void residualGraphVerticesIncludingTheSkipConnection() {
        DataSet probe = TestModels.imageData(25, 150);
        ComputationGraph graph = TestModels.residual(26, false);
        ComputationGraph initial = graph.clone();
        RichnessRecord record = trained(graph, probe, LayerSelection.names("add", "stem", "bn"));
        assertEquals(List.of("stem", "bn", "add"), record.layers().stream().map(LayerRichness::layer).toList(),
                "in the order of the forward pass");
        Map<String, INDArray> now = graph.feedForward(probe.getFeatures(), false);
        Map<String, INDArray> before = initial.feedForward(probe.getFeatures(), false);
        double[][] outputs = rows(graph.outputSingle(false, probe.getFeatures()));
        for (LayerRichness layer : record.layers()) {
            assertLayer(layer, rows(now.get(layer.layer())), rows(before.get(layer.layer())), outputs);
        }
        assertEquals("ElementWiseVertex", record.layers().get(2).type());
    }

    @Test
    void aLayerTheModelLacksFailsTheRecordNamingIt() {
        DataSet probe = TestModels.classData(27, 60, 12);
        RichnessRecord record = RichnessListener.builder(probe).logRecords(false).layers(LayerSelection.indices(7))
                .build().measureNow(TestModels.dense(28, true));
        assertFalse(record.ok());
        assertTrue(record.failure().contains("selected layer 7 does not exist"), record.failure());
        RichnessRecord graph = RichnessListener.builder(TestModels.imageData(29, 60)).logRecords(false)
                .layers(LayerSelection.names("nope")).build().measureNow(TestModels.residual(30, false));
        assertTrue(graph.failure().contains("'nope'"), graph.failure());
    }

    private static RichnessRecord trained(org.deeplearning4j.nn.api.Model model, DataSet probe,
                                          LayerSelection selection) {
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).layers(selection).build();
        if (model instanceof MultiLayerNetwork net) {
            net.addListeners(listener);
            for (int i = 0; i < 10; i++) {
                net.fit(probe);
            }
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            graph.addListeners(listener);
            for (int i = 0; i < 10; i++) {
                graph.fit(probe);
            }
        }
        RichnessRecord record = listener.measureNow(model);
        assertTrue(record.ok(), record.failure());
        return record;
    }

    private static void assertLayer(LayerRichness layer, double[][] now, double[][] before, double[][] outputs) {
        String name = layer.label();
        assertEquals(DenseReference.lowRankDistance(now, outputs), layer.lowRankDistance(), TOLERANCE, name + " D_LR");
        assertEquals(DenseReference.debiasedLowRankDistance(now, outputs), layer.debiasedLowRankDistance(), TOLERANCE,
                name + " debiased D_LR");
        double similarity = DenseReference.kernelSimilarity(before, now);
        assertEquals(similarity, layer.kernelSimilarityToInit(), S_INIT_TOLERANCE, name + " S_init");
        assertTrue(similarity < 0.9999, name + ": the features moved, so S_init checks the initial copy");
        assertTrue(layer.lowRankDistanceStandardError() > 0, name + " has a standard error");
        assertTrue(Double.isFinite(layer.effectiveDimension()), name + " has D_eff");
    }

    private static double[][] rows(INDArray activation) {
        long n = activation.size(0);
        return activation.castTo(DataType.DOUBLE).reshape('c', n, activation.length() / n).toDoubleMatrix();
    }
}
