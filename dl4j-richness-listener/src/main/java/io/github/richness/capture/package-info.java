/**
 * Step one of the data flow (<b>capture</b> → moments → maths → record → reporters): features Φ and
 * outputs f̂ of a DL4J model on probe minibatches, from the listener's own inference forward passes.
 *
 * <p>{@link io.github.richness.capture.ActivationCapture#of} picks the capture for a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph}; anything it cannot measure is an
 * {@link io.github.richness.capture.UnsupportedModelException} naming the layer.
 */
package io.github.richness.capture;
