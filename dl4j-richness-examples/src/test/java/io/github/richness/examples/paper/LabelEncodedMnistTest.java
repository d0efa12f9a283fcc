package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertRowInUnitRange;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;

import io.github.richness.examples.common.ResultsTable;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of figure 1's example on a few hundred digits: both regimes run, measure and write. */
class LabelEncodedMnistTest {

    @Test
    void bothRegimesRunMeasureAndWrite(@TempDir Path out) throws Exception {
        ResultsTable table = LabelEncodedMnist.run(LabelEncodedMnist.commandLine(false).parse("--epochs", "2",
                "--train-samples", "400", "--test-samples", "200", "--width", "32", "--out", out.toString()).orElseThrow());
        for (TrainingRegime regime : TrainingRegime.values()) {
            assertRowInUnitRange(table, regime.label());
            assertRecordsWritten(out.resolve(regime.name().toLowerCase(Locale.ROOT)).resolve("seed-1"), 2);
        }
        assertTableWritten(out, table);
    }
}
