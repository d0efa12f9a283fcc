package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.MeanAndSpread;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every smoke test of a paper example checks: finite numbers in [0, 1] and the files written. */
final class PaperExampleAssertions {

    private PaperExampleAssertions() {
    }

    static void assertRowInUnitRange(ResultsTable table, String setting) {
        for (int column = 0; column < 3; column++) {
            MeanAndSpread cell = table.cell(setting, column);
            assertTrue(Double.isFinite(cell.mean()) && cell.mean() >= 0 && cell.mean() <= 1,
                    setting + ", column " + column + ": " + cell.mean());
        }
    }

    static void assertRecordsWritten(Path runFolder, int expectedRecords) throws Exception {
        List<RichnessRecord> records = JsonLinesReporter.read(runFolder.resolve("richness.jsonl"));
        assertTrue(records.size() == expectedRecords, runFolder + ": " + records.size() + " records");
        for (RichnessRecord record : records) {
            assertTrue(record.ok(), String.valueOf(record.failure()));
        }
        assertTrue(Files.size(runFolder.resolve("richness.csv")) > 0, runFolder + ": CSV written");
    }

    static void assertTableWritten(Path out, ResultsTable table) throws Exception {
        assertTrue(Files.readString(out.resolve(RegimeComparison.RESULTS_FILE)).equals(table.markdown()));
    }
}
