package io.github.richness.examples.paper;

import io.github.richness.capture.LayerSelection;
import io.github.richness.examples.common.EpochResult;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Run;
import io.github.richness.report.figure.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network architecture on MNIST digits with full backpropagation and with the last layer only
 * ({@link TrainingRegime}), for several seeds, and collects the paper's table: train and test accuracy, D_LR
 * (eq. 4) and, from section 4.1 and 5, the projection D_LR, D_eff(ρ) (eq. 9), S_init and NC1. Used by the
 * label-encoded MNIST example (figure 1) and the MNIST CNN example (table 3).
 *
 * <p>The last layer alone is run to convergence ({@link LazyReadout}): the table has its least-squares limit
 * (the paper's lazy row) and, beside it, the readout trained with the network's updater for the given epochs,
 * whose records show D_LR approaching that limit step by step. Full backpropagation writes its records to
 * {@code <output>/full_backprop/seed-<s>/}, the readouts to {@code <output>/last_layer_only/seed-<s>/adam/} and
 * {@code .../least-squares/}, the seeds' readout curves (D_LR against the step) to
 * {@code <output>/last_layer_only/report/}; the table goes to {@code <output>/results.md}.
 */
public final class RegimeComparison {

    /** The columns after train accuracy, test accuracy and D_LR. */
    public static final List<String> EXTRA_COLUMNS = List.of("D_LR se", "lazy reference", "D_LR (projection)", "D_eff",
            "S_init", "NC1");
    /** The file name of the results table in the output folder. */
    public static final String RESULTS_FILE = "results.md";
    /** The row of full backpropagation. */
    public static final String FULL_BACKPROP = TrainingRegime.FULL_BACKPROP.label();
    /** The row of the last layer at its converged limit, the least-squares readout ({@link LazyReadout}). */
    public static final String LAST_LAYER_CONVERGED = TrainingRegime.LAST_LAYER_ONLY.label() + ", converged (least squares)";
    private static final int EVALUATION_BATCH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RegimeComparison.class);

    private RegimeComparison() {
    }

    /**
     * @param title the table's caption
     * @param networks makes a freshly initialised network from a seed (the same seed gives the same network)
     * @param train the training digits
     * @param test the test digits: test accuracy and the listener's probe
     * @param settings epochs, batch size, α, seeds, output
     * @return the table, already logged and written to {@code results.md}
     */
    public static ResultsTable run(String title, LongFunction<MultiLayerNetwork> networks, MnistDigits train,
                                   MnistDigits test, ComparisonSettings settings) {
        ResultsTable table = new ResultsTable(title, EXTRA_COLUMNS);
        List<Run> readouts = new ArrayList<>();
        for (int seed = 1; seed <= settings.seeds(); seed++) {
            MnistDataSetIterator trainIterator = new MnistDataSetIterator(train, settings.batchSize(), seed);
            trainIterator.setPreProcessor(new ScaledTargets(settings.alpha()));
            String fullLabel = TrainingRegime.FULL_BACKPROP.label() + ", seed " + seed;
            TrainingSummary full = TrainingLoop.builder(networks.apply(seed), trainIterator,
                            new MnistDataSetIterator(test, EVALUATION_BATCH))
                    .trainEvaluation(new MnistDataSetIterator(train, EVALUATION_BATCH))
                    .epochs(settings.epochs())
                    .every(settings.every())
                    .output(folder(settings, TrainingRegime.FULL_BACKPROP, seed))
                    .label(fullLabel)
                    .listener(listener -> settings.layers()
                            ? listener.layers(LayerSelection.everyLayerWithParameters()) : listener)
                    .build()
                    .run();
            LazyReadout.Outcome lazy = LazyReadout.run(networks.apply(seed), train, test, settings.readoutEpochs(),
                    settings.readoutEvery(), settings, seed, folder(settings, TrainingRegime.LAST_LAYER_ONLY, seed),
                    TrainingRegime.LAST_LAYER_ONLY.label() + ", seed " + seed);
            add(table, FULL_BACKPROP, full.last(), lazy.lazyReference());
            add(table, LAST_LAYER_CONVERGED, lazy.converged(), lazy.lazyReference());
            add(table, lastLayerTrained(settings.readoutEpochs()), lazy.trained().last(), lazy.lazyReference());
            readouts.add(new Run("seed " + seed, null, lazy.trained().history()));
        }
        table.write(settings.output().resolve(RESULTS_FILE));
        writeReadoutFigure(readouts, settings.output().resolve(TrainingRegime.LAST_LAYER_ONLY.folder()));
        return table;
    }

    /**
     * @param epochs the readout's training epochs
     * @return the table row of the last layer trained by the network's updater for that many epochs
     */
    public static String lastLayerTrained(int epochs) {
        return TrainingRegime.LAST_LAYER_ONLY.label() + ", trained " + epochs + " epochs";
    }

    /**
     * @param settings the comparison's settings
     * @param regime a regime
     * @param seed a seed
     * @return the folder of that run
     */
    static Path folder(ComparisonSettings settings, TrainingRegime regime, long seed) {
        return settings.output().resolve(regime.folder()).resolve("seed-" + seed);
    }

    /** The seeds' readout curves on one page; a figure that cannot be written is a warning, as in the loop. */
    private static void writeReadoutFigure(List<Run> readouts, Path folder) {
        Path report = folder.resolve(TrainingLoop.REPORT);
        try {
            LOG.info("D_LR of the trained readouts against the step: {}",
                    HtmlReport.writeRuns(readouts, report, "Last layer only: D_LR against the training step").toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.warn("the readouts' figure could not be written to {}: {}", report, e.toString());
        }
    }

    private static void add(ResultsTable table, String setting, EpochResult result, double lazyReference) {
        RichnessRecord last = result.record();
        table.add(setting, result.trainAccuracy(), result.testAccuracy(), last.lowRankDistance(),
                last.distances().standardErrors().lowRankDistance(), lazyReference, last.distances().projectionLowRankDistance(), last.spectra().effectiveDimension(),
                last.baselines().kernelSimilarityToInit(), last.baselines().nc1());
    }
}
