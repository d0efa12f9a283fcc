package io.github.richness.capture;

import io.github.richness.device.Scratch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Captures Φ and f̂ from a {@link MultiLayerNetwork}: {@code feedForwardToLayer} up to the layer before the
 * linear head (inference mode, detached arrays) with the probe minibatch's features mask, then the head's
 * {@code InputPreProcessor} (for example CNN → dense), then φW + b.
 *
 * <p>Masks: {@code feedForwardToLayer} hands the network's own mask field ({@code getMask()}) to its layers
 * and leaves a layer's mask alone when that field is null, so a layer would keep the training minibatch's
 * mask. The capture therefore clears every layer's mask, sets the network's mask to the probe's (null for an
 * unmasked probe) and lets DL4J propagate it through the layers and preprocessors, as {@code feedForward(input,
 * featuresMask, labelsMask)} does; {@link ModelState} puts the network's mask and every layer's back afterwards.
 *
 * <p>The head's features alone ({@link #capture(DataSet)}, {@link #features(DataSet)}) come from the forward pass
 * of DL4J's {@code output(input, train, featuresMask, labelsMask, outputWorkspace)}, its protected
 * {@code outputOfLayerDetached} stopped at the layer before the head (reached by reflection, as {@link ModelState}
 * reaches a layer's input): the intermediate activations stay in DL4J's own inference workspaces and the last one
 * goes to a scratch workspace, where f̂ is computed too, and both are copied into {@link ReusedArray}s; {@code feedForwardToLayer} would
 * allocate every layer's activation outside any workspace, which on the CPU backend cost about a tenth of a
 * listener's measurement. That path also applies {@code output()}'s permutes between layers of different CNN or
 * RNN data formats. Where it cannot be used (a DL4J without the method, an inference workspace mode of
 * {@code NONE}, a head on layer 0) and for layer-wise captures, {@code feedForwardToLayer} is used as before. So
 * the arrays returned are valid until this capture's next call.
 */
final class MultiLayerCapture implements ActivationCapture {

    private static final String WORKSPACE = "RICHNESS_FORWARD";
    /** {@code MultiLayerNetwork.outputOfLayerDetached}, accessible; null if this DL4J version has none. */
    private static final Method OUTPUT_OF_LAYER = outputOfLayerMethod();

    private final MultiLayerNetwork network;
    private final OutputMode mode;
    private final int headIndex;
    private final LinearHead head;
    private final ReusedArray features = new ReusedArray();
    private final ReusedArray outputs = new ReusedArray();

    MultiLayerCapture(MultiLayerNetwork network, OutputMode mode) {
        this.network = network;
        this.mode = mode;
        int last = network.getnLayers() - 1;
        boolean before = LinearHead.headIsBefore("layer " + last, network.getLayer(last));
        if (before && last == 0) {
            throw new UnsupportedModelException("layer 0 is a LossLayer with no layer before it: there is no linear layer");
        }
        this.headIndex = before ? last - 1 : last;
        this.head = LinearHead.of("layer " + headIndex, network.getLayer(headIndex),
                before ? network.getLayer(last) : null);
    }

    @Override
    public Activations capture(DataSet batch) {
        ProbeInput.checkLabelsMask(batch);
        return headActivations(batch, true);
    }

    @Override
    public INDArray features(DataSet batch) {
        return headActivations(batch, false).features();
    }

    /** Φ, and f̂ when asked for (else null): in a workspace when possible (see the class documentation). */
    private Activations headActivations(DataSet batch, boolean withOutputs) {
        ProbeInput probe = ProbeInput.of(batch);
        if (headIndex == 0 || OUTPUT_OF_LAYER == null
                || network.getLayerWiseConfigurations().getInferenceWorkspaceMode() == WorkspaceMode.NONE) {
            INDArray phi = headFeatures(probe, forward(probe, headIndex - 1));
            return new Activations(phi, withOutputs ? head.outputs(phi, mode) : null);
        }
        ModelState state = ModelState.of(network);
        try (MemoryWorkspace workspace = Scratch.open(WORKSPACE)) {
            network.clearLayerMaskArrays();
            INDArray entering = (INDArray) OUTPUT_OF_LAYER.invoke(network, false, FwdPassType.STANDARD,
                    headIndex - 1, probe.features(), probe.featuresMask(), null, workspace);
            INDArray phi = FeatureShape.of(entering, network.getLayerWiseConfigurations().getInputPreProcess(headIndex),
                    probe.samples(), head.describe());
            return new Activations(features.copyOf(phi), withOutputs ? outputs.copyOf(head.outputs(phi, mode)) : null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("DL4J's outputOfLayerDetached was made accessible but is not", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            state.restore();
        }
    }

    @Override
    public LayerActivations capture(DataSet batch, List<SelectedLayer> layers) {
        ProbeInput.checkLabelsMask(batch);
        ProbeInput probe = ProbeInput.of(batch);
        int last = headIndex - 1;
        for (SelectedLayer layer : layers) {
            last = Math.max(last, layer.position());
        }
        List<INDArray> activations = forward(probe, last);
        INDArray features = headFeatures(probe, activations);
        Map<String, INDArray> selected = new LinkedHashMap<>();
        for (SelectedLayer layer : layers) {
            selected.put(layer.name(), activations.get(layer.position() + 1));
        }
        return new LayerActivations(new Activations(features, head.outputs(features, mode)), selected);
    }

    @Override
    public List<SelectedLayer> resolve(LayerSelection selection) {
        List<SelectedLayer> layers = new ArrayList<>();
        if (selection.everyWithParameters()) {
            for (int i = 0; i < headIndex; i++) {
                if (network.getLayer(i).numParams() > 0) {
                    layers.add(selected(i));
                }
            }
            return layers;
        }
        for (int index : selection.indices()) {
            if (index >= network.getnLayers()) {
                throw new UnsupportedModelException("selected layer " + index + " does not exist: the network has "
                        + network.getnLayers() + " layers (0 to " + (network.getnLayers() - 1) + ")");
            }
            layers.add(selected(index));
        }
        for (String name : selection.names()) {
            layers.add(selected(indexOf(name)));
        }
        return layers;
    }

    /** Entry i of the list is the input of layer i (entry 0 the network's input); empty below layer 0. */
    private List<INDArray> forward(ProbeInput probe, int lastLayer) {
        if (lastLayer < 0) {
            return List.of(probe.features());
        }
        ModelState state = ModelState.of(network);
        try {
            network.clearLayerMaskArrays();
            network.setMask(probe.featuresMask());
            return network.feedForwardToLayer(lastLayer, probe.features(), false);
        } finally {
            state.restore();
        }
    }

    private static Method outputOfLayerMethod() {
        try {
            Method method = MultiLayerNetwork.class.getDeclaredMethod("outputOfLayerDetached", boolean.class,
                    FwdPassType.class, int.class, INDArray.class, INDArray.class, INDArray.class,
                    MemoryWorkspace.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    private INDArray headFeatures(ProbeInput probe, List<INDArray> activations) {
        return FeatureShape.of(activations.get(headIndex),
                network.getLayerWiseConfigurations().getInputPreProcess(headIndex), probe.samples(), head.describe());
    }

    private SelectedLayer selected(int index) {
        Layer layer = network.getLayer(index);
        return new SelectedLayer("layer " + index, layer.conf().getLayer().getClass().getSimpleName(), index);
    }

    private int indexOf(String name) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            String layerName = network.getLayer(i).conf().getLayer().getLayerName();
            if (name.equals(layerName)) {
                return i;
            }
            names.add(layerName);
        }
        throw new UnsupportedModelException("selected layer '" + name + "' is not a layer of the network; its layers"
                + " are named " + names);
    }

    @Override
    public String head() {
        return head.describe();
    }

    @Override
    public String headName() {
        return head.name();
    }

    @Override
    public String headType() {
        return head.typeName();
    }
}
