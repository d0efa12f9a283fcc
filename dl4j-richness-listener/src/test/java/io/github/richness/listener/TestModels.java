package io.github.richness.listener;

import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small DL4J models and class-structured synthetic data for listener tests. */
final class TestModels {

    static final int CLASSES = 4;

    private TestModels() {
    }

    /** Gaussian inputs whose class shifts the mean: learnable, so training moves the features. */
    static DataSet classData(long seed, int n, int inputs) {
        Random random = new Random(seed);
        double[][] x = new double[n][inputs];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            y[i][label] = 1;
            for (int j = 0; j < inputs; j++) {
                x[i][j] = random.nextGaussian() + (j % CLASSES == label ? 1.5 : 0.0);
            }
        }
        return new DataSet(Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.createFromArray(y).castTo(DataType.FLOAT));
    }

    /** The same data as images [n, 1, 8, 8]. */
    static DataSet imageData(long seed, int n) {
        DataSet flat = classData(seed, n, 64);
        return new DataSet(flat.getFeatures().reshape(n, 1, 8, 8), flat.getLabels());
    }

    static DataSetIterator iterator(DataSet data, int batch) {
        return new ListDataSetIterator<>(data.asList(), batch);
    }

    /** Dense network with dropout and batch norm; identity output + MSE as in the paper when {@code mse}. */
    static MultiLayerNetwork dense(long seed, boolean mse) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(24).activation(Activation.RELU).dropOut(0.8).build())
                .layer(new BatchNormalization.Builder().nOut(24).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(mse ? LossFunctions.LossFunction.MSE : LossFunctions.LossFunction.MCXENT)
                        .activation(mse ? Activation.IDENTITY : Activation.SOFTMAX).nOut(CLASSES).build())
                .setInputType(InputType.feedForward(12))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Convolutional network; the output layer follows a conv layer directly when {@code convHead} (a 4-d input). */
    static MultiLayerNetwork cnn(long seed, boolean convHead) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        if (!convHead) {
            list.layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build());
        }
        MultiLayerConfiguration conf = list
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(CLASSES).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A ResNet-style graph: conv stem, a residual block with batch norm and a skip connection, global pooling. */
    static ComputationGraph residual(long seed, boolean twoOutputs) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(6).padding(1, 1).activation(Activation.RELU).build(), "in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).padding(1, 1).activation(Activation.IDENTITY).build(), "stem")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn", "stem")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(CLASSES).build(), "pool");
        if (twoOutputs) {
            graph.addLayer("aux", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .nOut(CLASSES).build(), "pool").setOutputs("out", "aux");
        } else {
            graph.setOutputs("out");
        }
        ComputationGraph net = new ComputationGraph(graph.setInputTypes(InputType.convolutional(8, 8, 1)).build());
        net.init();
        return net;
    }

    /** A recurrent network: its output has a time axis. */
    static MultiLayerNetwork recurrent(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new LSTM.Builder().nIn(3).nOut(5).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(2).build())
                .build());
        net.init();
        return net;
    }

    /** @return the flattened parameters as doubles, for exact comparison */
    static double[] parameters(INDArray params) {
        return params.castTo(DataType.DOUBLE).toDoubleVector();
    }
}
