package io.github.richness.capture;

import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Captures Φ and f̂ from a {@link MultiLayerNetwork}: {@code feedForwardToLayer} up to the layer before the
 * linear head (inference mode, detached arrays), then the head's {@code InputPreProcessor} (for example
 * CNN → dense), then φW + b.
 */
final class MultiLayerCapture implements ActivationCapture {

    private final MultiLayerNetwork network;
    private final OutputMode mode;
    private final int headIndex;
    private final LinearHead head;

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
    public Activations capture(INDArray input) {
        INDArray features = features(input);
        return new Activations(features, head.outputs(features, mode));
    }

    @Override
    public INDArray features(INDArray input) {
        ModelState state = ModelState.of(network);
        try {
            INDArray entering = input;
            if (headIndex > 0) {
                List<INDArray> activations = network.feedForwardToLayer(headIndex - 1, input, false);
                entering = activations.get(headIndex);
            }
            InputPreProcessor preProcessor = network.getLayerWiseConfigurations().getInputPreProcess(headIndex);
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
}
