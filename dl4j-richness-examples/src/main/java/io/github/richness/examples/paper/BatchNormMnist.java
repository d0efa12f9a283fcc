package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.data.IdxReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's section 4.2 / table 8 row "VGG-16 on CIFAR-100 without / with batch normalization" (D_LR 0.66
 * against 0.073, eq. 4: batch norm promotes rich dynamics), scaled to a CPU: a VGG-style CNN on the embedded
 * MNIST digits, trained twice with the same recipe, once plain and once with a {@link BatchNormalization}
 * between every convolution and its ReLU (as {@code Vgg16Cifar --batch-norm} does).
 *
 * <p>The network: per entry of {@code --channels}, a 3×3 convolution (padding 1) → [batch norm] → ReLU, and a
 * max-pool 2×2 after every {@code --pool-every} convolutions (VGG's blocks: 1 gives one convolution per block,
 * 2 two; three pools: 28 → 14 → 7 → 3), then per entry of {@code --dense} a fully connected ReLU layer without
 * batch norm (VGG16's classifier head, as in torchvision's {@code vgg16_bn}, whose batch norms are in the
 * convolution blocks only), then the linear output layer. The features Φ are the last dense layer's output,
 * as in VGG16, whose penultimate layer is its 4,096-wide fully connected one (the paper's figure 22); with a
 * blank {@code --dense} they are the flattened convolution features (p = 9 × the last channel count). The
 * defaults are the setting of EXPERIMENTS.md section 6.1 where the paper's ordering shows: two dense layers
 * of 512 on 512 training digits for 80 epochs, until both networks fit them (the paper's appendix I reads
 * VGG16 without batch norm as "training primarily affects the final fully connected layers"; without the
 * head the ordering does not show, section 6.1). The recipe is the paper's for figure 3 (table 10):
 * SGD with momentum 0.9 (DL4J's Nesterov form, see {@code CifarRecipe}), learning rate 10⁻², L2 weight decay
 * 10⁻⁵, MSE on one-hot targets / α with α = 1/10 (table 9), batch 128; He initialisation, zero biases.
 * Defaults: 3 seeds in about 10 minutes on a loaded 2-core CPU; {@code --full} widens the head to two layers
 * of 1,024 and measures on 2,000 test digits (n above p), a width check whose ordering is not robust at 80
 * epochs (section 6.1).
 */
public final class BatchNormMnist {

    /** The row of the plain network. */
    public static final String WITHOUT = "without batch norm";
    /** The row of the network with batch norm after every convolution. */
    public static final String WITH = "with batch norm";
    private static final int KERNEL = 3;
    private static final int POOL = 2;
    private static final double MOMENTUM = 0.9;

    private BatchNormMnist() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        commandLine(CommandLine.given(args, "full")).parse(args).ifPresent(BatchNormMnist::run);
    }

    /**
     * @param full whether {@code --full} is given: it changes some defaults
     * @return the example's options with their defaults
     */
    static CommandLine commandLine(boolean full) {
        return SettingSweep.declare(CommandLine.of("BatchNormMnist",
                        "table 8: VGG-style CNN on MNIST digits without and with batch norm after every convolution")
                .flag("full", "the wider head: two dense layers of 1,024 measured on 2,000 test digits"
                        + " (changes the defaults below)")
                .option("epochs", "80", "training epochs (the paper: 400)")
                .option("channels", "8,16,32", "channels of the 3×3 convolutions, one entry each")
                .option("pool-every", "1", "convolutions per block: a 2×2 max-pool after every this many")
                .option("dense", full ? "1024,1024" : "512,512", "widths of the hidden fully connected ReLU layers"
                        + " after the convolutions; blank for none (the output layer then reads the flattened"
                        + " convolution features)")
                .option("learning-rate", "0.01", "SGD learning rate (the paper's VGG16 recipe)")
                .option("weight-decay", "1e-5", "L2 weight decay λ (the paper's VGG16 recipe)"),
                full, 3, "512", full ? "2000" : "1000", "0.1", "richness-output/batch-norm-mnist");
    }

    /**
     * @param options the parsed options of {@link #main}
     * @return the results table, rows {@link #WITHOUT} and {@link #WITH}
     */
    public static ResultsTable run(Options options) {
        int[] channels = widths(options.string("channels"));
        int poolEvery = options.integer("pool-every");
        int[] dense = widths(options.string("dense"));
        double learningRate = options.real("learning-rate");
        double weightDecay = options.real("weight-decay");
        Map<String, LongFunction<MultiLayerNetwork>> settings = new LinkedHashMap<>();
        settings.put(WITHOUT, seed -> network(channels, poolEvery, dense, false, learningRate, weightDecay, seed));
        settings.put(WITH, seed -> network(channels, poolEvery, dense, true, learningRate, weightDecay, seed));
        return SettingSweep.from(options).run("Batch norm, VGG-style CNN on MNIST digits (table 8)", settings,
                SettingSweep.digits(options));
    }

    /**
     * @param channels the convolutions' channel counts, one entry each
     * @param poolEvery convolutions per block: a max-pool follows every this many
     * @param dense the widths of the hidden fully connected ReLU layers between the convolutions and the
     *        output layer (never batch-normalised, as in torchvision's {@code vgg16_bn}); may be empty
     * @param batchNorm whether a batch normalisation follows every convolution
     * @param learningRate SGD's learning rate
     * @param weightDecay the L2 coefficient
     * @param seed initialisation seed
     * @return the initialised network on flat 784-pixel input, MSE on identity outputs
     */
    static MultiLayerNetwork network(int[] channels, int poolEvery, int[] dense, boolean batchNorm, double learningRate, double weightDecay,
                                     long seed) {
        if (channels.length == 0 || poolEvery < 1) {
            throw new IllegalArgumentException("--channels needs at least one convolution and --pool-every at"
                    + " least 1, got " + channels.length + " and " + poolEvery);
        }
        ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Nesterovs(learningRate, MOMENTUM)).l2(weightDecay)
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate).list();
        for (int i = 0; i < channels.length; i++) {
            list.layer(new ConvolutionLayer.Builder(KERNEL, KERNEL).padding(1, 1).nOut(channels[i])
                    .activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build());
            if (batchNorm) {
                list.layer(new BatchNormalization.Builder().build())
                        .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
            if ((i + 1) % poolEvery == 0) {
                list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(POOL, POOL)
                        .stride(POOL, POOL).build());
            }
        }
        for (int width : dense) {
            list.layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build());
        }
        MultiLayerConfiguration conf = list
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(IdxReader.CLASSES).build())
                .setInputType(InputType.convolutionalFlat(IdxReader.ROWS, IdxReader.COLUMNS, 1))
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /**
     * @param list comma-separated positive integers, or blank
     * @return them in order; empty for a blank list
     */
    static int[] widths(String list) {
        return list.isBlank() ? new int[0]
                : Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
