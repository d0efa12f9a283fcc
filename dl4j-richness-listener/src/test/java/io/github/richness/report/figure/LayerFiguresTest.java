package io.github.richness.report.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.LayerRichness;
import io.github.richness.record.RichnessRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer-wise figures: drawn from records with layers, absent without, and part of the HTML report. */
class LayerFiguresTest {

    @TempDir
    Path folder;

    @Test
    void theReportShowsTheLayerHeatmapsAndTheLastMeasurementsCurves() throws Exception {
        List<RichnessRecord> records = withLayers(SyntheticRecords.run(6, 8, true));
        Figure heatmaps = LayerFigures.heatmaps(records).orElseThrow();
        assertEquals(2, heatmaps.seriesNames().size(), "D_LR and S_init");
        assertEquals(List.of("D_LR", "S_init"), LayerFigures.lastMeasurement(records).orElseThrow().seriesNames());
        assertTrue(LayerFigures.heatmaps(SyntheticRecords.run(3, 8, true)).isEmpty(), "no layers, no figure");
        Path page = HtmlReport.write(records, folder, "layers");
        String html = Files.readString(page);
        assertTrue(Files.exists(folder.resolve(HtmlReport.FIGURES).resolve("layer-heatmaps.svg")));
        assertTrue(Files.exists(folder.resolve(HtmlReport.FIGURES).resolve("layer-curves.png")));
        assertTrue(html.contains("layer-heatmaps"), "the page embeds the heatmaps");
    }

    /** Three layers whose D_LR falls with depth and time, one of them pooled. */
    static List<RichnessRecord> withLayers(List<RichnessRecord> records) {
        List<RichnessRecord> result = new ArrayList<>();
        for (int t = 0; t < records.size(); t++) {
            List<LayerRichness> layers = new ArrayList<>();
            for (int l = 0; l < 3; l++) {
                double distance = Math.max(0, 0.9 - 0.1 * t * (l + 1));
                layers.add(new LayerRichness("layer " + l, "DenseLayer", l == 2 ? LayerRichness.CHANNEL_POOLED
                        : LayerRichness.FLATTENED, 16, distance, distance, 0.01, 0.01, Double.NaN, 3.0,
                        1.0 - 0.05 * t * l, Double.NaN));
            }
            result.add(records.get(t).toBuilder().layers(layers).build());
        }
        return result;
    }
}
