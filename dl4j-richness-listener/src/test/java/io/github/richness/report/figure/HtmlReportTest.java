package io.github.richness.report.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Run;
import io.github.richness.report.HtmlReportReporter;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.testing.IrisRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report of a real (short) training run: well-formed XHTML with every figure embedded as a parseable
 * SVG, nothing loaded from elsewhere, one table row per record, and PNGs of the documented pixel size that
 * hold the lines drawn in the palette's colours.
 */
class HtmlReportTest {

    private static final Logger LOG = LoggerFactory.getLogger(HtmlReportTest.class);
    private static final int EPOCHS = 4;
    private static final int FIRST_SERIES_RGB = 0x0072B2;
    private static final int SECOND_SERIES_RGB = 0xD55E00;

    @Test
    void reportOfATrainingRunIsCompleteAndSelfContained(@TempDir Path folder) throws Exception {
        HtmlReportReporter reporter = new HtmlReportReporter(folder, "Iris MLP <test> & report");
        long start = System.nanoTime();
        List<RichnessRecord> records = IrisRun.train(EPOCHS, reporter);
        LOG.info("Training {} epochs with the report rewritten after each: {} ms", EPOCHS,
                (System.nanoTime() - start) / 1_000_000);
        assertEquals(EPOCHS, records.size());

        Document page = parse(Files.readAllBytes(folder.resolve(HtmlReport.PAGE)));
        assertEquals("Iris MLP <test> & report", page.getElementsByTagName("title").item(0).getTextContent());
        NodeList images = page.getElementsByTagName("img");
        assertEquals(4, images.getLength(), "D_LR, spectra, D_eff, baselines");
        for (int i = 0; i < images.getLength(); i++) {
            String src = ((Element) images.item(i)).getAttribute("src");
            assertTrue(src.startsWith("data:image/svg+xml;base64,"), "embedded, not linked: " + src.substring(0, 40));
            Document svg = parse(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)));
            assertEquals("svg", svg.getDocumentElement().getLocalName());
        }
        String html = Files.readString(folder.resolve(HtmlReport.PAGE), StandardCharsets.UTF_8);
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no resource from elsewhere");
        assertEquals(EPOCHS + 1, page.getElementsByTagName("tr").getLength(), "header and one row per record");

        int panel = Figure.PNG_SCALE * RichnessFigures.PANEL_WIDTH;
        int height = Figure.PNG_SCALE * RichnessFigures.PANEL_HEIGHT;
        Map<String, Integer> panels = Map.of("low-rank-distance", 1, "spectra", 3, "effective-dimension", 1, "baselines", 4);
        for (Map.Entry<String, Integer> figure : panels.entrySet()) {
            BufferedImage png = ImageIO.read(folder.resolve(HtmlReport.FIGURES).resolve(figure.getKey() + ".png").toFile());
            assertEquals(panel * figure.getValue(), png.getWidth(), figure.getKey());
            assertEquals(height, png.getHeight(), figure.getKey());
            assertTrue(pixelsOf(png, FIRST_SERIES_RGB) > 100, figure.getKey() + ": the first series is drawn");
            Document svg = parse(Files.readAllBytes(folder.resolve(HtmlReport.FIGURES).resolve(figure.getKey() + ".svg")));
            assertEquals("svg", svg.getDocumentElement().getLocalName());
        }
    }

    @Test
    void twoRunsWrittenToOneFileAreDrawnAsTwoSeriesWithALegendNamingEach(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("richness.jsonl");
        List<RichnessRecord> fast = IrisRun.train(EPOCHS, 0.05, new JsonLinesReporter(file));
        List<RichnessRecord> slow = IrisRun.train(EPOCHS, 0.002, new JsonLinesReporter(file));
        List<Run> runs = Run.split(JsonLinesReporter.read(file), "richness.jsonl");
        assertEquals(List.of(fast, slow), runs.stream().map(Run::records).toList());
        Path report = Path.of("target", "two-runs-report");
        Document page = parse(Files.readAllBytes(HtmlReport.writeRuns(runs, report, "two learning rates")));

        NodeList tables = page.getElementsByTagName("table");
        assertEquals(2, tables.getLength(), "the runs compared, and every record");
        Element runsTable = (Element) tables.item(0);
        assertEquals(3, runsTable.getElementsByTagName("tr").getLength(), "header and one row per run");
        for (int r = 0; r < 2; r++) {
            String row = runsTable.getElementsByTagName("tr").item(r + 1).getTextContent();
            assertTrue(row.contains(runs.get(r).label()) && row.contains(runs.get(r).runId()), row);
        }
        Element recordsTable = (Element) tables.item(1);
        assertEquals(2 * EPOCHS + 1, recordsTable.getElementsByTagName("tr").getLength());
        assertEquals("run", recordsTable.getElementsByTagName("th").item(0).getTextContent());

        for (String figure : List.of("low-rank-distance", "spectra", "effective-dimension", "baselines")) {
            BufferedImage png = ImageIO.read(report.resolve(HtmlReport.FIGURES).resolve(figure + ".png").toFile());
            assertTrue(pixelsOf(png, FIRST_SERIES_RGB) > 100, figure + ": the first run is drawn");
            assertTrue(pixelsOf(png, SECOND_SERIES_RGB) > 100, figure + ": the second run is drawn");
        }
        String a = runs.get(0).label();
        String b = runs.get(1).label();
        assertEquals(List.of(a + ": D_LR ± se", a + ": D_LR (projection)", b + ": D_LR ± se",
                b + ": D_LR (projection)", a + ": lazy reference d_lr_lazy", b + ": lazy reference d_lr_lazy"),
                RichnessFigures.lowRankDistance(runs).orElseThrow().seriesNames());
        assertEquals(List.of(a, b), RichnessFigures.baselines(runs).orElseThrow().seriesNames());
        List<String> spectra = RichnessFigures.spectra(runs, 1).orElseThrow().seriesNames().stream()
                .filter(name -> !name.contains("trusted up to")).toList();
        assertEquals(2, spectra.size(), "the last record of each run: " + spectra);
        assertTrue(spectra.get(0).startsWith(a + ": epoch " + fast.get(EPOCHS - 1).epoch()), spectra.get(0));
        assertTrue(spectra.get(1).startsWith(b + ": epoch " + slow.get(EPOCHS - 1).epoch()), spectra.get(1));
        LOG.info("Report of two runs compared, to look at: {}", report.resolve(HtmlReport.PAGE).toAbsolutePath());
    }

    @Test
    void unlabelledRecordsLeaveOutTheirPanels(@TempDir Path folder) throws Exception {
        HtmlReport.write(SyntheticRecords.run(3, 8, false), folder, "no labels");
        int panel = Figure.PNG_SCALE * RichnessFigures.PANEL_WIDTH;
        assertEquals(2 * panel, ImageIO.read(folder.resolve("figures/spectra.png").toFile()).getWidth(), "no Π*(k)");
        assertEquals(2 * panel, ImageIO.read(folder.resolve("figures/baselines.png").toFile()).getWidth(),
                "S_init and ‖θ‖² only");
    }

    @Test
    void emptyRunGivesAPageWithoutFigures(@TempDir Path folder) throws Exception {
        Document page = parse(Files.readAllBytes(HtmlReport.write(List.of(), folder, "empty")));
        assertEquals(0, page.getElementsByTagName("img").getLength());
        assertEquals(1, page.getElementsByTagName("tr").getLength());
    }

    private static long pixelsOf(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(xml));
    }
}
