package io.github.richness.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Captures Φ and f̂ from a single-input {@link ComputationGraph}, such as a ResNet with skip connections,
 * merge vertices and global pooling: a forward pass (inference mode, detached arrays) up to the vertex
 * feeding the linear head, the head's preprocessor, then φW + b.
 *
 * <p>The output layer is the graph's only one, or the one named; a graph with several output layers and
 * no name is an {@link UnsupportedModelException} that lists them. The vertex feeding the head is found by
 * name ({@code getVertexInputs()}, {@code getVertex(name)}); DL4J's {@code feedForward(inputs, layerTillIndex,
 * train, clearInputs)} runs the graph in its topological order ({@code topologicalSortOrder()}) up to and
 * including the vertex at position {@code layerTillIndex} of that order, so the capture stops at that
 * vertex's position and reads its activation by name. A vertex's index ({@code getVertexIndex()}) is its
 * place in the configuration, not in the forward pass: a graph whose {@code addLayer} calls are out of order
 * is legal, and taking the index for the position measures another vertex. A layer given several inputs
 * gets the {@code MergeVertex} DL4J's builder inserts for it ("name-merge") as its one input, so Φ is the
 * merged (concatenated) activation; the feeding vertex may be any vertex, the network input included.
 *
 * <p>Masks: before the forward pass the capture sets the probe minibatch's features mask on the graph
 * ({@code setLayerMaskArrays}, which first clears the training minibatch's masks the layers still hold at
 * {@code ITERATION_END}; an unmasked probe clears them only), and DL4J propagates it through the vertices in
 * topological order, as its own masked {@code output} does; {@link ModelState} puts the graph's and the
 * layers' masks back afterwards. {@code LastTimeStepVertex} reads the graph's input mask and so sees the
 * probe's. (DL4J's {@code output(layerNames, train, inputs, masks)}, which would take the names and masks
 * directly, leaves its workspace WS_LAYER_ACT_0 open when asked for a {@code LastTimeStep(LSTM)} fed by the
 * input in 1.0.0-M2.1, and every later forward pass on the thread then fails.)
 */
final class GraphCapture implements ActivationCapture {

    private final ComputationGraph graph;
    private final OutputMode mode;
    private final LinearHead head;
    private final String headVertex;
    private final String headInput;
    private final int headInputPosition;
    private final InputPreProcessor preProcessor;

    GraphCapture(ComputationGraph graph, String outputLayer, OutputMode mode) {
        this.graph = graph;
        this.mode = mode;
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (graph.getNumInputArrays() != 1) {
            throw new UnsupportedModelException("the graph has " + graph.getNumInputArrays()
                    + " inputs " + conf.getNetworkInputs() + "; the probe is a DataSet with one input");
        }
        String output = chooseOutput(conf.getNetworkOutputs(), outputLayer);
        boolean before = LinearHead.headIsBefore("'" + output + "'", graph.getLayer(output));
        String headName = before ? singleInput(conf, output, "LossLayer") : output;
        if (!(conf.getVertices().get(headName) instanceof LayerVertex layerVertex)) {
            throw new UnsupportedModelException("vertex '" + headName + "' before LossLayer '" + output
                    + "' is a " + conf.getVertices().get(headName).getClass().getSimpleName() + ", not a layer with W and b");
        }
        this.head = LinearHead.of("'" + headName + "'", graph.getLayer(headName), before ? graph.getLayer(output) : null);
        this.headVertex = headName;
        this.headInput = singleInput(conf, headName, "layer");
        this.headInputPosition = topologicalPosition(graph, headInput);
        this.preProcessor = layerVertex.getPreProcessor();
    }

    @Override
    public Activations capture(DataSet batch) {
        ProbeInput.checkLabelsMask(batch);
        INDArray features = features(batch);
        return new Activations(features, head.outputs(features, mode));
    }

    @Override
    public INDArray features(DataSet batch) {
        ProbeInput probe = ProbeInput.of(batch);
        return headFeatures(probe, forward(probe, headInputPosition));
    }

    @Override
    public LayerActivations capture(DataSet batch, List<SelectedLayer> layers) {
        ProbeInput.checkLabelsMask(batch);
        ProbeInput probe = ProbeInput.of(batch);
        int last = headInputPosition;
        for (SelectedLayer layer : layers) {
            last = Math.max(last, layer.position());
        }
        Map<String, INDArray> activations = forward(probe, last);
        INDArray features = headFeatures(probe, activations);
        Map<String, INDArray> selected = new LinkedHashMap<>();
        for (SelectedLayer layer : layers) {
            selected.put(layer.name(), activations.get(layer.name()));
        }
        return new LayerActivations(new Activations(features, head.outputs(features, mode)), selected);
    }

    @Override
    public List<SelectedLayer> resolve(LayerSelection selection) {
        if (!selection.indices().isEmpty()) {
            throw new UnsupportedModelException("a ComputationGraph's layers are selected by vertex name, not by"
                    + " index (selected: " + selection.indices() + ")");
        }
        List<SelectedLayer> layers = new ArrayList<>();
        if (selection.everyWithParameters()) {
            int headPosition = topologicalPosition(graph, headVertex);
            for (int index : graph.topologicalSortOrder()) {
                GraphVertex vertex = graph.getVertices()[index];
                int position = topologicalPosition(graph, vertex.getVertexName());
                if (vertex.hasLayer() && vertex.getLayer().numParams() > 0 && position < headPosition) {
                    layers.add(selected(vertex.getVertexName()));
                }
            }
            return layers;
        }
        for (String name : selection.names()) {
            if (graph.getVertex(name) == null) {
                throw new UnsupportedModelException("selected vertex '" + name + "' is not in the graph; its vertices"
                        + " are " + graph.getConfiguration().getVertices().keySet());
            }
            layers.add(selected(name));
        }
        layers.sort(java.util.Comparator.comparingInt(SelectedLayer::position));
        return layers;
    }

    private Map<String, INDArray> forward(ProbeInput probe, int lastPosition) {
        ModelState state = ModelState.of(graph);
        try {
            graph.setLayerMaskArrays(probe.featuresMasks(), null);
            return graph.feedForward(new INDArray[] {probe.features()}, lastPosition, false, true);
        } finally {
            state.restore();
        }
    }

    private INDArray headFeatures(ProbeInput probe, Map<String, INDArray> activations) {
        return FeatureShape.of(activations.get(headInput), preProcessor, probe.samples(), head.describe());
    }

    private SelectedLayer selected(String name) {
        GraphVertex vertex = graph.getVertex(name);
        Layer layer = vertex.hasLayer() ? vertex.getLayer() : null;
        String type = layer != null ? layer.conf().getLayer().getClass().getSimpleName()
                : vertex.getClass().getSimpleName();
        return new SelectedLayer(name, type, topologicalPosition(graph, name));
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

    /** @return the named vertex's position in DL4J's topological order (the forward pass's order) */
    private static int topologicalPosition(ComputationGraph graph, String vertex) {
        int index = graph.getVertex(vertex).getVertexIndex();
        int[] order = graph.topologicalSortOrder();
        for (int position = 0; position < order.length; position++) {
            if (order[position] == index) {
                return position;
            }
        }
        throw new IllegalStateException("vertex '" + vertex + "' is not in the graph's topological order");
    }

    private static String chooseOutput(List<String> outputs, String requested) {
        if (requested != null) {
            if (!outputs.contains(requested)) {
                throw new UnsupportedModelException("'" + requested + "' is not an output layer of the graph; its outputs are "
                        + outputs);
            }
            return requested;
        }
        if (outputs.size() != 1) {
            throw new UnsupportedModelException("the graph has " + outputs.size() + " output layers " + outputs
                    + "; name the one to measure with outputLayer(name)");
        }
        return outputs.get(0);
    }

    private static String singleInput(ComputationGraphConfiguration conf, String vertex, String role) {
        List<String> inputs = conf.getVertexInputs().get(vertex);
        if (inputs.size() != 1) {
            throw new UnsupportedModelException(role + " '" + vertex + "' has inputs " + inputs
                    + "; expected a single vertex before it (DL4J's builder merges several into one MergeVertex)");
        }
        return inputs.get(0);
    }
}
