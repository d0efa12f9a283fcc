package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.paper.RegimeComparison;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a CIFAR example's pipeline on a small synthetic set with a narrow network, and checks its output. */
final class CifarSmokeRuns {

    static final int EPOCHS = 2;
    static final String NARROW = "0.03125";
    static final int TRAIN = 64;
    static final int TEST = 32;

    private CifarSmokeRuns() {
    }

    /** The options of a smoke run: narrow, two epochs, {@link #TRAIN} training and {@link #TEST} test images. */
    static String[] arguments(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--width", NARROW, "--epochs", String.valueOf(EPOCHS),
                "--train-samples", String.valueOf(TRAIN), "--test-samples", String.valueOf(TEST), "--batch", "32", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Parses the shared CIFAR options as the examples' mains do. */
    static Options parse(CifarDataset dataset, String... args) {
        return CifarExperiment.commandLine("test", "test", dataset, "out").parse(args).orElseThrow();
    }

    /**
     * Checks that every epoch was measured, D_LR is finite (it is clamped to [0, 1], so a range check could not
     * fail; two epochs of a narrow network on 64 images order nothing) and the records are on disk.
     */
    static void checkSummary(TrainingSummary summary, Path out) {
        assertEquals(EPOCHS, summary.epochs().size());
        for (RichnessRecord record : summary.history()) {
            assertTrue(record.ok(), String.valueOf(record.failure()));
            double dlr = record.lowRankDistance();
            assertTrue(Double.isFinite(dlr), "D_LR finite: " + dlr);
            assertEquals(TEST, record.probe().testSamples(), "the whole test split is the probe");
        }
        assertTrue(Double.isFinite(summary.last().loss()));
        assertEquals(out, summary.output());
        List<RichnessRecord> written = JsonLinesReporter.read(out.resolve(TrainingLoop.JSON_LINES));
        assertEquals(EPOCHS, written.size());
        assertEquals(summary.lastRecord(), written.get(EPOCHS - 1));
        String table = readString(out.resolve(RegimeComparison.RESULTS_FILE));
        assertTrue(table.contains("| D_LR | D_eff |"), table);
        assertTrue(table.contains("width " + Double.parseDouble(NARROW)), table);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
