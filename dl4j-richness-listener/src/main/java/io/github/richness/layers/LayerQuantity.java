package io.github.richness.layers;

import io.github.richness.record.LayerRichness;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The moments of one quantity of one layer (flattened or channel-pooled features) and its numbers. */
interface LayerQuantity {

    /**
     * @param features n_b × p_l features of the layer
     * @param outputs n_b × C outputs f̂ of the network
     * @param reference n_b × p_l features of the same layer in the initial model, or null
     */
    void accumulate(INDArray features, INDArray outputs, INDArray reference);

    /** Forgets the samples, keeping the accumulators. */
    void reset();

    /**
     * @param spectra whether to compute D_eff (a p_l × p_l eigendecomposition)
     * @param warnings receives what to know about the numbers, prefixed with the layer's label
     * @return the numbers
     */
    LayerRichness result(boolean spectra, List<String> warnings);
}
