/**
 * Step two of the data flow (capture → <b>moments</b> → maths → record → reporters): additive,
 * mergeable statistics of a probe set.
 *
 * <p>{@link io.github.richness.moments.ProbeMoments} turns minibatches of activations into the statistics
 * from which {@code io.github.richness.core} computes every number of the paper and the debiased D_LR. It is a
 * facade over parts with one job each: the Chan-merged count, mean and centred co-moment
 * ({@code CentredMoments}), the reusable double-precision copy of a minibatch ({@code MinibatchBuffer}), the
 * row-norm sums of the unbiased HSIC ({@code RowNormSums}, whose Javadoc derives them and their merge rule)
 * and the per-class statistics ({@code ClassStatistics}). {@link io.github.richness.moments.BlockedMoments}
 * adds interleaved block accumulators for the jackknife standard errors, within the memory that an
 * {@link io.github.richness.moments.ErrorBarPlan} allows. The package knows nothing of DL4J models, only of
 * ND4J arrays.
 */
package io.github.richness.moments;
