package io.github.richness.examples.paper;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link SelfAttentionLayer} (multi-head scaled dot-product self-attention with query, key, value and
 * output projections, no biases) with the exact gradient: DL4J 1.0.0-M2.1's own implementation, a SameDiff
 * layer, returns twice the gradient (see {@link ExactGradientSameDiffLayer}); this one is instantiated as
 * {@link ExactGradientSameDiffLayerImpl}. The forward pass is DL4J's.
 */
public final class ExactSelfAttentionLayer extends SelfAttentionLayer {

    /** For DL4J's JSON serialisation. */
    private ExactSelfAttentionLayer() {
        super(new SelfAttentionLayer.Builder().nHeads(1));
    }

    /**
     * Self-attention of d features in, d out, with projected input.
     *
     * @param size d
     * @param heads the attention heads, dividing d (d / heads features each)
     */
    public ExactSelfAttentionLayer(int size, int heads) {
        super(new SelfAttentionLayer.Builder().nIn(size).nOut(size).nHeads(heads).projectInput(true));
        if (size < 1 || heads < 1 || size % heads != 0) {
            throw new IllegalArgumentException("self-attention needs heads dividing a positive size, got " + size
                    + " and " + heads + " heads");
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray parameters, boolean initializeParameters, DataType dataType) {
        return ExactGradientSameDiffLayerImpl.instantiate(this, conf, layerIndex, parameters, initializeParameters,
                dataType);
    }
}
