package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertFrozenFeaturesKeepTheirKernel;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.examples.common.ResultsTable;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of table 3's MNIST CNN example with narrow convolutions on a few hundred digits. One epoch does not
 * separate the regimes' D_LR (0.398 against 0.392 measured here), so the ordering asserted is S_init's: the frozen
 * features keep their kernel exactly.
 */
class MnistCnnTest {

    @Tag("slow")
    @Test
    void bothRegimesRunMeasureAndWrite(@TempDir Path out) throws Exception {
        ResultsTable table = MnistCnn.run(MnistCnn.commandLine(false).parse("--epochs", "1", "--readout-epochs", "1", "--train-samples", "256",
                "--test-samples", "200", "--channels", "4,8", "--out", out.toString()).orElseThrow());
        assertAccuraciesAndFiniteDistance(table, RegimeComparison.FULL_BACKPROP);
        assertAccuraciesAndFiniteDistance(table, RegimeComparison.LAST_LAYER_CONVERGED);
        for (Path run : List.of(out.resolve(TrainingRegime.FULL_BACKPROP.folder()).resolve("seed-1"),
                out.resolve(TrainingRegime.LAST_LAYER_ONLY.folder()).resolve("seed-1").resolve("adam"))) {
            assertRecordsWritten(run, 1);
            RichnessRecord record = JsonLinesReporter.read(run.resolve("richness.jsonl")).get(0);
            assertEquals(1024, record.probe().featureWidth(), "the paper's p = 1024 features");
        }
        assertFrozenFeaturesKeepTheirKernel(table);
        assertTableWritten(out, table);
    }
}
