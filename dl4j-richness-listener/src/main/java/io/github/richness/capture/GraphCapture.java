package io.github.richness.capture;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Captures Φ and f̂ from a single-input {@link ComputationGraph}, such as a ResNet with skip connections,
 * merge vertices and global pooling: a forward pass (inference mode, detached arrays) up to the vertices
 * feeding the linear head, their activations concatenated along the feature axis when there are several,
 * the head's preprocessor, then φW + b.
 *
 * <p>The output layer is the graph's only one, or the one named; a graph with several output layers and
 * no name is an {@link UnsupportedModelException} that lists them.
 */
final class GraphCapture implements ActivationCapture {

    private final ComputationGraph graph;
    private final OutputMode mode;
    private final String headName;
    private final LinearHead head;
    private final List<String> headInputs;
    private final int lastInputIndex;

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
        this.headName = before ? singleInput(conf, output) : output;
        if (!(conf.getVertices().get(headName) instanceof LayerVertex)) {
            throw new UnsupportedModelException("vertex '" + headName + "' before LossLayer '" + output
                    + "' is a " + conf.getVertices().get(headName).getClass().getSimpleName() + ", not a layer with W and b");
        }
        this.head = LinearHead.of("'" + headName + "'", graph.getLayer(headName), before ? graph.getLayer(output) : null);
        this.headInputs = conf.getVertexInputs().get(headName);
        int last = 0;
        for (String input : headInputs) {
            if (graph.getVertex(input) != null) {
                last = Math.max(last, graph.getVertex(input).getVertexIndex());
            }
        }
        this.lastInputIndex = last;
    }

    @Override
    public Activations capture(INDArray input) {
        INDArray features = features(input);
        return new Activations(features, head.outputs(features, mode));
    }

    @Override
    public INDArray features(INDArray input) {
        ModelState state = ModelState.of(graph);
        try {
            Map<String, INDArray> activations = graph.feedForward(new INDArray[] {input}, lastInputIndex, false, true);
            INDArray[] parts = new INDArray[headInputs.size()];
            for (int i = 0; i < parts.length; i++) {
                INDArray part = activations.get(headInputs.get(i));
                parts[i] = part != null ? part : input;
            }
            INDArray entering = parts.length == 1 ? parts[0] : Nd4j.concat(1, parts);
            GraphVertex vertex = graph.getConfiguration().getVertices().get(headName);
            InputPreProcessor preProcessor = ((LayerVertex) vertex).getPreProcessor();
            if (preProcessor != null) {
                entering = preProcessor.preProcess(entering, (int) entering.size(0), LayerWorkspaceMgr.noWorkspaces());
            }
            return FeatureShape.flatten(entering, head.describe());
        } finally {
            state.restore();
        }
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

    private static String singleInput(ComputationGraphConfiguration conf, String vertex) {
        List<String> inputs = conf.getVertexInputs().get(vertex);
        if (inputs.size() != 1) {
            throw new UnsupportedModelException("LossLayer '" + vertex + "' has inputs " + inputs
                    + "; expected a single dense layer before it");
        }
        return inputs.get(0);
    }
}
