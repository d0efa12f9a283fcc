/**
 * Acting on richness during training: {@link io.github.richness.earlystopping.RichnessScoreCalculator}, a DL4J
 * early-stopping score that is a richness quantity of the model (D_LR by default), measured by a listener or
 * on a distributed probe.
 */
package io.github.richness.earlystopping;
