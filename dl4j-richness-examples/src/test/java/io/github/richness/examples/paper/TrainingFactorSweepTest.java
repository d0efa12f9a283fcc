package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.paper.TrainingFactorSweep.Factor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of the learning-rate and weight-decay sweeps on a few hundred digits, one epoch, one seed: every
 * value trains, measures and writes. Which orderings are asserted is stated at each test.
 */
class TrainingFactorSweepTest {

    @Test
    void learningRateSweepRunsEveryValue(@TempDir Path out) throws Exception {
        ResultsTable table = sweep(Factor.LEARNING_RATE, "0.005,0.2", out);
        assertRun(table, out, Factor.LEARNING_RATE, "0.005");
        assertRun(table, out, Factor.LEARNING_RATE, "0.2");
        assertTableWritten(out, table);
    }

    @Test
    void weightDecaySweepRunsEveryValue(@TempDir Path out) throws Exception {
        ResultsTable table = sweep(Factor.WEIGHT_DECAY, "0,1e-3", out);
        assertRun(table, out, Factor.WEIGHT_DECAY, "0");
        assertRun(table, out, Factor.WEIGHT_DECAY, "1e-3");
        assertTableWritten(out, table);
    }

    @Test
    void factorOptionNamesTheFactor() {
        assertEquals(Factor.WEIGHT_DECAY, Factor.parse("weight-decay"));
        assertEquals("learning rate 0.05", TrainingFactorSweep.row(Factor.LEARNING_RATE, "0.05"));
    }

    private static ResultsTable sweep(Factor factor, String values, Path out) {
        String option = factor == Factor.LEARNING_RATE ? "learning-rate" : "weight-decay";
        return TrainingFactorSweep.run(TrainingFactorSweep.commandLine(false, factor).parse("--factor", option,
                "--values", values, "--epochs", "1", "--train-samples", "256", "--test-samples", "128",
                "--width", "32", "--out", out.toString()).orElseThrow());
    }

    private static void assertRun(ResultsTable table, Path out, Factor factor, String value) throws Exception {
        String row = TrainingFactorSweep.row(factor, value);
        assertAccuraciesAndFiniteDistance(table, row);
        assertRecordsWritten(out.resolve(SettingSweep.folder(row)).resolve("seed-1"), 1);
    }
}
