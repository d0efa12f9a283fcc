package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.data.IdxReader;
import io.github.richness.examples.data.MnistSplits;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's table 3 row "MNIST CNN" and figure 16, "generalisation does not imply the rich regime": a CNN
 * whose penultimate layer has p = 1024 features, trained on MNIST with full backpropagation (rich, the
 * paper's D_LR 0.043, test 99.1%) and with the last layer only (lazy, D_LR 0.51, test 96.8%).
 *
 * <p>The paper gives only the width p = 1024; the layers here are conv 5×5 (c₁ channels, ReLU) → max-pool
 * 2×2 → conv 5×5 (c₂ channels, ReLU) → max-pool 2×2 → dense 1024 (ReLU) → linear 10, MSE on one-hot targets
 * (α = 1), Adam 10⁻³ with weight decay 10⁻³ (L2 on the weights, as PyTorch's {@code Adam(weight_decay)}; the
 * richest of the paper's table 3 weight-decay rows, ResNet18 on CIFAR-10), batch 128, weights U(±1/√fan_in)
 * (PyTorch's default), zero biases. Without weight decay the features keep unequal class variances after the
 * few hundred steps a CPU affords, and full backpropagation reads D_LR ≈ 0.09 instead of the paper's 0.043
 * (EXPERIMENTS.md §4.2). Defaults fit a 2-core CPU; {@code --full} trains longer with 3 seeds.
 */
public final class MnistCnn {

    /** The default L2 coefficient ({@code --weight-decay}): 10⁻³, the paper's richest weight-decay row (table 3). */
    static final String WEIGHT_DECAY = "1e-3";
    private static final int FEATURES = 1024;
    private static final int KERNEL = 5;
    private static final int POOL = 2;

    private MnistCnn() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        commandLine(CommandLine.given(args, "full")).parse(args).ifPresent(MnistCnn::run);
    }

    /**
     * @param full whether {@code --full} is given: it changes some defaults
     * @return the example's options with their defaults
     */
    static CommandLine commandLine(boolean full) {
        return ComparisonSettings.declare(CommandLine.of("MnistCnn",
                        "table 3 / figure 16: CNN (p = 1024) on MNIST, full backprop vs last layer only")
                .flag("full", "the longer run: 5 epochs measured after the 1st, 3rd and 5th, 3 seeds, 100 readout epochs"
                        + " measured every 25 (changes the defaults below)")
                .option("epochs", full ? "5" : "2", "training epochs")
                .option("channels", "16,32", "channels of the two convolutions")
                .option("weight-decay", WEIGHT_DECAY, "L2 coefficient on the weights, added to their gradient"
                        + " before Adam (PyTorch's Adam weight_decay; 0: none)"),
                full, "1", "2", new String[] {"100", "25"}, "richness-output/mnist-cnn");
    }

    /**
     * @param options the parsed options of {@link #main}
     * @return the results table
     */
    public static ResultsTable run(Options options) {
        MnistSplits digits = ComparisonSettings.digits(options);
        String[] channels = options.string("channels").split(",");
        if (channels.length != 2) {
            throw new IllegalArgumentException("--channels takes two counts such as 16,32, got " + options.string("channels"));
        }
        int first = Integer.parseInt(channels[0].trim());
        int second = Integer.parseInt(channels[1].trim());
        double learningRate = options.real("learning-rate");
        double weightDecay = options.real("weight-decay");
        return RegimeComparison.run("MNIST CNN, p = 1024 (table 3, figure 16)",
                seed -> network(first, second, learningRate, weightDecay, seed), digits.train(), digits.test(),
                ComparisonSettings.from(options));
    }

    /**
     * @param firstChannels channels of the first convolution
     * @param secondChannels channels of the second convolution
     * @param learningRate Adam's learning rate
     * @param weightDecay the L2 coefficient λ on the weights (not the biases): λW is added to W's gradient
     *        before Adam, as PyTorch's {@code Adam(weight_decay = λ)} does; 0 for none
     * @param seed initialisation seed
     * @return the CNN on flat 784-pixel input, MSE on identity outputs
     */
    static MultiLayerNetwork network(int firstChannels, int secondChannels, double learningRate, double weightDecay,
                                     long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(learningRate)).l2(weightDecay).weightInit(WeightInit.UNIFORM).list()
                .layer(new ConvolutionLayer.Builder(KERNEL, KERNEL).nOut(firstChannels).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(POOL, POOL).stride(POOL, POOL).build())
                .layer(new ConvolutionLayer.Builder(KERNEL, KERNEL).nOut(secondChannels).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(POOL, POOL).stride(POOL, POOL).build())
                .layer(new DenseLayer.Builder().nOut(FEATURES).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(IdxReader.CLASSES).build())
                .setInputType(InputType.convolutionalFlat(IdxReader.ROWS, IdxReader.COLUMNS, 1))
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
