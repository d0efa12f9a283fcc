package io.github.richness.examples.paper;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;

/**
 * The two ways the paper trains the same network to contrast rich and lazy dynamics (figure 1, table 3,
 * figure 16): full backpropagation, or the last layer only on the frozen features of the initial network (a
 * random-features model, lazy by construction).
 */
public enum TrainingRegime {

    /** Every layer is trained. */
    FULL_BACKPROP("full backprop"),
    /** Every layer but the output layer is frozen at its initial parameters. */
    LAST_LAYER_ONLY("last layer only");

    private final String label;

    TrainingRegime(String label) {
        this.label = label;
    }

    /** @return the name of the regime in tables and progress lines */
    public String label() {
        return label;
    }

    /**
     * @param network an initialised network with at least two layers
     * @return the network itself for full backpropagation, or a copy whose layers before the output layer
     *         are wrapped in DL4J's {@code FrozenLayer} ({@code TransferLearning.setFeatureExtractor}); the
     *         output-layer validation setting is kept (transfer learning would turn it back on)
     */
    public MultiLayerNetwork prepare(MultiLayerNetwork network) {
        if (this == FULL_BACKPROP) {
            return network;
        }
        int layers = network.getnLayers();
        if (layers < 2) {
            throw new IllegalArgumentException("last-layer-only training needs at least two layers, got " + layers);
        }
        MultiLayerNetwork frozen = new TransferLearning.Builder(network).setFeatureExtractor(layers - 2).build();
        frozen.getLayerWiseConfigurations().setValidateOutputLayerConfig(
                network.getLayerWiseConfigurations().isValidateOutputLayerConfig());
        return frozen;
    }
}
