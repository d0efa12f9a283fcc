package io.github.richness.examples.paper;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff layer whose backward pass is right in DL4J 1.0.0-M2.1. There, every {@link SameDiffLayer} returns
 * twice the true gradient, of its parameters and of its input alike: the gradient function SameDiff builds for
 * the layer takes the gradient of the layer's output as {@code add(out-grad, out-grad)}, the placeholder of the
 * incoming error (DL4J's {@code ExternalErrorsFunction}, named {@code <output>-grad}) added to itself
 * (EXPERIMENTS.md §5.1, measured with {@code GradientCheckUtil}: relative error exactly 1/3 on every parameter
 * of any SameDiff layer, a plain {@code x·W + b} and DL4J's own {@code SelfAttentionLayer} included; the error
 * passed down is doubled too, so every layer below gets 2× per SameDiff layer on its path). This class instantiates
 * {@link ExactGradientSameDiffLayerImpl} instead of DL4J's implementation, which halves the incoming error when
 * the gradient function has that doubled sum (and only then).
 */
public abstract class ExactGradientSameDiffLayer extends SameDiffLayer {

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray parameters, boolean initializeParameters, DataType dataType) {
        return ExactGradientSameDiffLayerImpl.instantiate(this, conf, layerIndex, parameters, initializeParameters,
                dataType);
    }
}
