package io.github.richness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.richness.record.RecordJson;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.Csv;
import io.github.richness.testing.SampleRecords;
import io.github.richness.record.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The built-in reporters write what they promise, and the JSON Lines file survives a crash mid-line. */
class ReportersTest {

    @TempDir
    Path dir;

    static RichnessRecord record(int epoch, double lowRankDistance) {
        return SampleRecords.complete(epoch, lowRankDistance);
    }

    @Test
    void jsonLinesKeepEveryCompleteLineAfterACrashMidRecord() throws IOException {
        Path file = dir.resolve("sub/richness.jsonl");
        JsonLinesReporter reporter = new JsonLinesReporter(file);
        List<RichnessRecord> written = List.of(record(0, 0.5), record(1, 0.25), record(2, 0.125));
        for (RichnessRecord r : written) {
            reporter.report(r);
        }
        assertEquals(written, JsonLinesReporter.read(file));

        String next = RecordJson.toJson(record(3, 0.0625));
        Files.writeString(file, next.substring(0, next.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(written, JsonLinesReporter.read(file));
    }

    @Test
    void aCorruptLineInTheMiddleIsSkippedAndNamedInTheLog() throws IOException {
        Path file = dir.resolve("richness.jsonl");
        Files.writeString(file, RecordJson.toJson(record(0, 0.5)) + "\n{broken\n" + RecordJson.toJson(record(1, 0.4)) + "\n");
        Logger logger = (Logger) LoggerFactory.getLogger(JsonLinesReporter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertEquals(List.of(record(0, 0.5), record(1, 0.4)), JsonLinesReporter.read(file));
        } finally {
            logger.detachAppender(appender);
        }
        assertEquals(1, appender.list.size());
        assertEquals(Level.WARN, appender.list.get(0).getLevel());
        assertTrue(appender.list.get(0).getFormattedMessage().contains("line 2 skipped"),
                appender.list.get(0).getFormattedMessage());
    }

    @Test
    void csvHasOneHeaderAndRowsAlignedWithItThatHoldEveryScalarAndTheProvenance() throws IOException {
        Path file = dir.resolve("richness.csv");
        CsvReporter reporter = new CsvReporter(file);
        RichnessRecord complete = record(0, 0.5);
        reporter.report(complete);
        reporter.report(SampleRecords.failed(1, 9, "out of memory, \"device\"\nline two"));
        List<List<String>> rows = Csv.parse(Files.readString(file));
        assertEquals(3, rows.size());
        List<String> header = rows.get(0);
        assertEquals(List.of(CsvReporter.header().split(",")), header);
        for (List<String> row : rows) {
            assertEquals(header.size(), row.size(), "every row has the header's columns: " + row);
        }
        List<String> row = rows.get(1);
        for (Scalar scalar : Scalar.values()) {
            assertEquals(scalar.of(complete), Double.parseDouble(row.get(header.indexOf(scalar.key()))), 0.0,
                    scalar.key());
        }
        Provenance provenance = complete.provenance();
        assertEquals(provenance.runId(), row.get(header.indexOf("run_id")));
        assertEquals(provenance.libraryVersion(), row.get(header.indexOf("library_version")));
        assertEquals(provenance.source(), row.get(header.indexOf("source")));
        assertEquals(provenance.head(), row.get(header.indexOf("head")));
        assertEquals(provenance.outputMode(), row.get(header.indexOf("output_mode")));
        assertEquals(Long.toString(complete.probe().spectrumSamples()), row.get(header.indexOf("n_spectrum")));
        assertEquals(Integer.toString(provenance.sampleCap()), row.get(header.indexOf("sample_cap")));
        assertEquals("true", row.get(header.indexOf("spectra_on")));
        assertEquals("true", row.get(header.indexOf("baselines_on")));
        assertEquals(provenance.kernels(), row.get(header.indexOf("kernels")));
        assertEquals("2", row.get(header.indexOf("trusted_eigenvalues")));
        assertEquals("20", row.get(header.indexOf("jackknife_blocks")));
        assertEquals(0.0125, Double.parseDouble(row.get(header.indexOf("d_lr_se"))));
        assertEquals(0.75, Double.parseDouble(row.get(header.indexOf("d_lr_lazy"))));
        assertEquals(Long.toString(complete.when().durationMillis()), row.get(header.indexOf("measurement_ms")));
        assertEquals("out of memory, \"device\"\nline two", rows.get(2).get(header.indexOf("failure")));
        assertEquals("", row.get(header.indexOf("failure")));
    }

    @Test
    void logLineIsOneLinePerRecordAndFailuresAreWarnings() {
        Logger logger = (Logger) LoggerFactory.getLogger("richness-test-" + System.nanoTime());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        LogReporter reporter = new LogReporter(logger);
        reporter.report(record(2, 0.04321));
        reporter.report(SampleRecords.failed(3, 9, "NaN in outputs"));
        assertEquals(2, appender.list.size());
        ILoggingEvent ok = appender.list.get(0);
        assertEquals(Level.INFO, ok.getLevel());
        assertTrue(ok.getFormattedMessage().contains("D_LR = 0.04321 ± 0.013 (debiased 0.07321 ± 0.016,"),
                ok.getFormattedMessage());
        assertTrue(ok.getFormattedMessage().contains("lazy reference 0.7500)"), ok.getFormattedMessage());
        assertTrue(ok.getFormattedMessage().contains("n = 2048"), ok.getFormattedMessage());
        assertTrue(!ok.getFormattedMessage().contains("\n"));
        assertEquals(Level.WARN, appender.list.get(1).getLevel());
        assertTrue(appender.list.get(1).getFormattedMessage().contains("NaN in outputs"));
    }
}
