package io.github.richness.examples.paper;

import java.nio.file.Path;

/**
 * How a {@link RegimeComparison} trains: the settings of table 10 scaled to a CPU, and how many seeds.
 *
 * @param epochs passes over the training digits
 * @param batchSize digits per minibatch (the paper: 128)
 * @param alpha the target scale α, targets y/α (table 9)
 * @param seeds how many seeds per regime, seeds 1, 2, ...
 * @param every measure and evaluate every this many epochs (the last epoch always)
 * @param output the folder for the records and the results table
 */
public record ComparisonSettings(int epochs, int batchSize, double alpha, int seeds, int every, Path output) {

    /** Checks the counts. */
    public ComparisonSettings {
        if (epochs < 1 || batchSize < 1 || seeds < 1 || every < 1) {
            throw new IllegalArgumentException("epochs, batch size, seeds and every must be at least 1, got "
                    + epochs + ", " + batchSize + ", " + seeds + ", " + every);
        }
    }
}
