package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.EpochResult;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistSplits;
import io.github.richness.record.RichnessRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains one network per setting of a training factor (batch norm on or off, a learning rate, a weight decay)
 * and seed on MNIST digits with full backpropagation, and collects the paper's table 3 / 8 row for each: train
 * and test accuracy, D_LR (eq. 4) with the record's standard error, the projection D_LR and S_init, measured
 * by the {@code RichnessListener} of the {@link TrainingLoop} (training probe, held-out probe) after the last
 * epoch. Seed = initialisation and minibatch order. Each run writes to {@code <output>/<setting>/seed-<s>/};
 * the table goes to {@code <output>/results.md}.
 *
 * @param epochs passes over the training digits
 * @param batchSize digits per minibatch (the paper: 128)
 * @param alpha the target scale α, targets one-hot / α (table 9)
 * @param firstSeed the first seed
 * @param seeds how many seeds per setting: firstSeed, firstSeed + 1, ...
 * @param output the folder for the records and the table
 */
public record SettingSweep(int epochs, int batchSize, double alpha, int firstSeed, int seeds, Path output) {

    /** The columns after train accuracy, test accuracy and D_LR. */
    public static final List<String> EXTRA_COLUMNS = List.of("D_LR se", "D_LR (projection)", "S_init");
    private static final int EVALUATION_BATCH = 1000;

    /** Checks the counts. */
    public SettingSweep {
        if (epochs < 1 || batchSize < 1 || seeds < 1) {
            throw new IllegalArgumentException("epochs, batch size and seeds must be at least 1, got " + epochs
                    + ", " + batchSize + ", " + seeds);
        }
    }

    /**
     * Declares the options every sweep example has, after its own (which include {@code epochs}).
     *
     * @param commandLine the example's command line with its own options
     * @param full whether {@code --full} is given: 3 seeds instead of {@code seeds}
     * @param seeds the default seeds without {@code --full}
     * @param trainSamples the default training digits
     * @param testSamples the default test digits (the held-out probe)
     * @param alpha the default target scale α
     * @param output the default output folder
     * @return the command line
     */
    static CommandLine declare(CommandLine commandLine, boolean full, int seeds, String trainSamples,
                               String testSamples, String alpha, String output) {
        return commandLine
                .option("seeds", full ? "3" : Integer.toString(seeds), "seeds per setting")
                .option("first-seed", "1", "the first seed: the seeds are first-seed, first-seed + 1, ...")
                .option("train-samples", trainSamples, "training digits (at most what the source has)")
                .option("test-samples", testSamples, "test digits, the held-out probe (at most what the source has)")
                .option("batch", "128", "minibatch size")
                .option("alpha", alpha, "target scale α: targets are one-hot / α")
                .option("data", "", "directory with the full MNIST IDX files; without it, the embedded 10,000 digits")
                .option("out", output, "output folder");
    }

    /**
     * @param options options declared with {@link #declare} and an {@code epochs} option
     * @return the sweep they give
     */
    static SettingSweep from(Options options) {
        return new SettingSweep(options.integer("epochs"), options.integer("batch"), options.real("alpha"),
                options.integer("first-seed"), options.integer("seeds"), options.path("out"));
    }

    /**
     * @param options options declared with {@link #declare}
     * @return the digits they name
     */
    static MnistSplits digits(Options options) {
        return MnistSplits.load(options.optionalPath("data"), options.integer("train-samples"),
                options.integer("test-samples"));
    }

    /**
     * @param title the table's caption
     * @param settings the settings in table order: row name → network from a seed
     * @param digits the training and test digits
     * @return the table, already logged and written to {@code results.md}
     */
    public ResultsTable run(String title, Map<String, LongFunction<MultiLayerNetwork>> settings, MnistSplits digits) {
        ResultsTable table = new ResultsTable(title, EXTRA_COLUMNS);
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
            for (Map.Entry<String, LongFunction<MultiLayerNetwork>> setting : settings.entrySet()) {
                MnistDataSetIterator train = new MnistDataSetIterator(digits.train(), batchSize, seed);
                train.setPreProcessor(new ScaledTargets(alpha));
                EpochResult last = TrainingLoop.builder(setting.getValue().apply(seed), train,
                                new MnistDataSetIterator(digits.test(), EVALUATION_BATCH))
                        .trainEvaluation(new MnistDataSetIterator(digits.train(), EVALUATION_BATCH))
                        .epochs(epochs)
                        .every(epochs)
                        .output(output.resolve(folder(setting.getKey())).resolve("seed-" + seed))
                        .label(setting.getKey() + ", seed " + seed)
                        .build()
                        .run()
                        .last();
                RichnessRecord record = last.record();
                table.add(setting.getKey(), last.trainAccuracy(), last.testAccuracy(), record.lowRankDistance(),
                        record.distances().standardErrors().lowRankDistance(),
                        record.distances().projectionLowRankDistance(), record.baselines().kernelSimilarityToInit());
            }
        }
        table.write(output.resolve(RegimeComparison.RESULTS_FILE));
        return table;
    }

    /**
     * @param setting a row name such as "learning rate 0.05"
     * @return its folder name: lower case, runs of other characters than letters, digits, dots and minus signs
     *         replaced by one minus sign
     */
    static String folder(String setting) {
        return setting.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]+", "-");
    }
}
