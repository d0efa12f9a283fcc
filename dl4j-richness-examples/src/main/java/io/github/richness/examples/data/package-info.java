/**
 * MNIST handwritten digits for the examples: a reader for the IDX file format
 * ({@link io.github.richness.examples.data.IdxReader}), one split of digits held in memory
 * ({@link io.github.richness.examples.data.MnistDigits}, with 10,000 real digits embedded in this module and
 * the full database readable from a directory) and a DL4J minibatch iterator over them
 * ({@link io.github.richness.examples.data.MnistDataSetIterator}).
 */
package io.github.richness.examples.data;
