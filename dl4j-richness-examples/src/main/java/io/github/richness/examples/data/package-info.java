/**
 * Data for the examples: MNIST handwritten digits — a reader for the IDX file format
 * ({@link io.github.richness.examples.data.IdxReader}), one split of digits held in memory
 * ({@link io.github.richness.examples.data.MnistDigits}, with 10,000 real digits embedded in this module and
 * the full database readable from a directory; {@link io.github.richness.examples.data.MnistSplits} picks
 * one of the two), a DL4J minibatch iterator over them
 * ({@link io.github.richness.examples.data.MnistDataSetIterator}) and the label encoding of the paper's
 * figure 1 ({@link io.github.richness.examples.data.LabelEncoding}) — and the modular-addition task of
 * grokking ({@link io.github.richness.examples.data.ModularArithmetic}).
 */
package io.github.richness.examples.data;
