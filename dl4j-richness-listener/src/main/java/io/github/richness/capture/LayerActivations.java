package io.github.richness.capture;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch's activations from one forward pass: the head's features and outputs, and each selected
 * layer's output as DL4J's {@code feedForward} returns it (detached; 2-d for dense layers, [n, c, h, w] for
 * convolutional ones), keyed by {@link SelectedLayer#name()} in the selection's order.
 *
 * @param head Φ and f̂ of the linear head
 * @param layers the selected layers' activations
 */
public record LayerActivations(Activations head, Map<String, INDArray> layers) {

    /** Copies the map, keeping its order. */
    public LayerActivations {
        layers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(layers));
    }
}
