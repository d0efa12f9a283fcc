package io.github.richness.examples.paper;

import io.github.richness.examples.common.EpochResult;
import java.util.List;
import java.util.Optional;

/**
 * Where grokking happened in a run: the first evaluated epoch at which the test accuracy reaches
 * {@value #GENERALISED} (the jump); before it, the evaluated epochs at which the training pairs are memorised
 * (train accuracy at least {@value #MEMORISED}) while the test accuracy is still below {@value #NOT_GENERALISED}:
 * the first of them ("memorised", the paper's step 200 in figure 12: train 100%, test 5.2%, the start of the
 * plateau) and the last ("before", the last measurement before the jump); and the last epoch ("after", the
 * paper's step 3000), which must have generalised too.
 *
 * @param memorised the first memorised, not yet generalising epoch
 * @param before the last memorised, not yet generalising epoch before the jump
 * @param jump the first generalising epoch
 * @param after the last epoch
 */
public record GrokkingJump(EpochResult memorised, EpochResult before, EpochResult jump, EpochResult after) {

    /** Train accuracy that counts as memorised. */
    public static final double MEMORISED = 0.95;
    /** Test accuracy below which the model has not generalised (chance is 1/p). */
    public static final double NOT_GENERALISED = 0.1;
    /** Test accuracy that counts as generalised. */
    public static final double GENERALISED = 0.95;

    /**
     * @param epochs the evaluated epochs of a run, oldest first
     * @return the jump, or empty when the run did not memorise first and generalise later (no generalised
     *         epoch, no memorised low-test epoch before it, or a last epoch that fell back)
     */
    public static Optional<GrokkingJump> find(List<EpochResult> epochs) {
        Optional<EpochResult> jump = epochs.stream().filter(e -> e.testAccuracy() >= GENERALISED).findFirst();
        if (jump.isEmpty() || epochs.get(epochs.size() - 1).testAccuracy() < GENERALISED) {
            return Optional.empty();
        }
        List<EpochResult> plateau = epochs.stream()
                .filter(e -> e.epoch() < jump.get().epoch())
                .filter(e -> e.trainAccuracy() >= MEMORISED && e.testAccuracy() < NOT_GENERALISED)
                .toList();
        if (plateau.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GrokkingJump(plateau.get(0), plateau.get(plateau.size() - 1), jump.get(),
                epochs.get(epochs.size() - 1)));
    }
}
