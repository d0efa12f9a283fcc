package io.github.richness.capture;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
    public Activations capture(DataSet batch) {
        ProbeInput.checkLabelsMask(batch);
        INDArray features = features(batch);
        return new Activations(features, head.outputs(features, mode));
    }

    @Override
    public INDArray features(DataSet batch) {
        ProbeInput probe = ProbeInput.of(batch);
        INDArray entering = probe.features();
        if (headIndex > 0) {
            ModelState state = ModelState.of(network);
            try {
                network.clearLayerMaskArrays();
                network.setMask(probe.featuresMask());
                entering = network.feedForwardToLayer(headIndex - 1, probe.features(), false).get(headIndex);
            } finally {
                state.restore();
            }
        }
        return FeatureShape.of(entering, network.getLayerWiseConfigurations().getInputPreProcess(headIndex),
                probe.samples(), head.describe());
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
