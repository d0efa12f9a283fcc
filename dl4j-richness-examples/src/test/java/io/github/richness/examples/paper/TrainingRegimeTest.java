package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingRegimeTest {

    private static final MnistDigits DIGITS = MnistDigits.embeddedTrain().subset(256);

    @Test
    void fullBackpropTrainsTheNetworkItself() {
        MultiLayerNetwork network = LabelEncodedMnist.network(16, 1e-2, 3);
        assertSame(network, TrainingRegime.FULL_BACKPROP.prepare(network));
        INDArray first = network.getLayer(0).params().dup();
        network.fit(new MnistDataSetIterator(DIGITS, 64));
        assertNotEquals(first, network.getLayer(0).params());
    }

    @Test
    void lastLayerOnlyKeepsEveryOtherLayerAtItsInitialParameters() {
        MultiLayerNetwork initial = LabelEncodedMnist.network(16, 1e-2, 3);
        MultiLayerNetwork lazy = TrainingRegime.LAST_LAYER_ONLY.prepare(initial.clone());
        lazy.fit(new MnistDataSetIterator(DIGITS, 64));
        int last = initial.getnLayers() - 1;
        for (int layer = 0; layer < last; layer++) {
            assertEquals(initial.getLayer(layer).params(), lazy.getLayer(layer).params(), "layer " + layer + " frozen");
        }
        assertNotEquals(initial.getLayer(last).params(), lazy.getLayer(last).params(), "output layer trained");
        assertEquals(initial.getLayerWiseConfigurations().isValidateOutputLayerConfig(),
                lazy.getLayerWiseConfigurations().isValidateOutputLayerConfig());
    }
}
