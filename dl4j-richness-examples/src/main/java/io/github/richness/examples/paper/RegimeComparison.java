package io.github.richness.examples.paper;

import io.github.richness.capture.LayerSelection;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.record.RichnessRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains one network architecture on MNIST digits with full backpropagation and with the last layer only
 * ({@link TrainingRegime}), for several seeds, and collects the paper's table: train and test accuracy, D_LR
 * (eq. 4) and, from section 4.1 and 5, the projection D_LR, D_eff(ρ) (eq. 9), S_init and NC1. Used by the
 * label-encoded MNIST example (figure 1) and the MNIST CNN example (table 3).
 *
 * <p>Each run writes its records to {@code <output>/<regime>/seed-<s>/}; the table goes to
 * {@code <output>/results.md}.
 */
public final class RegimeComparison {

    /** The columns after train accuracy, test accuracy and D_LR. */
    public static final List<String> EXTRA_COLUMNS = List.of("D_LR (projection)", "D_eff", "S_init", "NC1");
    /** The file name of the results table in the output folder. */
    public static final String RESULTS_FILE = "results.md";
    private static final int EVALUATION_BATCH = 1000;

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
        for (int seed = 1; seed <= settings.seeds(); seed++) {
            for (TrainingRegime regime : TrainingRegime.values()) {
                MultiLayerNetwork network = regime.prepare(networks.apply(seed));
                MnistDataSetIterator trainIterator = new MnistDataSetIterator(train, settings.batchSize(), seed);
                trainIterator.setPreProcessor(new ScaledTargets(settings.alpha()));
                Path out = settings.output().resolve(regime.name().toLowerCase(Locale.ROOT)).resolve("seed-" + seed);
                TrainingSummary summary = TrainingLoop.builder(network, trainIterator,
                                new MnistDataSetIterator(test, EVALUATION_BATCH))
                        .trainEvaluation(new MnistDataSetIterator(train, EVALUATION_BATCH))
                        .epochs(settings.epochs())
                        .every(settings.every())
                        .output(out)
                        .label(regime.label() + ", seed " + seed)
                        .listener(listener -> settings.layers()
                                ? listener.layers(LayerSelection.everyLayerWithParameters()) : listener)
                        .build()
                        .run();
                RichnessRecord last = summary.lastRecord();
                table.add(regime.label(), summary.trainAccuracy(), summary.testAccuracy(), last.lowRankDistance(),
                        last.distances().projectionLowRankDistance(), last.spectra().effectiveDimension(), last.baselines().kernelSimilarityToInit(),
                        last.baselines().nc1());
            }
        }
        table.write(settings.output().resolve(RESULTS_FILE));
        return table;
    }
}
