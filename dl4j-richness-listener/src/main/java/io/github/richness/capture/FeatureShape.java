package io.github.richness.capture;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the activation entering the linear head into the n × p feature matrix Φ.
 *
 * <p>What p is: for a dense penultimate layer, its width; for a global pooling layer, the number of
 * channels; for a 4-d activation [n, c, h, w] reaching the head without a preprocessor, c·h·w (the
 * activation is flattened per sample in row-major order, as DL4J's {@code CnnToFeedForwardPreProcessor}
 * does). A 3-d activation (a time axis) is rejected.
 */
final class FeatureShape {

    private FeatureShape() {
    }

    /**
     * @param activation the head's input after its preprocessor
     * @param head the head's description, for messages
     * @return a 2-d n × p matrix
     */
    static INDArray flatten(INDArray activation, String head) {
        if (activation.rank() == 2) {
            return activation;
        }
        if (activation.rank() == 3) {
            throw new UnsupportedModelException("the input of " + head + " has a time axis (shape "
                    + java.util.Arrays.toString(activation.shape()) + "); recurrent outputs are not supported");
        }
        return activation.reshape('c', activation.size(0), activation.length() / activation.size(0));
    }
}
