package io.github.richness.capture;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model's last linear layer f̂ = φW + b, whose input is the feature map Φ of the paper (eq. 1).
 *
 * <p>For an {@code OutputLayer} or {@code CenterLossOutputLayer} it is that layer; for a {@code LossLayer}
 * (which has no parameters) it is the dense layer before it, and the loss layer's activation is applied
 * after the dense layer's own for {@link OutputMode#POST_ACTIVATION}. Outputs with a time axis or spatial
 * outputs ({@code RnnOutputLayer}, {@code RnnLossLayer}, {@code CnnLossLayer}) and layers without a 2-d
 * weight matrix "W" are rejected with an {@link UnsupportedModelException} naming the layer. If a layer
 * normalises its pre-activations (layer norm), that step is not applied: the output is φW + b.
 */
final class LinearHead {

    private final String name;
    private final Layer layer;
    private final List<IActivation> activations;

    private LinearHead(String name, Layer layer, List<IActivation> activations) {
        this.name = name;
        this.layer = layer;
        this.activations = activations;
    }

    /**
     * Checks that the model's last layer is a supported output layer.
     *
     * @param name the output layer's name or index, for messages
     * @param output the output layer
     * @return true if the head is the layer before it (a {@code LossLayer} without parameters)
     */
    static boolean headIsBefore(String name, Layer output) {
        org.deeplearning4j.nn.conf.layers.Layer conf = output.conf().getLayer();
        if (conf instanceof RnnOutputLayer || conf instanceof RnnLossLayer) {
            throw new UnsupportedModelException("output layer " + name + " (" + type(conf)
                    + ") has a time axis; the richness measure needs one output vector per sample");
        }
        if (conf instanceof CnnLossLayer || conf instanceof Cnn3DLossLayer) {
            throw new UnsupportedModelException("output layer " + name + " (" + type(conf)
                    + ") has spatial outputs; the richness measure needs one output vector per sample");
        }
        if (conf instanceof LossLayer) {
            return true;
        }
        if (conf instanceof BaseOutputLayer) {
            return false;
        }
        throw new UnsupportedModelException("the last layer " + name + " (" + type(conf)
                + ") is not an output layer; expected OutputLayer, CenterLossOutputLayer or LossLayer");
    }

    /**
     * @param name the head's name or index, for messages
     * @param head the layer holding W and b
     * @param lossLayer the parameterless loss layer after it, or null
     * @return the head
     */
    static LinearHead of(String name, Layer head, Layer lossLayer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = head.conf().getLayer();
        INDArray weights = head.paramTable().get("W");
        if (!(conf instanceof BaseLayer) || weights == null || weights.rank() != 2) {
            throw new UnsupportedModelException("layer " + name + " (" + type(conf)
                    + ") has no 2-d weight matrix W, so it has no linear output φW + b to compare the features with");
        }
        IActivation own = ((BaseLayer) conf).getActivationFn();
        List<IActivation> chain = lossLayer == null ? List.of(own)
                : List.of(own, ((LossLayer) lossLayer.conf().getLayer()).getActivationFn());
        return new LinearHead(name, head, chain);
    }

    /** @return the number of inputs p */
    long inputWidth() {
        return layer.paramTable().get("W").rows();
    }

    /**
     * @param features n × p features (2-d, after the layer's preprocessor)
     * @param mode which output to return
     * @return φW + b, or its activation
     */
    INDArray outputs(INDArray features, OutputMode mode) {
        INDArray weights = layer.paramTable().get("W");
        if (features.rank() != 2 || features.columns() != weights.rows()) {
            throw new UnsupportedModelException("layer " + name + " expects " + weights.rows()
                    + " inputs but its captured input has shape " + Arrays.toString(features.shape()));
        }
        INDArray result = features.castTo(weights.dataType()).mmul(weights);
        INDArray bias = layer.paramTable().get("b");
        if (bias != null) {
            result.addiRowVector(bias);
        }
        if (mode == OutputMode.POST_ACTIVATION) {
            for (IActivation activation : activations) {
                result = activation.getActivation(result, false);
            }
        }
        return result;
    }

    /** @return the head's name or index and type, for messages and records */
    String describe() {
        return name + " (" + typeName() + ")";
    }

    /** @return the head's name or index */
    String name() {
        return name;
    }

    /** @return the head's DL4J layer class */
    String typeName() {
        return type(layer.conf().getLayer());
    }

    private static String type(org.deeplearning4j.nn.conf.layers.Layer conf) {
        return conf == null ? "unknown" : conf.getClass().getSimpleName();
    }
}
