package io.github.richness.capture;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch of captured activations, detached from DL4J's workspaces.
 *
 * @param features Φ, n × p: the input of the model's last linear layer
 * @param outputs f̂, n × C: that layer's linear output (or its post-activation, see {@link OutputMode})
 */
public record Activations(INDArray features, INDArray outputs) {
}
