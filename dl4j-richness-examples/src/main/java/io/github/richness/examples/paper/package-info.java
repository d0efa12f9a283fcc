/**
 * The paper's experiments (Nam et al., ICLR 2026, section 4 and appendix H) scaled to a CPU, each a
 * {@code main} with {@code --help} and a {@code --full} profile that prints a table in the paper's form:
 * {@link io.github.richness.examples.paper.LabelEncodedMnist} (figure 1: rich dynamics without better
 * generalisation), {@link io.github.richness.examples.paper.MnistCnn} (table 3: full backpropagation versus
 * the last layer only) and {@link io.github.richness.examples.paper.Grokking} (table 3, figure 12: D_LR falls
 * across the grokking jump). {@code EXPERIMENTS.md} in this module puts the measured tables beside the
 * paper's. Built on {@code io.github.richness.examples.common} and {@code io.github.richness.examples.data}.
 */
package io.github.richness.examples.paper;
