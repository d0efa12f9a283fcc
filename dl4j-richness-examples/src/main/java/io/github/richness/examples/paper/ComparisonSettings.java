package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.data.MnistSplits;
import java.nio.file.Path;

/**
 * How a {@link RegimeComparison} trains: the settings of table 10 scaled to a CPU, and how many seeds; with
 * the command-line options the MNIST comparison examples share.
 *
 * @param epochs passes over the training digits
 * @param batchSize digits per minibatch (the paper: 128)
 * @param alpha the target scale α, targets y/α (table 9)
 * @param seeds how many seeds per regime, seeds 1, 2, ...
 * @param every measure and evaluate every this many epochs (the last epoch always)
 * @param output the folder for the records and the results table
 * @param readoutEpochs epochs of last-layer-only training on the frozen features ({@link LazyReadout})
 * @param readoutEvery measure the readout every this many epochs (the last always)
 * @param layers whether to measure every layer with parameters too (layer-wise richness, {@code --layers})
 */
public record ComparisonSettings(int epochs, int batchSize, double alpha, int seeds, int every, Path output,
                                 int readoutEpochs, int readoutEvery, boolean layers) {

    /** Checks the counts. */
    public ComparisonSettings {
        if (epochs < 1 || batchSize < 1 || seeds < 1 || every < 1 || readoutEpochs < 1 || readoutEvery < 1) {
            throw new IllegalArgumentException("epochs, batch size, seeds, every, readout epochs and readout every"
                    + " must be at least 1, got " + epochs + ", " + batchSize + ", " + seeds + ", " + every + ", "
                    + readoutEpochs + ", " + readoutEvery);
        }
    }

    /**
     * Declares the options every MNIST comparison example has, after its own.
     *
     * @param commandLine the example's command line with its own options
     * @param full whether {@code --full} is given: 3 seeds instead of 1, and {@code fullEvery}
     * @param alpha the default target scale α
     * @param fullEvery how often to measure under {@code --full} (every epoch otherwise)
     * @param fullReadout the readout's epochs and measurement interval under {@code --full}, e.g. {@code "400", "10"}
     * @param output the default output folder
     * @return the command line
     */
    static CommandLine declare(CommandLine commandLine, boolean full, String alpha, String fullEvery,
                               String[] fullReadout, String output) {
        return commandLine
                .option("readout-epochs", full ? fullReadout[0] : "20",
                        "epochs of last-layer-only training on the frozen features (then its least-squares limit)")
                .option("readout-every", full ? fullReadout[1] : "5", "measure the trained readout every N epochs")
                .option("seeds", full ? "3" : "1", "seeds per regime")
                .option("train-samples", "60000", "training digits (at most what the source has)")
                .option("test-samples", "10000", "test digits (at most what the source has)")
                .option("batch", "128", "minibatch size")
                .option("alpha", alpha, "target scale α: targets are one-hot / α")
                .option("learning-rate", "0.001", "Adam learning rate")
                .option("every", full ? fullEvery : "1", "measure and evaluate every N epochs")
                .option("data", "", "directory with the full MNIST IDX files; without it, the embedded 10,000 digits")
                .option("out", output, "output folder")
                .flag("layers", "also measure every layer with parameters (layer-wise D_LR and S_init, appendix I)");
    }

    /**
     * @param options options declared with {@link #declare} and an {@code epochs} option
     * @return the settings they give
     */
    static ComparisonSettings from(Options options) {
        return new ComparisonSettings(options.integer("epochs"), options.integer("batch"), options.real("alpha"),
                options.integer("seeds"), options.integer("every"), options.path("out"),
                options.integer("readout-epochs"), options.integer("readout-every"), options.flag("layers"));
    }

    /**
     * @param options options declared with {@link #declare}
     * @return the digits they name
     */
    static MnistSplits digits(Options options) {
        return MnistSplits.load(options.optionalPath("data"), options.integer("train-samples"),
                options.integer("test-samples"));
    }
}
