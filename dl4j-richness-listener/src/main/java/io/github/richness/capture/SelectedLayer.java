package io.github.richness.capture;

/**
 * One layer a measurement measures besides the head, as resolved against a model by
 * {@link ActivationCapture#resolve}.
 *
 * @param name how records name it: {@code layer i} in a {@code MultiLayerNetwork}, the vertex name in a
 *        {@code ComputationGraph}
 * @param type its DL4J class, e.g. {@code ConvolutionLayer} or {@code ElementWiseVertex}
 * @param position its place in the forward pass: the layer index, or the vertex's position in the graph's
 *        topological order
 */
public record SelectedLayer(String name, String type, int position) {
}
