/**
 * Step two of the data flow (capture → <b>moments</b> → maths → record → reporters): additive,
 * mergeable second moments of a probe set.
 *
 * <p>{@link io.github.richness.moments.ProbeMoments} turns minibatches of activations into the statistics
 * from which {@code io.github.richness.core} computes every number of the paper. It knows nothing of DL4J
 * models, only of ND4J arrays.
 */
package io.github.richness.moments;
