package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertFrozenFeaturesKeepTheirKernel;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.ResultsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of figure 1's example on a few hundred digits: both regimes run, measure and write, and already at
 * this scale the paper's orderings hold: full backpropagation is richer (lower D_LR) than the last layer alone,
 * and the converged (least-squares) readout is lazier than the same readout after a few Adam epochs.
 */
class LabelEncodedMnistTest {

    @Tag("slow")
    @Test
    void bothRegimesRunMeasureAndWrite(@TempDir Path out) throws Exception {
        ResultsTable table = LabelEncodedMnist.run(LabelEncodedMnist.commandLine(false).parse("--epochs", "2",
                "--readout-epochs", "2", "--readout-every", "1", "--train-samples", "400", "--test-samples", "200",
                "--width", "32", "--out", out.toString()).orElseThrow());
        String trained = RegimeComparison.lastLayerTrained(2);
        for (String row : List.of(RegimeComparison.FULL_BACKPROP, RegimeComparison.LAST_LAYER_CONVERGED, trained)) {
            assertAccuraciesAndFiniteDistance(table, row);
        }
        assertRecordsWritten(out.resolve(TrainingRegime.FULL_BACKPROP.folder()).resolve("seed-1"), 2);
        assertRecordsWritten(out.resolve(TrainingRegime.LAST_LAYER_ONLY.folder()).resolve("seed-1").resolve("adam"), 2);
        double rich = table.cell(RegimeComparison.FULL_BACKPROP, 2).mean();
        double converged = table.cell(RegimeComparison.LAST_LAYER_CONVERGED, 2).mean();
        double early = table.cell(trained, 2).mean();
        assertTrue(rich < converged, "D_LR of full backprop " + rich + " below last layer only's " + converged);
        assertTrue(early < converged, "D_LR of the readout after 2 epochs " + early + " below its limit " + converged);
        assertFrozenFeaturesKeepTheirKernel(table);
        assertTableWritten(out, table);
    }
}
