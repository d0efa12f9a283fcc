/**
 * Richness of a model trained on Spark, measured exactly on a distributed probe:
 * {@link io.github.richness.spark.SparkRichness} runs the listener's own pipeline on every partition of a
 * {@code JavaRDD<DataSet>} (the same capture, the same moments), ships only the moments, merges them with
 * {@code treeAggregate} and analyses them on the driver, the pattern of DL4J's own
 * {@code SparkDl4jMultiLayer.calculateScore} and {@code doEvaluation}. Spark is a {@code provided} dependency:
 * nothing outside this package loads it.
 */
package io.github.richness.spark;
