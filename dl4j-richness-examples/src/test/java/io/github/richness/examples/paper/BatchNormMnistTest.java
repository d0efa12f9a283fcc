package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.examples.common.ResultsTable;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the batch-norm example with narrow convolutions on 128 digits (one step), one seed:
 * both networks train, measure and write their records and the table: on the p = 9 × (last channel count)
 * flattened convolution features without a dense head, with one convolution per block and with two
 * ({@code --pool-every 2}, the deep plain network of EXPERIMENTS.md section 6.1) under the seed
 * {@code --first-seed} names, and on the last dense layer's width with a {@code --dense} head. The paper's
 * ordering (D_LR without batch norm above D_LR with it), which the example's defaults show in every seed
 * (section 6.1), is not asserted: one step cannot show it, and no smoke-scale setting that shows it robustly
 * has been found.
 */
class BatchNormMnistTest {

    private static final int LAST_CHANNELS = 4;
    private static final int LAST_DENSE = 8;
    /** 28 → 14 → 7 → 3 after the three poolings. */
    private static final int SIDE = 3;

    @Test
    void bothNetworksRunMeasureAndWrite(@TempDir Path out) throws Exception {
        assertRunsAndWrites(out, "1", "2,2," + LAST_CHANNELS, "", "1", SIDE * SIDE * LAST_CHANNELS);
    }

    @Test
    void twoConvolutionsPerBlockKeepThreePoolsAndTheFirstSeed(@TempDir Path out) throws Exception {
        assertRunsAndWrites(out, "2", "2,2,2,2,2," + LAST_CHANNELS, "", "2", SIDE * SIDE * LAST_CHANNELS);
    }

    @Test
    void theLastDenseLayerIsMeasured(@TempDir Path out) throws Exception {
        assertRunsAndWrites(out, "1", "2,2," + LAST_CHANNELS, "16," + LAST_DENSE, "1", LAST_DENSE);
    }

    private static void assertRunsAndWrites(Path out, String poolEvery, String channels, String dense, String seed,
                                            int featureWidth) throws Exception {
        ResultsTable table = BatchNormMnist.run(BatchNormMnist.commandLine(false).parse("--epochs", "1",
                "--seeds", "1", "--first-seed", seed, "--train-samples", "128", "--test-samples", "64",
                "--channels", channels, "--pool-every", poolEvery, "--dense", dense, "--out", out.toString())
                .orElseThrow());
        for (String row : List.of(BatchNormMnist.WITHOUT, BatchNormMnist.WITH)) {
            assertAccuraciesAndFiniteDistance(table, row);
            Path run = out.resolve(SettingSweep.folder(row)).resolve("seed-" + seed);
            assertRecordsWritten(run, 1);
            RichnessRecord record = JsonLinesReporter.read(run.resolve("richness.jsonl")).get(0);
            assertEquals(featureWidth, record.probe().featureWidth(), row + ": the measured features");
        }
        assertTableWritten(out, table);
    }
}
