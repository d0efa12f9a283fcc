package io.github.richness.examples.cifar;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * VGG16 for CIFAR as a DL4J {@link MultiLayerNetwork}, with or without batch normalisation, trained with the
 * richness listener attached — the paper's headline new finding (table 3, fig. 3) is that batch norm moves
 * VGG16 on CIFAR-100 from lazy (D_LR 0.66) to rich (0.073).
 *
 * <p>The 13 convolutions of VGG16 (Simonyan and Zisserman, configuration D: 64, 64, M, 128, 128, M, 256 ×3,
 * M, 512 ×3, M, 512 ×3, M; 3×3 kernels with padding 1 and bias, 2×2 max-pooling with stride 2), each followed
 * by ReLU, or by batch normalisation and ReLU with {@code batchNorm}. Five poolings reduce 32×32 to 1×1, so
 * 512 features enter the classifier. By default the classifier is one linear layer (the usual CIFAR variant);
 * with {@code hidden > 0} it is torchvision's: two hidden layers of that width with ReLU and dropout 0.5 before
 * the linear layer (torchvision's 7×7 adaptive pooling of the 1×1 map is left out: on a 1×1 map it only
 * repeats each feature 49 times). The paper's figure 22b lists 4,096 features in the penultimate layer,
 * i.e. {@code hidden = 4096}.
 *
 * <p>Run {@code Vgg16Cifar --help} for the options; {@link CifarExperiment} describes the data, the training
 * recipe and the output.
 */
public final class Vgg16Cifar {

    /** Configuration D; 0 marks a max-pooling. */
    private static final int[] CONFIGURATION = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512,
        512, 0};
    /** torchvision's dropout probability in the hidden classifier layers. */
    private static final double HIDDEN_DROPOUT = 0.5;
    private static final int HIDDEN_LAYERS = 2;

    private Vgg16Cifar() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        CommandLine cli = CifarExperiment.commandLine("Vgg16Cifar",
                "VGG16 with or without batch norm on CIFAR-100/10 or a synthetic stand-in, D_LR measured every epoch",
                CifarDataset.CIFAR_100, "vgg16-cifar-output")
                .flag("batch-norm", "batch normalisation after every convolution (VGG16-BN)")
                .option("hidden", "0", "width of torchvision's two hidden classifier layers; 0 for a linear "
                        + "classifier on the 512 features, 4096 for the paper's figure 22b");
        Optional<Options> options = cli.parse(args);
        options.ifPresent(o -> CifarExperiment.fromOptions(o, CifarRecipe.Architecture.VGG16)
                .run(o.flag("batch-norm") ? "VGG16-BN" : "VGG16",
                        spec -> build(spec, o.flag("batch-norm"), o.integer("hidden")), null));
    }

    /**
     * @param spec classes, width, loss, recipe and seed
     * @param batchNorm whether a batch normalisation follows every convolution
     * @param hidden the width of the two hidden classifier layers (scaled by the width multiplier), or 0 for none
     * @return the initialised network
     */
    public static MultiLayerNetwork build(NetworkSpec spec, boolean batchNorm, int hidden) {
        if (hidden < 0) {
            throw new IllegalArgumentException("the hidden classifier width must not be negative, got " + hidden);
        }
        ListBuilder list = spec.configuration().list();
        for (int channels : CONFIGURATION) {
            if (channels == 0) {
                list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build());
                continue;
            }
            list.layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(spec.channels(channels))
                    .activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build());
            if (batchNorm) {
                list.layer(new BatchNormalization.Builder().build())
                        .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
        }
        for (int i = 0; hidden > 0 && i < HIDDEN_LAYERS; i++) {
            list.layer(new DenseLayer.Builder().nOut(spec.channels(hidden)).activation(Activation.RELU)
                    .dropOut(1 - HIDDEN_DROPOUT).build());
        }
        MultiLayerConfiguration configuration = list.layer(spec.loss().outputLayer(spec.classes()).build())
                .setInputType(InputType.convolutional(CifarDataset.SIDE, CifarDataset.SIDE, CifarDataset.CHANNELS))
                .build();
        configuration.setValidateOutputLayerConfig(false);
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
