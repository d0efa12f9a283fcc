package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * When a model cannot be measured, the failed record names the real cause (issue 12, item 9): diverged
 * training (its parameters, not the probe), the probe's own NaN input or labels, an overflowing forward pass,
 * dead features, dead outputs; and a record without D_LR is never an ok one. Each cause is checked
 * independently on the model (its parameters, DL4J's own forward pass).
 */
class UnmeasurableModelTest {

    @Test
    void divergedTrainingBlamesTheParametersNotTheProbe() {
        MultiLayerNetwork net = network(new Sgd(1e4), 0.0, WeightInit.XAVIER);
        DataSet probe = TestModels.classData(101, 100, 12);
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false)
                .frequency(1, InvocationType.ITERATION_END).build();
        net.addListeners(listener);
        DataSet train = TestModels.classData(102, 50, 12);
        for (int i = 0; i < 10 && allFinite(net.params()); i++) {
            net.fit(train);
        }
        assertFalse(allFinite(net.params()), "the learning rate made training diverge");
        assertTrue(allFinite(probe.getFeatures()), "the probe is clean");
        assertTrue(listener.history().get(0).ok(), "the first measurement, before the divergence");
        RichnessRecord record = listener.measureNow(net);
        assertFalse(record.ok());
        assertTrue(record.failure().startsWith("training has diverged: the model's parameters have NaN or infinite"
                + " values"), record.failure());
        assertFalse(record.failure().contains("input"), "the probe is not blamed: " + record.failure());
        assertTrue(record.failure().contains("layer 1 (OutputLayer)"), record.failure());
        for (RichnessRecord failed : listener.history().stream().filter(r -> !r.ok()).toList()) {
            assertTrue(failed.failure().startsWith("training has diverged")
                    || failed.failure().startsWith("the forward pass overflowed"), failed.failure());
        }
    }

    @Test
    void aDivergedGraphBlamesItsParametersToo() {
        ComputationGraph graph = TestModels.residual(103, false);
        graph.setLearningRate(1e9);
        DataSet train = TestModels.imageData(104, 40);
        for (int i = 0; i < 10 && allFinite(graph.params()); i++) {
            graph.fit(train);
        }
        assertFalse(allFinite(graph.params()));
        RichnessRecord record = RichnessListener.builder(TestModels.imageData(105, 40)).logRecords(false).build()
                .measureNow(graph);
        assertTrue(record.failure().startsWith("training has diverged"), record.failure());
    }

    @Test
    void nanInTheProbeIsTheProbes() {
        MultiLayerNetwork net = network(new Sgd(0.1), 0.0, WeightInit.XAVIER);
        DataSet probe = TestModels.classData(106, 100, 12);
        DataSet spectrumProbe = TestModels.classData(107, 100, 12);
        spectrumProbe.getFeatures().putScalar(7, 2, Double.POSITIVE_INFINITY);
        RichnessRecord spectrum = RichnessListener.builder(probe).trainingProbe(spectrumProbe).logRecords(false)
                .build().measureNow(net);
        assertTrue(spectrum.failure().startsWith("the training probe's input features have NaN or infinite values"),
                spectrum.failure());
        DataSet labels = TestModels.classData(108, 100, 12);
        labels.getLabels().putScalar(3, 1, Double.NaN);
        RichnessRecord label = RichnessListener.builder(labels).logRecords(false).build().measureNow(net);
        assertEquals("the test probe's labels have NaN or infinite values (features entering layer 1 (OutputLayer))",
                label.failure());
    }

    /** Parameters and input finite, the float forward pass is not: Φ ≈ 10²⁰, f̂ ≈ 10⁴⁰ > Float.MAX_VALUE. */
    @Test
    void anOverflowingForwardPassIsNamedAsSuch() {
        MultiLayerNetwork net = network(new Sgd(0.1), 0.0, WeightInit.XAVIER);
        net.getLayer(0).getParam("W").muli(1e20);
        net.getLayer(1).getParam("W").muli(1e20);
        assertTrue(allFinite(net.params()));
        DataSet probe = TestModels.classData(109, 100, 12);
        INDArray outputs = net.output(probe.getFeatures(), false);
        assertFalse(allFinite(outputs), "DL4J's own forward pass overflows");
        RichnessRecord record = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
        assertTrue(record.failure().startsWith("the forward pass overflowed: the model's parameters and the test"
                + " probe's input are finite but its outputs f̂ are not (values beyond the range of FLOAT)"),
                record.failure());
    }

    /** Every ReLU of the layer before the head is off on every sample: Φ = 0, f̂ = b. */
    @Test
    void deadFeaturesGiveAFailedRecordThatSaysSo() {
        MultiLayerNetwork net = network(new Sgd(0.1), -100.0, WeightInit.XAVIER);
        DataSet probe = TestModels.classData(110, 100, 12);
        INDArray features = net.feedForward(probe.getFeatures(), false).get(1);
        assertEquals(0.0, features.amaxNumber().doubleValue(), "DL4J's forward pass: every feature is 0");
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(111, 40, 12), 20), 1);
        RichnessRecord record = listener.history().get(0);
        assertFalse(record.ok(), "no D_LR, so not an ok record");
        assertTrue(Double.isNaN(record.lowRankDistance()));
        assertTrue(record.failure().startsWith("dead features: every feature Φ takes the same value on every sample"),
                record.failure());
    }

    /** Zero output weights: the features vary, f̂ = b for every sample. */
    @Test
    void deadOutputsGiveAFailedRecordThatSaysSo() {
        MultiLayerNetwork net = network(new Sgd(0.1), 0.0, WeightInit.ZERO);
        DataSet probe = TestModels.classData(112, 100, 12);
        List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
        assertTrue(activations.get(1).std(0).minNumber().doubleValue() > 0, "every feature varies");
        assertEquals(0.0, activations.get(2).std(0).maxNumber().doubleValue(), "every output is constant");
        RichnessRecord record = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
        assertFalse(record.ok());
        assertTrue(record.failure().startsWith("dead outputs: the outputs f̂ take the same value on every sample of"
                + " the test probe although the features vary"), record.failure());
    }

    /** Dense 12 → 16 (ReLU, bias {@code bias}) → output 4 (identity, MSE, weights {@code outputInit}). */
    private static MultiLayerNetwork network(Sgd updater, double bias, WeightInit outputInit) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(100).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.RELU).biasInit(bias).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .weightInit(outputInit).nOut(TestModels.CLASSES).build())
                .setInputType(InputType.feedForward(12)).build());
        net.init();
        return net;
    }

    private static boolean allFinite(INDArray array) {
        return Arrays.stream(array.castTo(DataType.DOUBLE).data().asDouble()).allMatch(Double::isFinite);
    }
}
