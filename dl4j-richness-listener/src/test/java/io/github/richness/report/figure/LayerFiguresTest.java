package io.github.richness.report.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer-wise figures: drawn from records with layers, absent without, and part of the HTML report. */
class LayerFiguresTest {

    @TempDir
    Path folder;

    @Test
    void theReportShowsTheLayerHeatmapsAndTheLastMeasurementsCurves() throws Exception {
        List<RichnessRecord> records = SampleRecords.withLayers(SyntheticRecords.run(6, 8, true));
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
}
