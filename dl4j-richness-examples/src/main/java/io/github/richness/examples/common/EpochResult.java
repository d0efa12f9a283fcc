package io.github.richness.examples.common;

import io.github.richness.record.RichnessRecord;

/**
 * One evaluated epoch of an example's training: the numbers of its progress line.
 *
 * @param epoch the epoch, counting from 1 (0: the initial model, before any step)
 * @param loss DL4J's score on the last minibatch of the epoch: the loss plus any regularisation penalty
 * @param trainAccuracy argmax accuracy on the training-evaluation data
 * @param testAccuracy argmax accuracy on the test data
 * @param record the richness measurement taken at the end of this epoch (D_LR, eq. 4, and the rest)
 */
public record EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, RichnessRecord record) {
}
