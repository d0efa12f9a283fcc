package io.github.richness.examples.cifar;

import java.util.Locale;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The training loss of the CIFAR examples: the paper's MSE on scaled one-hot targets with identity outputs
 * (appendix H.4: "we only trained our models on MSE loss"), or softmax cross-entropy (appendix F, fig. 17).
 * In both cases the listener measures the linear head's pre-activation output φW + b.
 */
public enum CifarLoss {

    /** Mean squared error on identity outputs; targets are one-hot scaled by 1/α. */
    MSE,
    /** Softmax cross-entropy; targets are one-hot (the target scale does not apply). */
    CROSS_ENTROPY;

    /**
     * @param classes the number of classes
     * @return the builder of the classifier layer with this loss, its input size inferred
     */
    public OutputLayer.Builder outputLayer(int classes) {
        return this == MSE
                ? new OutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nOut(classes)
                : new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(classes);
    }

    /**
     * @param name {@code mse}, or {@code xent} / {@code cross-entropy}, case-insensitive
     * @return the loss
     * @throws IllegalArgumentException for any other name
     */
    public static CifarLoss parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mse" -> MSE;
            case "xent", "cross-entropy", "crossentropy" -> CROSS_ENTROPY;
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; use mse or xent");
        };
    }
}
