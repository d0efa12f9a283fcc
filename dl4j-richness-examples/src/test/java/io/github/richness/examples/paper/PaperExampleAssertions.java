package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.MeanAndSpread;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every smoke test of a paper example checks: accuracies in [0, 1], a finite D_LR, the files written; and,
 * for the examples that compare full backpropagation with last-layer-only training, what must hold at any scale.
 * (D_LR itself is clamped to [0, 1] by construction, so a range check on it could not fail: the tests assert
 * that it is finite, and the paper's ordering where the smoke scale separates the regimes.)
 */
final class PaperExampleAssertions {

    /** S_init of the last-layer-only regime is the CKA of identical kernels: 1 up to round-off. */
    static final double SAME_KERNEL = 1e-9;
    /** Column of S_init in the regime comparison's table ({@link RegimeComparison#EXTRA_COLUMNS}). */
    private static final int S_INIT = 3 + RegimeComparison.EXTRA_COLUMNS.indexOf("S_init");

    private PaperExampleAssertions() {
    }

    static void assertAccuraciesAndFiniteDistance(ResultsTable table, String setting) {
        for (int column = 0; column < 2; column++) {
            MeanAndSpread accuracy = table.cell(setting, column);
            assertTrue(accuracy.mean() >= 0 && accuracy.mean() <= 1, setting + ", accuracy column " + column + ": "
                    + accuracy.mean());
        }
        double distance = table.cell(setting, 2).mean();
        assertTrue(Double.isFinite(distance), setting + ", D_LR: " + distance);
    }

    /**
     * The last layer alone leaves the features at initialisation: S_init = 1 (to round-off), while full
     * backpropagation moves them away from it.
     */
    static void assertFrozenFeaturesKeepTheirKernel(ResultsTable table) {
        double lazy = table.cell(RegimeComparison.LAST_LAYER_CONVERGED, S_INIT).mean();
        double rich = table.cell(RegimeComparison.FULL_BACKPROP, S_INIT).mean();
        assertEquals(1.0, lazy, SAME_KERNEL, "S_init of frozen features");
        assertTrue(rich < lazy - SAME_KERNEL, "S_init of full backprop " + rich + " below the frozen one's " + lazy);
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
