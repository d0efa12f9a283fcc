package io.github.richness.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** ‖θ‖² of DL4J models with batch normalisation: the running statistics are not parameters of the norm. */
class ParameterNormTest {

    @Test
    void batchNormRunningStatisticsAreLeftOutOfAMultiLayerNetwork() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        Layer batchNorm = network.getLayer(1);
        double statistics = 0;
        for (String key : batchNorm.paramTable().keySet()) {
            if (!key.equals(BatchNormalizationParamInitializer.GAMMA) && !key.equals(BatchNormalizationParamInitializer.BETA)) {
                batchNorm.setParam(key, Nd4j.valueArrayOf(new long[] {1, 5}, 300.0f));
                statistics += 5 * 300.0 * 300.0;
            }
        }
        double expected = sumOfSquares(network.getLayer(0).paramTable()) + sumOfSquares(network.getLayer(2).paramTable())
                + squares(batchNorm.getParam(BatchNormalizationParamInitializer.GAMMA))
                + squares(batchNorm.getParam(BatchNormalizationParamInitializer.BETA));
        double everything = squares(network.params());
        assertEquals(expected, ParameterNorm.squaredNorm(network), 1e-9 * expected);
        assertEquals(everything - statistics, ParameterNorm.squaredNorm(network), 1e-9 * everything,
                "params() minus the running mean and variance");
        assertTrue(everything > 1e3 * expected, "with them the norm would be the running statistics'");
        assertEquals(6, ParameterNorm.learnedParameters(network).size(), "W, b twice and γ, β");
    }

    @Test
    void batchNormRunningStatisticsAreLeftOutOfAComputationGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(2).updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(6).build(), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(2)
                        .activation(Activation.IDENTITY).build(), "bn")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(4))
                .build());
        graph.init();
        graph.fit(new org.nd4j.linalg.dataset.DataSet(Nd4j.rand(DataType.FLOAT, 16, 4).muli(50),
                Nd4j.rand(DataType.FLOAT, 16, 2)));
        Layer batchNorm = graph.getLayer("bn");
        assertTrue(squares(batchNorm.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)) > 0,
                "training moved the running mean");
        double expected = sumOfSquares(graph.getLayer("dense").paramTable())
                + sumOfSquares(graph.getLayer("out").paramTable())
                + squares(batchNorm.getParam(BatchNormalizationParamInitializer.GAMMA))
                + squares(batchNorm.getParam(BatchNormalizationParamInitializer.BETA));
        assertEquals(expected, ParameterNorm.squaredNorm(graph), 1e-9 * expected);
        assertTrue(squares(graph.params()) > expected, "params() includes the statistics");
    }

    @Test
    void aNetworkWithoutBatchNormCountsEveryParameter() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        network.init();
        double everything = squares(network.params());
        assertEquals(everything, ParameterNorm.squaredNorm(network), 1e-12 * everything);
    }

    private static double sumOfSquares(Map<String, INDArray> table) {
        double total = 0;
        for (INDArray array : table.values()) {
            total += squares(array);
        }
        return total;
    }

    private static double squares(INDArray array) {
        double total = 0;
        for (double value : array.castTo(DataType.DOUBLE).dup().reshape(array.length()).toDoubleVector()) {
            total += value * value;
        }
        return total;
    }
}
