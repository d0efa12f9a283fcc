package io.github.richness.record;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a record's {@link LayerRichness} list, under the key {@value #KEY} of {@link RecordJson}: an
 * array with one object per layer quantity, keys {@code layer, type, features, p, d_lr, d_lr_debiased, d_lr_se,
 * d_lr_debiased_se, d_lr_bound, d_eff, s_init, s_init_bound} (NaN as null, as everywhere). A file without the
 * key (format 2 written before layer-wise richness, or format 1) reads as no layers; unknown keys inside an
 * entry are ignored.
 */
final class LayerRichnessJson {

    /** The record key holding the layers. */
    static final String KEY = "layers";

    private LayerRichnessJson() {
    }

    static void put(ObjectNode node, List<LayerRichness> layers) {
        ArrayNode array = node.putArray(KEY);
        for (LayerRichness layer : layers) {
            ObjectNode entry = array.addObject();
            entry.put("layer", layer.layer());
            entry.put("type", layer.type());
            entry.put("features", layer.features());
            entry.put("p", layer.width());
            RecordJson.putNumber(entry, "d_lr", layer.lowRankDistance());
            RecordJson.putNumber(entry, "d_lr_debiased", layer.debiasedLowRankDistance());
            RecordJson.putNumber(entry, "d_lr_se", layer.lowRankDistanceStandardError());
            RecordJson.putNumber(entry, "d_lr_debiased_se", layer.debiasedStandardError());
            RecordJson.putNumber(entry, "d_lr_bound", layer.lowRankDistanceBound());
            RecordJson.putNumber(entry, "d_eff", layer.effectiveDimension());
            RecordJson.putNumber(entry, "s_init", layer.kernelSimilarityToInit());
            RecordJson.putNumber(entry, "s_init_bound", layer.kernelSimilarityToInitBound());
        }
    }

    static List<LayerRichness> read(JsonNode node) {
        List<LayerRichness> layers = new ArrayList<>();
        for (JsonNode entry : node.path(KEY)) {
            layers.add(new LayerRichness(RecordJson.text(entry, "layer"), RecordJson.text(entry, "type"),
                    entry.path("features").asText(LayerRichness.FLATTENED), entry.path("p").asInt(),
                    RecordJson.number(entry, "d_lr"), RecordJson.number(entry, "d_lr_debiased"),
                    RecordJson.number(entry, "d_lr_se"), RecordJson.number(entry, "d_lr_debiased_se"),
                    RecordJson.number(entry, "d_lr_bound"), RecordJson.number(entry, "d_eff"),
                    RecordJson.number(entry, "s_init"), RecordJson.number(entry, "s_init_bound")));
        }
        return layers;
    }
}
