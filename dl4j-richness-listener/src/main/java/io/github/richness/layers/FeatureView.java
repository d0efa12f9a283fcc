package io.github.richness.layers;

import io.github.richness.capture.UnsupportedModelException;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's activation as an n × p feature matrix: flattened per sample in row-major order (c·h·w for a
 * convolutional [n, c, h, w] activation, as appendix I does; CKA does not depend on the order of the
 * features), or channel-pooled (the mean over the positions of each channel, global average pooling: c
 * features, for NCHW and NCDHW activations).
 */
final class FeatureView {

    private FeatureView() {
    }

    /**
     * @param activation the layer's activation, one sample per row of its first axis
     * @param layer the layer's name, for the message
     * @return the n × p flattened features (a view where DL4J's array allows one)
     * @throws UnsupportedModelException for an activation with a time axis (rank 3): its padded steps would
     *         count as features
     */
    static INDArray flattened(INDArray activation, String layer) {
        if (activation.rank() == 3) {
            throw new UnsupportedModelException("layer " + layer + " has a time axis (shape "
                    + Arrays.toString(activation.shape()) + "); select the LastTimeStep or GlobalPooling layer after it");
        }
        if (activation.rank() == 2) {
            return activation;
        }
        long samples = activation.size(0);
        return activation.reshape('c', samples, activation.length() / samples);
    }

    /**
     * @param activation a convolutional activation [n, c, h, w] or [n, c, d, h, w]
     * @return the n × c channel means, or null for an activation without spatial axes
     */
    static INDArray channelPooled(INDArray activation) {
        if (activation.rank() == 4) {
            return activation.mean(2, 3);
        }
        return activation.rank() == 5 ? activation.mean(2, 3, 4) : null;
    }
}
