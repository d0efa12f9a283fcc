package io.github.richness.listener;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
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
 * Small masked LSTM classifiers and variable-length sequence data for the mask tests: every sequence has
 * its own length, and the padded steps after it hold large noise, so a forward pass that ignores the mask
 * (or uses another minibatch's) gives clearly different features.
 */
final class SequenceModels {

    static final int INPUTS = 3;
    static final int UNITS = 6;

    /** How the sequence becomes one vector per sample before the output layer. */
    enum Reduction {
        /** {@code LastTimeStep(LSTM)}: the last unmasked step. */
        LAST_TIME_STEP,
        /** {@code LSTM → GlobalPoolingLayer(MAX)} over the unmasked steps. */
        GLOBAL_MAX,
        /** {@code LSTM → GlobalPoolingLayer(AVG)} over the unmasked steps. */
        GLOBAL_AVG
    }

    private SequenceModels() {
    }

    /**
     * Sequences [n, 3, steps] (NCW) whose class sets the mean of the unmasked steps, lengths drawn from
     * [minLength, steps] (the first sample of every four has the full length), one-hot labels [n, 4], the
     * features mask [n, steps] with ones on each sample's own steps.
     */
    static DataSet sequences(long seed, int n, int steps, int minLength) {
        Random random = new Random(seed);
        double[][][] x = new double[n][INPUTS][steps];
        double[][] mask = new double[n][steps];
        double[][] y = new double[n][TestModels.CLASSES];
        for (int i = 0; i < n; i++) {
            int label = i % TestModels.CLASSES;
            y[i][label] = 1;
            int length = i % 4 == 0 ? steps : minLength + random.nextInt(steps - minLength + 1);
            for (int t = 0; t < steps; t++) {
                boolean kept = t < length;
                mask[i][t] = kept ? 1 : 0;
                for (int f = 0; f < INPUTS; f++) {
                    double mean = label == 3 ? -1.0 : (f == label ? 1.0 : 0.0);
                    x[i][f][t] = kept ? mean + 0.5 * random.nextGaussian() : 2.5 + 2.0 * random.nextGaussian();
                }
            }
        }
        return new DataSet(Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.createFromArray(y).castTo(DataType.FLOAT),
                Nd4j.createFromArray(mask).castTo(DataType.FLOAT), null);
    }

    /** A MultiLayerNetwork: the reduction, then a softmax output layer. */
    static MultiLayerNetwork network(Reduction reduction, long seed) {
        NeuralNetConfiguration.ListBuilder list = builder(seed).list();
        if (reduction == Reduction.LAST_TIME_STEP) {
            list.layer(new LastTimeStep(lstm()));
        } else {
            list.layer(lstm()).layer(pooling(reduction));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(output())
                .setInputType(InputType.recurrent(INPUTS)).build());
        net.init();
        return net;
    }

    /** The same as a ComputationGraph: in → the reduction → out. */
    static ComputationGraph graph(Reduction reduction, long seed) {
        var graph = builder(seed).graphBuilder().addInputs("in");
        String last;
        if (reduction == Reduction.LAST_TIME_STEP) {
            graph.addLayer("last", new LastTimeStep(lstm()), "in");
            last = "last";
        } else {
            graph.addLayer("lstm", lstm(), "in").addLayer("pool", pooling(reduction), "lstm");
            last = "pool";
        }
        return initialised(graph.addLayer("out", output(), last));
    }

    /** A graph whose last step is taken by a {@link LastTimeStepVertex}, which reads the graph's input mask. */
    static ComputationGraph lastTimeStepVertexGraph(long seed) {
        return initialised(builder(seed).graphBuilder().addInputs("in")
                .addLayer("lstm", lstm(), "in")
                .addVertex("last", new LastTimeStepVertex("in"), "lstm")
                .addLayer("out", output(), "last"));
    }

    private static ComputationGraph initialised(org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder graph) {
        ComputationGraph net = new ComputationGraph(graph.setOutputs("out")
                .setInputTypes(InputType.recurrent(INPUTS)).build());
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder builder(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER);
    }

    private static LSTM lstm() {
        return new LSTM.Builder().nIn(INPUTS).nOut(UNITS).activation(Activation.TANH).build();
    }

    private static Layer pooling(Reduction reduction) {
        return new GlobalPoolingLayer.Builder(reduction == Reduction.GLOBAL_MAX ? PoolingType.MAX : PoolingType.AVG).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(TestModels.CLASSES).build();
    }
}
