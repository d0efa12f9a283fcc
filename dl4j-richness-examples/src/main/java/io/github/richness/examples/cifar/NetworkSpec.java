package io.github.richness.examples.cifar;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * What both CIFAR networks are built from: the number of classes, a width multiplier on every layer's channel
 * count (1 is the real network; smaller values give narrow networks for tests), the loss, the training
 * recipe and the initialisation seed.
 *
 * @param classes the number of classes
 * @param width the width multiplier, positive
 * @param loss the loss
 * @param recipe the optimiser settings
 * @param seed the seed of the weight initialisation
 */
public record NetworkSpec(int classes, double width, CifarLoss loss, CifarRecipe recipe, long seed) {

    /** Checks the values. */
    public NetworkSpec {
        if (classes < 2) {
            throw new IllegalArgumentException("at least 2 classes are needed, got " + classes);
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("the width multiplier must be positive, got " + width);
        }
    }

    /**
     * @param baseChannels the channel count of the real network
     * @return {@code baseChannels × width}, rounded, at least 1
     */
    public int channels(int baseChannels) {
        return Math.max(1, (int) Math.round(baseChannels * width));
    }

    /**
     * @return the shared configuration: seed, the recipe's updater and L2 weight decay, He initialisation
     *         (the usual one for ReLU networks), explicit padding as in PyTorch
     */
    public NeuralNetConfiguration.Builder configuration() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(recipe.updater())
                .l2(recipe.weightDecay())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate);
    }
}
