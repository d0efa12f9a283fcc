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
        assertTrue(text(out).contains("Report of 2 records in 1 run: " + folder.resolve("report.html").toAbsolutePath()),
                text(out));
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
    void comparesTheRunsOfSeveralFilesAndOfOneFileOnTheSameAxes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        QuickStart.run(2, 1000, a);
        QuickStart.run(1, 500, b);
        Path report = dir.resolve("comparison");
        assertEquals(0, report(a.resolve("richness.jsonl").toString(), b.resolve("richness.jsonl").toString(),
                "--label", "500 digits", "--out", report.toString()), text(err));
        assertTrue(text(out).contains("Report of 3 records in 2 runs"), text(out));
        String html = Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h2>Runs compared</h2>"), "a table of the runs");
        assertTrue(html.contains("<td class=\"text\">a/richness.jsonl</td>"), "files of one name: folder and name");
        assertTrue(html.contains("<td class=\"text\">500 digits</td>"), "the label given");
        assertTrue(html.contains("<title>richness.jsonl</title>"), html.substring(0, 300));

        Path both = dir.resolve("both.jsonl");
        Files.writeString(both, Files.readString(a.resolve("richness.jsonl")) + Files.readString(b.resolve("richness.jsonl")));
        assertEquals(0, report(both.toString(), "--out", dir.resolve("one-file").toString()), text(err));
        assertTrue(text(out).contains("Report of 3 records in 2 runs"), "two runs in one file, told apart by run id");
        String oneFile = Files.readString(dir.resolve("one-file").resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(oneFile.contains("both.jsonl · run "), "each run named by its file and short run id");
        assertEquals(2, report("a.jsonl", "--label", "x", "--label", "y"));
        assertTrue(text(err).contains("must follow the records file it names"), text(err));
        assertEquals(2, report("--label", "x", "a.jsonl"));
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
