package io.github.richness.capture;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a forward pass overwrites in a DL4J model, saved before the listener's own forward passes and put
 * back after them: the network's input, labels and masks, and every layer's stored input and mask.
 * Both captures save the state right before DL4J's forward pass and restore it in a {@code finally} block.
 *
 * <p>DL4J's {@code feedForward} methods call {@code setInput} and clear layer inputs; DL4J's own
 * {@code EvaluativeListener} leaves them changed ("FIXME: we need to save/restore inputs"). Restoring
 * re-points the fields to the same array objects; nothing is copied. A graph's labels are not touched by
 * its forward pass and have no public getter, so they are left alone.
 *
 * <p>Masks. At {@code ITERATION_END} the layers still hold the training minibatch's masks (DL4J clears them
 * only after the listeners have run), and a graph its input and label masks; the captures replace them by
 * the probe's for their forward pass. Restoring puts back the network's mask field ({@code setMask}), the
 * graph's input and label masks ({@code setLayerMaskArrays}, or {@code clearLayerMaskArrays} when it had
 * none) and then every layer's own mask array, the very objects saved, so neither the probe's masks remain
 * in the model nor is training's mask changed. What a forward pass leaves in a layer for its backward pass
 * ({@code LastTimeStepLayer}'s last-step indices, for instance) is not restored: the listener runs after the
 * update, and the next training forward pass rewrites it before any backward pass reads it.
 *
 * <p>After a training iteration a layer's stored input points into DL4J's training workspace
 * (WS_ALL_LAYERS_ACT), which {@code Layer.setInput} refuses ("Array uses leaked workspace pointer"). Such an
 * input is put back by assigning {@code AbstractLayer}'s field directly, exactly as it was, never read.
 */
final class ModelState {

    private static final Field INPUT_FIELD = inputField();

    private final Runnable restore;

    private ModelState(Runnable restore) {
        this.restore = restore;
    }

    /** @return the saved state of a network */
    static ModelState of(MultiLayerNetwork network) {
        INDArray input = network.getInput();
        INDArray labels = network.getLabels();
        INDArray mask = network.getMask();
        LayerState layers = LayerState.of(network.getLayers());
        return new ModelState(() -> {
            network.setInput(input);
            network.setLabels(labels);
            network.setMask(mask);
            layers.restore();
        });
    }

    /** @return the saved state of a graph */
    static ModelState of(ComputationGraph graph) {
        INDArray[] inputs = graph.getInputs() == null ? null : graph.getInputs().clone();
        INDArray[] inputMasks = graph.getInputMaskArrays() == null ? null : graph.getInputMaskArrays().clone();
        INDArray[] labelMasks = graph.getLabelMaskArrays() == null ? null : graph.getLabelMaskArrays().clone();
        LayerState layers = LayerState.of(graph.getLayers());
        return new ModelState(() -> {
            if (inputs != null) {
                graph.setInputs(inputs);
            }
            if (inputMasks == null && labelMasks == null) {
                graph.clearLayerMaskArrays();
            } else {
                graph.setLayerMaskArrays(inputMasks, labelMasks);
            }
            layers.restore();
        });
    }

    private static Field inputField() {
        try {
            Field field = AbstractLayer.class.getDeclaredField("input");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this DL4J version's AbstractLayer has no 'input' field", e);
        }
    }

    /** Puts everything back. */
    void restore() {
        restore.run();
    }

    /** Every layer's stored input and mask. */
    private record LayerState(Layer[] layers, INDArray[] inputs, INDArray[] masks) {

        static LayerState of(Layer[] layers) {
            INDArray[] inputs = new INDArray[layers.length];
            INDArray[] masks = new INDArray[layers.length];
            for (int i = 0; i < layers.length; i++) {
                inputs[i] = layers[i].input();
                masks[i] = layers[i].getMaskArray();
            }
            return new LayerState(layers, inputs, masks);
        }

        void restore() {
            for (int i = 0; i < layers.length; i++) {
                if (layers[i].input() != inputs[i]) {
                    restoreInput(layers[i], inputs[i]);
                }
                layers[i].setMaskArray(masks[i]);
            }
        }

        private static void restoreInput(Layer layer, INDArray input) {
            if (layer instanceof AbstractLayer<?>) {
                try {
                    INPUT_FIELD.set(layer, input);
                    return;
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot restore the input of " + layer.getClass().getName(), e);
                }
            }
            if (input == null || !input.isAttached()) {
                layer.setInput(input, LayerWorkspaceMgr.noWorkspaces());
            }
        }
    }
}
