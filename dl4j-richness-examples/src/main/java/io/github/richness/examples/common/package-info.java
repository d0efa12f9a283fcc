/**
 * What every example shares: its command line ({@link io.github.richness.examples.common.CommandLine},
 * {@link io.github.richness.examples.common.Options}), the training loop that attaches the richness listener,
 * evaluates and logs one progress line per epoch ({@link io.github.richness.examples.common.TrainingLoop},
 * {@link io.github.richness.examples.common.TrainingSummary}), and the results table in the paper's form
 * ({@link io.github.richness.examples.common.ResultsTable}). Uses the listener library; the example classes
 * use this package.
 */
package io.github.richness.examples.common;
