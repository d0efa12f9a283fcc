package io.github.richness.examples.paper;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Learned position embeddings for sequences of a fixed length T: y[i, :, t] = x[i, :, t] + P[:, t], one learned
 * vector P[:, t] of d features per position, the same for every sample. After an {@code EmbeddingSequenceLayer}
 * this is the GPT-style input h = E[token] + P[position] of teddykoker/grokking ({@code nn.Embedding(seq_len,
 * d)} added to the token embeddings), which DL4J 1.0.0-M2.1 has no layer for. P is a weight parameter; its
 * starting values are set by {@link TorchInitialisation} (N(0, 1), PyTorch's {@code nn.Embedding}).
 */
public final class PositionalTerm extends ExactGradientSameDiffLayer {

    /** The parameter key of P, shape [1, d, T]. */
    public static final String POSITIONS = "P";

    private long size;
    private long length;

    /** For DL4J's JSON serialisation. */
    private PositionalTerm() {
    }

    /**
     * @param size d, the features per position, positive
     * @param length T, the sequence length, positive
     */
    public PositionalTerm(long size, long length) {
        if (size < 1 || length < 1) {
            throw new IllegalArgumentException("a positional term needs a positive size and length, got " + size
                    + " and " + length);
        }
        this.size = size;
        this.length = length;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters,
                                  SDVariable mask) {
        return input.add(parameters.get(POSITIONS));
    }

    @Override
    public void defineParameters(SDLayerParams parameters) {
        parameters.clear();
        parameters.addWeightParam(POSITIONS, 1, size, length);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> parameters) {
        parameters.get(POSITIONS).assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return LayerNormalization.sequence(inputType, getLayerName());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent recurrent = LayerNormalization.sequence(inputType, getLayerName());
        if (recurrent.getSize() != size || recurrent.getTimeSeriesLength() != length) {
            throw new IllegalStateException("positional term for [" + size + ", " + length + "] got ["
                    + recurrent.getSize() + ", " + recurrent.getTimeSeriesLength() + "]");
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

    /** @return T */
    public long getLength() {
        return length;
    }

    /** @param length T (for DL4J's JSON serialisation) */
    public void setLength(long length) {
        this.length = length;
    }
}
