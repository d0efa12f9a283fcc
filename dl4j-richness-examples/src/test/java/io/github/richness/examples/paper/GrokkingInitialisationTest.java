package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.data.ModularArithmetic;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link Grokking#initialise}: the scaled hidden weights and the antisymmetric initialisation's zero output. */
class GrokkingInitialisationTest {

    private static final int MODULUS = 11;
    private static final int WIDTH = 16;
    private static final long SEED = 5;
    private static final double SCALE = 3;
    /** Round-off of the cancelling sum φ₀W₀ relative to the uncentred output (single-precision parameters). */
    private static final double CANCELLATION = 1e-5;
    /** Round-off of a product by the scale. */
    private static final double PRODUCT = 1e-6;

    private static MultiLayerNetwork network() {
        return Grokking.network(MODULUS, WIDTH, 1e-3, 1.0, SEED);
    }

    private static INDArray inputs() {
        return ModularArithmetic.split(MODULUS, 0.5, SEED).train().getFeatures();
    }

    @Test
    void scalesEveryHiddenLayerAndNotTheReadout() {
        MultiLayerNetwork plain = network();
        MultiLayerNetwork scaled = network();
        Grokking.initialise(scaled, SCALE, false);
        for (int layer = 0; layer < 2; layer++) {
            INDArray expected = plain.getLayer(layer).getParam("W").mul(SCALE);
            assertTrue(expected.equalsWithEps(scaled.getLayer(layer).getParam("W"), PRODUCT), "layer " + layer);
        }
        assertEquals(plain.getLayer(2).getParam("W"), scaled.getLayer(2).getParam("W"), "the readout keeps Xavier");
    }

    @Test
    void centringMakesTheOutputZeroWithEqualFeatureHalvesAndARandomReadout() {
        MultiLayerNetwork uncentred = network();
        Grokking.initialise(uncentred, SCALE, false);
        MultiLayerNetwork centred = network();
        Grokking.initialise(centred, SCALE, true);
        INDArray x = inputs();
        double scale = uncentred.output(x).amaxNumber().doubleValue();
        double residue = centred.output(x).amaxNumber().doubleValue();
        assertTrue(scale > 0 && residue <= CANCELLATION * scale, "f̂₀ " + residue + " against " + scale);
        INDArray features = centred.feedForward(x, false).get(2);
        long half = features.columns() / 2;
        assertEquals(features.get(NDArrayIndex.all(), NDArrayIndex.interval(0, half)),
                features.get(NDArrayIndex.all(), NDArrayIndex.interval(half, 2 * half)), "mirrored units");
        assertTrue(centred.getLayer(2).getParam("W").amaxNumber().doubleValue() > 0, "the readout is not zero");
    }

    @Test
    void rejectsANonPositiveScale() {
        assertThrows(IllegalArgumentException.class, () -> Grokking.initialise(network(), 0, true));
    }
}
