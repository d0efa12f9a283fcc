package io.github.richness.examples.paper;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer normalisation of every position of a sequence (Ba et al., 2016; PyTorch's {@code nn.LayerNorm(d)}),
 * which DL4J 1.0.0-M2.1 has only inside a dense layer ({@code hasLayerNorm}, applied to xW, not to x):
 * for an input x of shape [n, d, T] (NCW),
 * y[i, :, t] = (x[i, :, t] − μ) / √(σ² + ε) · g + b, with μ and σ² the mean and the biased variance of
 * x[i, :, t] over its d features. The gain g starts at 1 and the bias b at 0, as in PyTorch.
 */
public final class LayerNormalization extends ExactGradientSameDiffLayer {

    /** PyTorch's default ε. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** The gain's parameter key. */
    public static final String GAIN = "g";
    /** The bias's parameter key. */
    public static final String BIAS = "b";

    private long size;
    private double epsilon;

    /** For DL4J's JSON serialisation. */
    private LayerNormalization() {
    }

    /**
     * @param size d, the number of features per position, positive
     * @param epsilon ε in the square root, positive
     */
    public LayerNormalization(long size, double epsilon) {
        if (size < 1 || !(epsilon > 0)) {
            throw new IllegalArgumentException("layer normalisation needs a positive size and ε, got " + size
                    + " and " + epsilon);
        }
        this.size = size;
        this.epsilon = epsilon;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters,
                                  SDVariable mask) {
        SDVariable centred = input.sub(input.mean(true, 1));
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable normalised = centred.div(sameDiff.math.sqrt(variance.add(epsilon)));
        return normalised.mul(parameters.get(GAIN).reshape(1, size, 1)).add(parameters.get(BIAS).reshape(1, size, 1));
    }

    @Override
    public void defineParameters(SDLayerParams parameters) {
        parameters.clear();
        parameters.addWeightParam(GAIN, 1, size);
        parameters.addBiasParam(BIAS, 1, size);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> parameters) {
        parameters.get(GAIN).assign(1);
        parameters.get(BIAS).assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return sequence(inputType, getLayerName());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long features = sequence(inputType, getLayerName()).getSize();
        if (features != size) {
            throw new IllegalStateException("layer normalisation of size " + size + " got " + features + " features");
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** @return d */
    public long getSize() {
        return size;
    }

    /** @param size d (for DL4J's JSON serialisation) */
    public void setSize(long size) {
        this.size = size;
    }

    /** @return ε */
    public double getEpsilon() {
        return epsilon;
    }

    /** @param epsilon ε (for DL4J's JSON serialisation) */
    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    /**
     * @param inputType a layer's input type
     * @param layer the layer's name, for the message
     * @return the input type as a sequence [n, d, T]
     * @throws IllegalStateException if it is not one
     */
    static InputType.InputTypeRecurrent sequence(InputType inputType, String layer) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalStateException("layer " + layer + " takes a sequence [n, d, T], got " + inputType);
        }
        return recurrent;
    }
}
