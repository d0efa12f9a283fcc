package io.github.richness.examples.cifar;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * ResNet18 for CIFAR as a DL4J {@link ComputationGraph}, trained with the richness listener attached: the
 * CIFAR variant of He et al. (2016) used by the paper (appendix H.4, fig. 22a) — a 3×3 stem convolution with
 * 64 channels and no max-pooling, four stages of two BasicBlocks with 64, 128, 256 and 512 channels (the
 * first block of stages 2–4 halves the resolution with stride 2 and a 1×1 projection shortcut), global
 * average pooling to 512 features and a linear classifier. Every convolution is bias-free and followed by
 * batch normalisation; a block is conv–BN–ReLU–conv–BN, plus the shortcut, then ReLU. At width 1 it has
 * 11,173,962 trainable parameters on CIFAR-10 (DL4J also counts the batch-norm running means and variances).
 *
 * <p>Run {@code ResNet18Cifar --help} for the options; {@link CifarExperiment} describes the data, the
 * training recipe and the output.
 */
public final class ResNet18Cifar {

    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the global-average-pooling vertex whose 512 features enter the classifier. */
    public static final String FEATURES = "pool";
    /** Name of the classifier (the graph's output layer). */
    public static final String OUTPUT = "output";
    /** Channels of the four stages at width 1. */
    private static final int[] STAGE_CHANNELS = {64, 128, 256, 512};
    private static final int BLOCKS_PER_STAGE = 2;

    private ResNet18Cifar() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        CommandLine cli = CifarExperiment.commandLine("ResNet18Cifar",
                "ResNet18 (CIFAR variant) on CIFAR-10/100 or a synthetic stand-in, D_LR measured every epoch",
                CifarDataset.CIFAR_10, "resnet18-cifar-output");
        Optional<Options> options = cli.parse(args);
        options.ifPresent(o -> CifarExperiment.fromOptions(o, CifarRecipe.Architecture.RESNET18)
                .run("ResNet18", ResNet18Cifar::build, OUTPUT));
    }

    /**
     * @param spec classes, width, loss, recipe and seed
     * @return the initialised network
     */
    public static ComputationGraph build(NetworkSpec spec) {
        GraphBuilder graph = spec.configuration().graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(CifarDataset.SIDE, CifarDataset.SIDE, CifarDataset.CHANNELS));
        int channels = spec.channels(STAGE_CHANNELS[0]);
        String last = convolutionWithNorm(graph, "stem", INPUT, channels, 3, 1);
        graph.addLayer("stem_relu", relu(), last);
        last = "stem_relu";
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            int stageChannels = spec.channels(STAGE_CHANNELS[stage]);
            for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                last = basicBlock(graph, "stage" + (stage + 1) + "_block" + (block + 1), last, channels,
                        stageChannels, stride);
                channels = stageChannels;
            }
        }
        graph.addLayer(FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer(OUTPUT, spec.loss().outputLayer(spec.classes()).build(), FEATURES)
                .setOutputs(OUTPUT)
                .validateOutputLayerConfig(false);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /** Adds conv(3×3, stride)–BN–ReLU–conv(3×3)–BN, the shortcut, their sum and a ReLU; returns the ReLU's name. */
    private static String basicBlock(GraphBuilder graph, String name, String input, int inChannels, int outChannels,
            int stride) {
        String first = convolutionWithNorm(graph, name + "_conv1", input, outChannels, 3, stride);
        graph.addLayer(name + "_relu1", relu(), first);
        String second = convolutionWithNorm(graph, name + "_conv2", name + "_relu1", outChannels, 3, 1);
        String shortcut = stride == 1 && inChannels == outChannels
                ? input : convolutionWithNorm(graph, name + "_shortcut", input, outChannels, 1, stride);
        graph.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), second, shortcut)
                .addLayer(name + "_out", relu(), name + "_add");
        return name + "_out";
    }

    /** Adds a bias-free k×k convolution (padding k/2) and its batch norm; returns the batch norm's name. */
    private static String convolutionWithNorm(GraphBuilder graph, String name, String input, int channels, int kernel,
            int stride) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                        .padding(kernel / 2, kernel / 2).nOut(channels).hasBias(false).activation(Activation.IDENTITY)
                        .build(), input)
                .addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        return name + "_bn";
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}
