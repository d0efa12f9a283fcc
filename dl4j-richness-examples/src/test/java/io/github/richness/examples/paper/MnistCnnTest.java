package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertFrozenFeaturesKeepTheirKernel;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.ResultsTable;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of table 3's MNIST CNN example with narrow convolutions on a few hundred digits: both regimes run,
 * measure and write, and the orderings this scale shows are asserted: full backpropagation is richer (lower D_LR)
 * than the converged (least-squares) last-layer readout, the readout after one Adam epoch is below its limit, and
 * the frozen features keep their kernel exactly (S_init = 1); the converged readout is measured with the same
 * probes as the trained one (its spectrum on the training features).
 */
class MnistCnnTest {

    @Tag("slow")
    @Test
    void bothRegimesRunMeasureAndWrite(@TempDir Path out) throws Exception {
        ResultsTable table = MnistCnn.run(MnistCnn.commandLine(false).parse("--epochs", "1", "--readout-epochs", "1", "--train-samples", "256",
                "--test-samples", "200", "--channels", "4,8", "--out", out.toString()).orElseThrow());
        String trained = RegimeComparison.lastLayerTrained(1);
        for (String row : List.of(RegimeComparison.FULL_BACKPROP, RegimeComparison.LAST_LAYER_CONVERGED, trained)) {
            assertAccuraciesAndFiniteDistance(table, row);
        }
        for (Path run : List.of(out.resolve(TrainingRegime.FULL_BACKPROP.folder()).resolve("seed-1"),
                out.resolve(TrainingRegime.LAST_LAYER_ONLY.folder()).resolve("seed-1").resolve("adam"))) {
            assertRecordsWritten(run, 1);
            RichnessRecord record = JsonLinesReporter.read(run.resolve("richness.jsonl")).get(0);
            assertEquals(1024, record.probe().featureWidth(), "the paper's p = 1024 features");
        }
        RichnessRecord converged = JsonLinesReporter.read(out.resolve(TrainingRegime.LAST_LAYER_ONLY.folder())
                .resolve("seed-1").resolve("least-squares").resolve("richness.jsonl")).get(0);
        assertEquals(Provenance.TRAINING_PROBE, converged.provenance().probes().get(Provenance.SPECTRUM),
                "the converged readout's spectrum on the training features, as the trained readout's");
        double rich = table.cell(RegimeComparison.FULL_BACKPROP, 2).mean();
        double lazy = table.cell(RegimeComparison.LAST_LAYER_CONVERGED, 2).mean();
        double early = table.cell(trained, 2).mean();
        assertTrue(rich < lazy, "D_LR of full backprop " + rich + " below last layer only's " + lazy);
        assertTrue(early < lazy, "D_LR of the readout after 1 epoch " + early + " below its limit " + lazy);
        assertFrozenFeaturesKeepTheirKernel(table);
        assertTableWritten(out, table);
    }
}
