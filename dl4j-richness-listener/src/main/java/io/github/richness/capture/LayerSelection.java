package io.github.richness.capture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which intermediate layers a measurement also measures (layer-wise richness, appendix I, eq. 59): layers by
 * index or by name in a {@code MultiLayerNetwork}, vertices by name in a {@code ComputationGraph}, or every
 * layer with parameters before the linear head ({@link #everyLayerWithParameters()}).
 *
 * <p>What can be checked without the model is checked here (indices not negative, names not blank, something
 * selected); whether the layers exist is checked against the model by {@link ActivationCapture#resolve}, at
 * the first measurement, with a message naming the layer. Immutable.
 */
public final class LayerSelection {

    private static final LayerSelection EVERY = new LayerSelection(List.of(), List.of(), true);

    private final List<Integer> indices;
    private final List<String> names;
    private final boolean everyWithParameters;

    private LayerSelection(List<Integer> indices, List<String> names, boolean everyWithParameters) {
        this.indices = List.copyOf(indices);
        this.names = List.copyOf(names);
        this.everyWithParameters = everyWithParameters;
    }

    /**
     * @param indices layer indices of a {@code MultiLayerNetwork} (0 is the first layer)
     * @return the selection
     * @throws IllegalArgumentException if none is given, one is negative or one repeats
     */
    public static LayerSelection indices(int... indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("select at least one layer index");
        }
        Set<Integer> seen = new LinkedHashSet<>();
        for (int index : indices) {
            if (index < 0) {
                throw new IllegalArgumentException("layer index " + index + " is negative");
            }
            if (!seen.add(index)) {
                throw new IllegalArgumentException("layer index " + index + " is selected twice");
            }
        }
        return new LayerSelection(new ArrayList<>(seen), List.of(), false);
    }

    /**
     * @param names layer names ({@code layerName} of a network's layer, or a graph's vertex names)
     * @return the selection
     * @throws IllegalArgumentException if none is given, one is null or blank, or one repeats
     */
    public static LayerSelection names(String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("select at least one layer name");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a selected layer name is null or blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("layer '" + name + "' is selected twice");
            }
        }
        return new LayerSelection(List.of(), new ArrayList<>(seen), false);
    }

    /**
     * @return every layer that has parameters and comes before the linear head, in the order of the forward
     *         pass (the head itself is left out: its activation is the output f̂ it is compared with)
     */
    public static LayerSelection everyLayerWithParameters() {
        return EVERY;
    }

    /** @return the selected indices, in the order given (empty when selected by name or by parameters) */
    public List<Integer> indices() {
        return indices;
    }

    /** @return the selected names, in the order given (empty when selected by index or by parameters) */
    public List<String> names() {
        return names;
    }

    /** @return whether every layer with parameters before the head is selected */
    public boolean everyWithParameters() {
        return everyWithParameters;
    }

    @Override
    public String toString() {
        return everyWithParameters ? "every layer with parameters" : !indices.isEmpty() ? "layers " + indices
                : "layers " + names;
    }
}
