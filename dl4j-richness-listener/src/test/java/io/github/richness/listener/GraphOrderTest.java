package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Graphs whose {@code addLayer} calls are out of topological order: the listener measures the features
 * entering the head, found by name, and its D_LR equals that of DL4J's own {@code feedForward} activation of
 * that vertex ({@link DL4JForward}), whose softmax through the head is DL4J's own output.
 */
class GraphOrderTest {

    /** The listener (float32 forward pass, moments) against the double-precision Gram-matrix reference. */
    private static final double TOLERANCE = 1e-5;
    /** The features entering the head and the vertex a position-for-index mistake would take differ by more. */
    private static final double OTHER_VERTEX_EFFECT = 1e-3;
    private static final int WIDTH = 12;

    @Test
    void aChainAddedInReverseIsMeasuredOnTheLayerBeforeTheHead() {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().seed(60).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("out", softmaxOutput(), "h3")
                .addLayer("h3", dense(WIDTH, Activation.TANH), "h2")
                .addLayer("h2", dense(WIDTH, Activation.RELU), "h1")
                .addLayer("h1", dense(WIDTH, Activation.TANH), "in")
                .setOutputs("out"));
        assertNotEquals(graph.getVertex("h3").getVertexIndex(), position(graph, "h3"), "the test needs index ≠ position");
        DataSet probe = TestModels.classData(61, 96, WIDTH);
        double expected = assertMeasuredOn(graph, probe, "h3", "out", "'out' (OutputLayer)");
        for (String other : List.of("in", "h1", "h2")) {
            double wrong = DL4JForward.lowRankDistance(List.of(DL4JForward.features(graph, probe, false, other)), graph.getLayer("out"));
            assertTrue(Math.abs(expected - wrong) > OTHER_VERTEX_EFFECT, other + ": " + wrong + " vs " + expected);
        }
    }

    @Test
    void aShuffledResidualGraphWithAMergeIsMeasuredOnTheMergedFeatures() {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().seed(62).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("out", softmaxOutput(), "add", "side")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "block", "stem")
                .addLayer("side", dense(6, Activation.TANH), "stem")
                .addLayer("block", dense(10, Activation.TANH), "stem")
                .addLayer("stem", dense(10, Activation.RELU), "in")
                .setOutputs("out"));
        assertEquals(List.of("out-merge"), graph.getConfiguration().getVertexInputs().get("out"));
        RichnessRecord record = measured(graph, TestModels.classData(63, 96, WIDTH), "out-merge", "out");
        assertEquals(16, record.probe().featureWidth(), "10 from the residual sum and 6 from the side branch");
    }

    @Test
    void aLossLayerHeadInAShuffledGraphIsMeasuredOnTheDenseLayersInput() {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().seed(64).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("h2", dense(8, Activation.TANH), "h1")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .build(), "logits")
                .addLayer("logits", dense(TestModels.CLASSES, Activation.IDENTITY), "h2")
                .addLayer("h1", dense(10, Activation.RELU), "in")
                .setOutputs("loss"));
        assertNotEquals(graph.getVertex("h2").getVertexIndex(), position(graph, "h2"), "the test needs index ≠ position");
        assertMeasuredOn(graph, TestModels.classData(65, 96, WIDTH), "h2", "logits", "'logits' (DenseLayer)");
    }

    @Test
    void anOutputLayerOnTheNetworkInputIsMeasuredOnTheInput() {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().seed(66).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("out", softmaxOutput(), "in")
                .setOutputs("out"));
        assertMeasuredOn(graph, TestModels.classData(67, 96, WIDTH), "in", "out", "'out' (OutputLayer)");
    }

    /** @return the measured D_LR, which equals that of DL4J's activation of {@code vertex} through {@code head} */
    private static double assertMeasuredOn(ComputationGraph graph, DataSet probe, String vertex, String head,
                                           String description) {
        RichnessRecord record = measured(graph, probe, vertex, head);
        assertEquals(description, record.provenance().head());
        return record.lowRankDistance();
    }

    private static RichnessRecord measured(ComputationGraph graph, DataSet probe, String vertex, String headName) {
        INDArray features = DL4JForward.features(graph, probe, false, vertex);
        Layer head = graph.getLayer(headName);
        DL4JForward.assertSoftmaxOutput(features, head, graph.outputSingle(probe.getFeatures()));
        double expected = DL4JForward.lowRankDistance(List.of(features), head);
        RichnessRecord record = RichnessListener.builder(probe).probeBatchSize(40).logRecords(false).build()
                .measureNow(graph);
        assertTrue(record.ok(), record.failure());
        assertEquals(expected, record.lowRankDistance(), TOLERANCE, "D_LR of DL4J's activation of '" + vertex + "'");
        return record;
    }

    private static int position(ComputationGraph graph, String vertex) {
        int[] order = graph.topologicalSortOrder();
        int index = graph.getVertex(vertex).getVertexIndex();
        return Arrays.stream(order).boxed().toList().indexOf(index);
    }

    private static ComputationGraph build(ComputationGraphConfiguration.GraphBuilder graph) {
        ComputationGraph net = new ComputationGraph(graph.setInputTypes(InputType.feedForward(WIDTH)).build());
        net.init();
        return net;
    }

    private static DenseLayer dense(int width, Activation activation) {
        return new DenseLayer.Builder().nOut(width).activation(activation).build();
    }

    private static OutputLayer softmaxOutput() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(TestModels.CLASSES).build();
    }
}
