/**
 * CIFAR-10/100 for the ResNet18 and VGG16 examples: the standard binary files read from a directory
 * ({@link io.github.richness.examples.cifar.CifarBinaryReader}) into an in-memory split
 * ({@link io.github.richness.examples.cifar.CifarImages}), a synthetic stand-in with class structure for runs
 * without the data ({@link io.github.richness.examples.cifar.SyntheticCifar}), the paper's augmentation and
 * normalisation ({@link io.github.richness.examples.cifar.CifarAugmentation}) and a DL4J minibatch iterator
 * ({@link io.github.richness.examples.cifar.CifarDataSetIterator}); and the two networks with the paper's
 * training recipes (appendix H, table 10).
 */
package io.github.richness.examples.cifar;
