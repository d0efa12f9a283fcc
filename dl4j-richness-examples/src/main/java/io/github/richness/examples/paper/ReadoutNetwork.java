package io.github.richness.examples.paper;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer of a network cut out as a network of its own, f̂ = φW + b on the cached features Φ₀ of
 * {@link FrozenFeatures}: the same layer configuration (loss, activation, updater, regularisation) and the
 * same initial W and b, so that training it on Φ₀ is last-layer-only training of the whole network. The
 * listener measures a one-layer network on its input: Φ is the cached feature, f̂ the layer's output.
 */
final class ReadoutNetwork {

    private ReadoutNetwork() {
    }

    /**
     * @param network an initialised network of at least two layers, not modified
     * @return a new initialised one-layer network holding a copy of the last layer's configuration and parameters
     */
    static MultiLayerNetwork of(MultiLayerNetwork network) {
        int last = network.getnLayers() - 1;
        MultiLayerConfiguration original = network.getLayerWiseConfigurations();
        Layer layer = original.getConf(last).getLayer().clone();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(layer).build();
        conf.setValidateOutputLayerConfig(original.isValidateOutputLayerConfig());
        MultiLayerNetwork readout = new MultiLayerNetwork(conf);
        readout.init();
        readout.setParams(network.getLayer(last).params().dup());
        return readout;
    }

    /**
     * Sets the readout's weights and bias.
     *
     * @param readout a network from {@link #of}
     * @param weights W, p × C
     * @param bias b, 1 × C
     */
    static void set(MultiLayerNetwork readout, INDArray weights, INDArray bias) {
        readout.getLayer(0).setParam("W", weights.castTo(readout.getLayer(0).getParam("W").dataType()));
        readout.getLayer(0).setParam("b", bias.castTo(readout.getLayer(0).getParam("b").dataType()));
    }
}
