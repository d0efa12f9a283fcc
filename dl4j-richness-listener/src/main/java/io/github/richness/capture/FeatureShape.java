package io.github.richness.capture;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the activation entering the linear head into the n × p feature matrix Φ: the head's
 * {@code InputPreProcessor} first (as DL4J's forward pass applies it), then one row per sample.
 *
 * <p>What p is: for a dense penultimate layer, its width; for a global pooling layer or {@code LastTimeStep},
 * the number of channels; for a 4-d activation [n, c, h, w] reaching the head without a preprocessor, c·h·w
 * (the activation is flattened per sample in row-major order, as DL4J's {@code CnnToFeedForwardPreProcessor}
 * does). An activation with a time axis that still has one (3-d) or that the preprocessor spreads over
 * several rows per sample (DL4J's {@code RnnToFeedForwardPreProcessor}: one row per time step) is an
 * {@link UnsupportedModelException}; a preprocessor that flattens a fixed-length sequence into one row per
 * sample (Keras' Flatten) gives Φ = that row, exactly what DL4J's own forward pass feeds the head.
 */
final class FeatureShape {

    private FeatureShape() {
    }

    /**
     * @param entering the activation feeding the head, before its preprocessor
     * @param preProcessor the head's preprocessor, or null
     * @param samples the number of samples n in the minibatch
     * @param head the head's description, for messages
     * @return a 2-d n × p matrix
     * @throws UnsupportedModelException if the activation does not give one feature row per sample
     */
    static INDArray of(INDArray entering, InputPreProcessor preProcessor, long samples, String head) {
        INDArray activation = preProcessor == null ? entering
                : preProcessor.preProcess(entering, (int) entering.size(0), LayerWorkspaceMgr.noWorkspaces());
        boolean timeAxis = entering.rank() == 3;
        if (activation.rank() == 3 || activation.size(0) != samples) {
            String shapes = Arrays.toString(entering.shape()) + (preProcessor == null ? ""
                    : ", " + Arrays.toString(activation.shape()) + " after " + preProcessor.getClass().getSimpleName());
            throw new UnsupportedModelException(timeAxis
                    ? "the input of " + head + " has a time axis (shape " + shapes + "); recurrent outputs are not"
                            + " supported: end the sequence with LastTimeStep or GlobalPoolingLayer before the output layer"
                    : "the input of " + head + " (shape " + shapes + ") does not have one row per sample of the "
                            + samples + "-sample minibatch");
        }
        if (activation.rank() == 2) {
            return activation;
        }
        return activation.reshape('c', samples, activation.length() / samples);
    }
}
