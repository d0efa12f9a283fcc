/**
 * Step one of the data flow (<b>capture</b> → moments → maths → record → reporters): features Φ and
 * outputs f̂ of a DL4J model on probe minibatches, from the listener's own inference forward passes.
 *
 * <p>{@link io.github.richness.capture.ActivationCapture#of} picks the capture for a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph}; anything it cannot measure is an
 * {@link io.github.richness.capture.UnsupportedModelException} naming the layer. A capture takes a probe
 * minibatch as a {@code DataSet}, so that the forward pass runs with the minibatch's own features mask
 * (variable-length sequences), never with the training minibatch's mask the layers hold at
 * {@code ITERATION_END}; a mask that does not fit is an {@code IllegalArgumentException} naming it. The
 * models, heads and inputs that are supported, and what happens with the others:
 * {@code dl4j-richness-listener/SUPPORTED-MODELS.md}.
 */
package io.github.richness.capture;
