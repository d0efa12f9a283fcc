package io.github.richness.layers;

import io.github.richness.capture.SelectedLayer;
import io.github.richness.core.SketchedCka;
import io.github.richness.moments.SketchedMoments;
import io.github.richness.record.LayerRichness;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The flattened features of a layer wider than the exact width cap: D_LR_l and S_init_l estimated from a
 * {@link SketchedMoments} by {@link SketchedCka}, each with its bound; no debiased value and no D_eff (they
 * need the p_l × p_l moments).
 */
final class SketchedLayerQuantity implements LayerQuantity {

    private final SelectedLayer layer;
    private final SketchedMoments sketch;

    /**
     * @param layer the layer
     * @param sketch its sketch accumulator
     */
    SketchedLayerQuantity(SelectedLayer layer, SketchedMoments sketch) {
        this.layer = layer;
        this.sketch = sketch;
    }

    @Override
    public void accumulate(INDArray features, INDArray outputs, INDArray reference) {
        sketch.accumulate(features, outputs, reference);
    }

    @Override
    public void reset() {
        sketch.reset();
    }

    @Override
    public LayerRichness result(boolean spectra, List<String> warnings) {
        SketchedCka.Estimate distance = SketchedCka.lowRankDistance(sketch);
        SketchedCka.Estimate similarity = SketchedCka.kernelSimilarityToInit(sketch);
        String label = LayerRichness.labelOf(layer.name(), LayerRichness.FLATTENED_SKETCH);
        if (Double.isNaN(distance.value())) {
            warnings.add(label + ": D_LR is undefined (the layer or the outputs are constant over the probe)");
        }
        return new LayerRichness(layer.name(), layer.type(), LayerRichness.FLATTENED_SKETCH, sketch.features(),
                distance.value(), Double.NaN, Double.NaN, Double.NaN, distance.bound(), Double.NaN,
                similarity.value(), similarity.bound());
    }
}
