package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.TrainingSummary;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ResNet18CifarTest {

    /** Trainable parameters of the standard CIFAR ResNet18 for 10 classes, as PyTorch counts them. */
    private static final long PUBLISHED_RESNET18_CIFAR10 = 11_173_962L;

    @Test
    void fullWidthHasTheDeclaredStructure() {
        ComputationGraph network = ResNet18Cifar.build(spec(1, CifarDataset.CIFAR_10));
        long convolutions = Arrays.stream(network.getVertices()).filter(v -> v.hasLayer()
                && v.getLayer().conf().getLayer() instanceof ConvolutionLayer).count();
        assertEquals(1 + 16 + 3, convolutions, "stem, 16 block convolutions, 3 projection shortcuts");
        long runningStatistics = 2 * batchNormChannels(network);
        assertEquals(expectedTrainableParameters(64, 10), network.numParams() - runningStatistics);
        assertEquals(PUBLISHED_RESNET18_CIFAR10, network.numParams() - runningStatistics);
        OutputLayer classifier = (OutputLayer) network.getLayer(ResNet18Cifar.OUTPUT).conf().getLayer();
        assertEquals(512, classifier.getNIn(), "512 features before the classifier");
        assertArrayEquals(new long[] {2, 512}, network.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), false)
                .get(ResNet18Cifar.FEATURES).shape());
    }

    @Test
    void widthScalesEveryStage() {
        ComputationGraph network = ResNet18Cifar.build(spec(0.125, CifarDataset.CIFAR_100));
        assertEquals(expectedTrainableParameters(8, 100), network.numParams() - 2 * batchNormChannels(network));
        assertEquals(64, ((OutputLayer) network.getLayer(ResNet18Cifar.OUTPUT).conf().getLayer()).getNIn());
    }

    @Tag("slow")
    @Test
    void smokeRunOnTheSyntheticSet(@TempDir Path out) {
        Options options = CifarSmokeRuns.parse(CifarDataset.CIFAR_10, CifarSmokeRuns.arguments(out));
        CifarExperiment experiment = CifarExperiment.fromOptions(options, CifarRecipe.Architecture.RESNET18);
        TrainingSummary summary = experiment.run("ResNet18", ResNet18Cifar::build, ResNet18Cifar.OUTPUT);
        CifarSmokeRuns.checkSummary(summary, out);
        assertEquals(16, summary.lastRecord().probe().featureWidth(), "512 × 1/32 features: fewer than the probe samples");
    }

    private static NetworkSpec spec(double width, CifarDataset dataset) {
        return new NetworkSpec(dataset.classes(), width, CifarLoss.MSE,
                CifarRecipe.paper(CifarRecipe.Architecture.RESNET18, dataset), 1);
    }

    private static long batchNormChannels(ComputationGraph network) {
        long channels = 0;
        for (GraphVertex vertex : network.getVertices()) {
            if (vertex.hasLayer() && vertex.getLayer().conf().getLayer() instanceof BatchNormalization bn) {
                channels += bn.getNOut();
            }
        }
        return channels;
    }

    /**
     * Counts the parameters of the CIFAR ResNet18 from its definition: 3×3 convolutions without bias, two
     * batch-norm parameters per channel, 1×1 projections with batch norm where the shape changes, a linear
     * classifier with bias.
     */
    private static long expectedTrainableParameters(int base, int classes) {
        long total = 9L * 3 * base + 2L * base;
        int in = base;
        for (int stage = 0; stage < 4; stage++) {
            int out = base << stage;
            for (int block = 0; block < 2; block++) {
                total += 9L * in * out + 2L * out + 9L * out * out + 2L * out;
                if (in != out) {
                    total += (long) in * out + 2L * out;
                }
                in = out;
            }
        }
        return total + (long) in * classes + classes;
    }
}
