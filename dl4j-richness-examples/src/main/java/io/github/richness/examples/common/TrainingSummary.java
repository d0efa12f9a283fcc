package io.github.richness.examples.common;

import io.github.richness.record.RichnessRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * What an example's {@link TrainingLoop} hands back: every evaluated epoch in order, the listener's history
 * and the folder its files went to.
 *
 * @param output the output folder holding {@code richness.jsonl} and {@code richness.csv}
 * @param epochs the evaluated epochs, oldest first, the last epoch always among them
 * @param history the listener's records, oldest first
 */
public record TrainingSummary(Path output, List<EpochResult> epochs, List<RichnessRecord> history) {

    /** Copies the lists; there must be at least one evaluated epoch. */
    public TrainingSummary {
        epochs = List.copyOf(epochs);
        history = List.copyOf(history);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a training summary needs at least one evaluated epoch");
        }
    }

    /** @return the last evaluated epoch */
    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** @return train accuracy after the last epoch */
    public double trainAccuracy() {
        return last().trainAccuracy();
    }

    /** @return test accuracy after the last epoch */
    public double testAccuracy() {
        return last().testAccuracy();
    }

    /** @return the richness record of the last epoch */
    public RichnessRecord lastRecord() {
        return last().record();
    }
}
