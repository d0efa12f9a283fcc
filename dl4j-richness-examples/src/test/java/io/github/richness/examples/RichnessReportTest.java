package io.github.richness.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The richness-report command on the records of a real QuickStart run, and its usage errors. */
class RichnessReportTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void turnsARunsRecordsIntoAReportFolder(@TempDir Path run) throws Exception {
        QuickStart.run(2, 1000, run);
        Path records = run.resolve("richness.jsonl");
        assertEquals(0, report(records.toString()), text(err));
        Path folder = run.resolve("report");
        assertTrue(text(out).contains("Report of 2 records: " + folder.resolve("report.html").toAbsolutePath()), text(out));
        String html = Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<title>richness.jsonl</title>"), "default title: the file name");
        for (String figure : List.of("low-rank-distance", "spectra", "effective-dimension", "baselines")) {
            assertTrue(Files.size(folder.resolve("figures").resolve(figure + ".png")) > 0, figure);
            assertTrue(Files.size(folder.resolve("figures").resolve(figure + ".svg")) > 0, figure);
        }
        Path elsewhere = run.resolve("elsewhere");
        assertEquals(0, report(records.toString(), "--out", elsewhere.toString(), "--title", "MNIST MLP"));
        assertTrue(Files.readString(elsewhere.resolve("report.html")).contains("<title>MNIST MLP</title>"));
    }

    @Test
    void explainsUsageAndFailures(@TempDir Path dir) {
        assertEquals(0, report("--help"));
        assertTrue(text(out).startsWith("Usage: richness-report"));
        assertEquals(2, report());
        assertTrue(text(err).contains("no records file given"));
        assertEquals(2, report("a.jsonl", "--out"));
        assertTrue(text(err).contains("--out needs a value"));
        assertEquals(2, report("a.jsonl", "--colour"));
        assertEquals(1, report(dir.resolve("missing.jsonl").toString()));
        assertTrue(text(err).contains("no such file"), text(err));
    }

    private int report(String... args) {
        return RichnessReport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
