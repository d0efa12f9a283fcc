package io.github.richness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
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
        return new RichnessRecord(epoch, 100 * epoch, 1_700_000_000_000L + epoch, 42, "layer 2 (OutputLayer)", 2048,
                4096, 128, 10, lowRankDistance, lowRankDistance + 0.01, new double[] {3.0, 1.5, 0.25},
                new double[] {1.0, 0.5, 1.0 / 12}, new double[] {0.1, 0.6, 1.0}, new double[] {0.2, 0.7, 0.9},
                9.75, 8.5, 1, Double.NaN, 1234.5, 0.003, 17.25, List.of("n ≤ p: \"few\" samples"), null);
    }

    @Test
    void jsonFormRoundTripsWithNaNAsNull() {
        RichnessRecord original = record(3, 0.125);
        String json = RecordJson.toJson(original);
        assertTrue(json.contains("\"" + Scalar.KERNEL_SIMILARITY_TO_INIT.key() + "\":null"), json);
        RichnessRecord back = RecordJson.fromJson(json);
        assertEquals(original, back);
        assertTrue(Double.isNaN(back.kernelSimilarityToInit()));
        assertEquals(0.125, back.lowRankDistance());
        RichnessRecord failed = RichnessRecord.failed(1, 7, 5L, 3L, "layer 1", "NaN in features of layer 1");
        assertEquals(failed, RecordJson.fromJson(RecordJson.toJson(failed)));
        assertThrows(IllegalArgumentException.class, () -> RecordJson.fromJson("{\"version\":99}"));
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
    void aCorruptLineInTheMiddleIsNamed() throws IOException {
        Path file = dir.resolve("richness.jsonl");
        Files.writeString(file, RecordJson.toJson(record(0, 0.5)) + "\n{broken\n" + RecordJson.toJson(record(1, 0.4)) + "\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JsonLinesReporter.read(file));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void csvHasOneHeaderAndParsableRowsAlignedWithIt() throws IOException {
        Path file = dir.resolve("richness.csv");
        CsvReporter reporter = new CsvReporter(file);
        reporter.report(record(0, 0.5));
        reporter.report(RichnessRecord.failed(1, 9, 6L, 2L, "layer 2", "out of memory, \"device\""));
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        String[] header = lines.get(0).split(",", -1);
        String[] row = lines.get(1).split(",", -1);
        assertEquals(header.length, row.length);
        for (Scalar scalar : Scalar.values()) {
            int column = List.of(header).indexOf(scalar.key());
            assertEquals(scalar.of(record(0, 0.5)), Double.parseDouble(row[column]), 0.0, scalar.key());
        }
        assertTrue(lines.get(2).endsWith(",\"out of memory, \"\"device\"\"\""), lines.get(2));
    }

    @Test
    void logLineIsOneLinePerRecordAndFailuresAreWarnings() {
        Logger logger = (Logger) LoggerFactory.getLogger("richness-test-" + System.nanoTime());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        LogReporter reporter = new LogReporter(logger);
        reporter.report(record(2, 0.04321));
        reporter.report(RichnessRecord.failed(3, 9, 6L, 2L, "layer 2", "NaN in outputs"));
        assertEquals(2, appender.list.size());
        ILoggingEvent ok = appender.list.get(0);
        assertEquals(Level.INFO, ok.getLevel());
        assertTrue(ok.getFormattedMessage().contains("D_LR = 0.04321"), ok.getFormattedMessage());
        assertTrue(ok.getFormattedMessage().contains("n = 2048"), ok.getFormattedMessage());
        assertTrue(!ok.getFormattedMessage().contains("\n"));
        assertEquals(Level.WARN, appender.list.get(1).getLevel());
        assertTrue(appender.list.get(1).getFormattedMessage().contains("NaN in outputs"));
    }
}
