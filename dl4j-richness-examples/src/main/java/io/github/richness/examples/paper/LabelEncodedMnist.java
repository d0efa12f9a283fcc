package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.data.LabelEncoding;
import io.github.richness.examples.data.MnistSplits;
import io.github.richness.examples.data.IdxReader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's figure 1, "rich dynamics ≠ better generalisation": a 4-layer ReLU MLP on label-encoded MNIST
 * ({@link LabelEncoding}: the true label one-hot in the first 10 pixels of training images, a random one in
 * test images), MSE on one-hot targets scaled by 1/α with α = 1/3, Adam 10⁻³, batch 128 (tables 9, 10),
 * trained with full backpropagation and with the last layer only. Full backpropagation learns the code
 * (rich, D_LR ≈ 0.009, test accuracy ≈ 10%); the last layer on frozen random features reads the image (lazy,
 * D_LR ≈ 0.63, ≈ 74%).
 *
 * <p>Defaults fit a 2-core CPU in a few minutes; {@code --full} trains 20 epochs (the paper: 100) with 3 seeds.
 * Initialisation U(±1/√fan_in) for weights (PyTorch's default for {@code nn.Linear}), zero biases.
 */
public final class LabelEncodedMnist {

    private static final long TEST_CODE_SEED = 12345;

    private LabelEncodedMnist() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        commandLine(CommandLine.given(args, "full")).parse(args).ifPresent(LabelEncodedMnist::run);
    }

    /**
     * @param full whether {@code --full} is given: it changes some defaults
     * @return the example's options with their defaults
     */
    static CommandLine commandLine(boolean full) {
        return ComparisonSettings.declare(CommandLine.of("LabelEncodedMnist",
                        "figure 1: 4-layer MLP on label-encoded MNIST, full backprop vs last layer only")
                .flag("full", "the longer run: 20 epochs, 3 seeds (changes the defaults below)")
                .option("epochs", full ? "20" : "5", "training epochs (the paper: 100)")
                .option("width", "256", "hidden units in each of the 3 hidden layers (the paper does not say)"),
                full, "0.3333333333", "5", new String[] {"400", "10"}, "richness-output/label-encoded-mnist");
    }

    /**
     * @param options the parsed options of {@link #main}
     * @return the results table
     */
    public static ResultsTable run(Options options) {
        MnistSplits digits = ComparisonSettings.digits(options);
        int width = options.integer("width");
        double learningRate = options.real("learning-rate");
        return RegimeComparison.run("Label-encoded MNIST, 4-layer MLP (figure 1)",
                seed -> network(width, learningRate, seed),
                LabelEncoding.withTrueLabels(digits.train()),
                LabelEncoding.withRandomLabels(digits.test(), TEST_CODE_SEED), ComparisonSettings.from(options));
    }

    /**
     * @param width hidden units per layer
     * @param learningRate Adam's learning rate
     * @param seed initialisation seed
     * @return the 4-layer MLP 784 → width → width → width → 10, MSE on identity outputs
     */
    static MultiLayerNetwork network(int width, double learningRate, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(learningRate)).weightInit(WeightInit.UNIFORM).list()
                .layer(new DenseLayer.Builder().nIn(IdxReader.PIXELS).nOut(width).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(IdxReader.CLASSES).build())
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
