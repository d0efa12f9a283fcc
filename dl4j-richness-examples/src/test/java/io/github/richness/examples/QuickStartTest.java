package io.github.richness.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the README's demo: the pipeline runs on real digits and the numbers are sane. */
class QuickStartTest {

    @Test
    void trainsMeasuresAndWritesRecords(@TempDir Path out) throws Exception {
        TrainingSummary summary = QuickStart.run(2, 2000, out);
        RichnessRecord last = summary.lastRecord();
        assertTrue(last.ok(), String.valueOf(last.failure()));
        assertTrue(Double.isFinite(last.lowRankDistance()), "D_LR finite (it is clamped to [0, 1]): "
                + last.lowRankDistance());
        assertEquals(2000, last.probe().testSamples());
        assertEquals(128, last.probe().featureWidth());
        List<RichnessRecord> written = JsonLinesReporter.read(out.resolve("richness.jsonl"));
        assertEquals(2, written.size());
        assertEquals(last, written.get(1), "the JSON Lines file round-trips the record");
        assertEquals(2, summary.epochs().size(), "one evaluated epoch per epoch");
        assertTrue(summary.testAccuracy() > 0.5, "the MLP learns the digits: " + summary.testAccuracy());
        assertEquals(3, Files.readAllLines(out.resolve("richness.csv")).size(), "header and two rows");
        String report = Files.readString(out.resolve("report/report.html"));
        assertTrue(report.contains("D_LR") && report.contains("data:image/svg+xml"), "the report holds the figures");
        assertTrue(Files.size(out.resolve("report/figures").resolve(firstPng(out))) > 0);
    }

    private static Path firstPng(Path out) throws Exception {
        try (var files = Files.list(out.resolve("report/figures"))) {
            return files.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow().getFileName();
        }
    }
}
