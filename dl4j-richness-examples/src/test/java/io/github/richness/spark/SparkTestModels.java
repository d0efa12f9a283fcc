package io.github.richness.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small models and class-structured data for the Spark tests, in double precision: the tests compare a probe
 * measured in Spark's partitions and minibatches with the listener's one minibatch, and a FLOAT network's forward
 * pass rounds differently for different minibatch sizes (the GEMM kernels change with the row count), which
 * moved D_LR by up to 1.5e-8 relative, above the agreement the tests prove for the measurement itself.
 */
final class SparkTestModels {

    static final int INPUTS = 10;
    static final int CLASSES = 4;

    private SparkTestModels() {
    }

    /** Gaussian inputs whose class (i mod 4) shifts the mean, so training moves the features. */
    static DataSet classData(long seed, int n) {
        Random random = new Random(seed);
        double[][] x = new double[n][INPUTS];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            y[i][label] = 1;
            for (int j = 0; j < INPUTS; j++) {
                x[i][j] = random.nextGaussian() + (j % CLASSES == label ? 1.5 : 0.0);
            }
        }
        return new DataSet(Nd4j.createFromArray(x).castTo(DataType.DOUBLE),
                Nd4j.createFromArray(y).castTo(DataType.DOUBLE));
    }

    /** The data cut into consecutive minibatches of the given sizes (which add up to its size). */
    static List<DataSet> minibatches(DataSet data, int... sizes) {
        List<DataSet> batches = new ArrayList<>();
        int start = 0;
        for (int size : sizes) {
            List<DataSet> rows = data.asList().subList(start, start + size);
            batches.add(DataSet.merge(rows));
            start += size;
        }
        if (start != data.numExamples()) {
            throw new IllegalArgumentException("sizes add up to " + start + ", not " + data.numExamples());
        }
        return batches;
    }

    /** Dense network with dropout and batch norm (inference mode matters), softmax output. */
    static MultiLayerNetwork dense(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(seed).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(20).activation(Activation.RELU).dropOut(0.8).build())
                .layer(new BatchNormalization.Builder().nOut(20).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(CLASSES).build())
                .setInputType(InputType.feedForward(INPUTS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A graph with a skip connection into the head. */
    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(seed).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nOut(9).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build(), "a")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(CLASSES).build(), "a", "b")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(INPUTS))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
