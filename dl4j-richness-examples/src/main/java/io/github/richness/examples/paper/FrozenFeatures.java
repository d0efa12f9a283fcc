package io.github.richness.examples.paper;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The features Φ₀ that enter the output layer of a network at its initialisation, computed once for a set of
 * samples: what "last layer only" training (the paper's lazy runs, figure 1 and table 3) feeds its readout at
 * every step, since the layers before it are frozen and deterministic (inference mode: no dropout; batch norm,
 * where present, uses its running statistics, which frozen layers do not update). Training the readout on
 * these cached rows is the same computation as training the whole network with its other layers frozen, at the
 * cost of one forward pass instead of one per step.
 */
final class FrozenFeatures {

    private FrozenFeatures() {
    }

    /**
     * @param network the initial network; its last layer is the readout, and the layer before it needs no
     *        input preprocessor towards it (a dense layer, as in both MNIST examples)
     * @param data the samples, in minibatches (reset first)
     * @return features [n, p] (the output of the layer before the last) and the labels, in the iterator's order
     * @throws IllegalArgumentException if the network has a single layer or an input preprocessor before its
     *         last layer
     */
    static DataSet of(MultiLayerNetwork network, DataSetIterator data) {
        int last = network.getnLayers() - 1;
        if (last < 1) {
            throw new IllegalArgumentException("a network with one layer has no frozen features");
        }
        if (network.getLayerWiseConfigurations().getInputPreProcess(last) != null) {
            throw new IllegalArgumentException("the last layer has an input preprocessor; cache the features after it");
        }
        List<INDArray> features = new ArrayList<>();
        List<INDArray> labels = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            features.add(network.feedForwardToLayer(last - 1, batch.getFeatures(), false).get(last));
            labels.add(batch.getLabels());
        }
        return cached(features, labels, data);
    }

    /**
     * @param network the initial graph with one input and one output layer
     * @param data the samples, in minibatches (reset first)
     * @return the activations of the vertex feeding the output layer [n, p] (inference mode) and the labels,
     *         in the iterator's order
     * @throws IllegalArgumentException if the graph has several inputs or outputs
     */
    static DataSet of(ComputationGraph network, DataSetIterator data) {
        ComputationGraphConfiguration conf = network.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("frozen features need a graph with one input and one output, got "
                    + conf.getNetworkInputs() + " and " + conf.getNetworkOutputs());
        }
        String head = conf.getVertexInputs().get(conf.getNetworkOutputs().get(0)).get(0);
        List<INDArray> features = new ArrayList<>();
        List<INDArray> labels = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            features.add(network.feedForward(batch.getFeatures(), false).get(head));
            labels.add(batch.getLabels());
        }
        return cached(features, labels, data);
    }

    private static DataSet cached(List<INDArray> features, List<INDArray> labels, DataSetIterator data) {
        DataSet cached = new DataSet(Nd4j.vstack(features), Nd4j.vstack(labels));
        if (data.getLabels() != null) {
            cached.setLabelNames(data.getLabels());
        }
        return cached;
    }
}
