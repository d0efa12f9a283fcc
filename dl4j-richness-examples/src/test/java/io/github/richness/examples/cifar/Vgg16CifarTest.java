package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.TrainingSummary;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Vgg16CifarTest {

    /** Parameters of VGG16's 13 convolutions (torchvision's {@code vgg16().features}), a published figure. */
    private static final long PUBLISHED_VGG16_FEATURE_PARAMETERS = 14_714_688L;
    private static final int[] CHANNELS = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fullWidthHasTheDeclaredStructure(boolean batchNorm) {
        MultiLayerNetwork network = Vgg16Cifar.build(spec(1, CifarDataset.CIFAR_100), batchNorm, 0);
        assertEquals(13, count(network, ConvolutionLayer.class));
        assertEquals(5, count(network, SubsamplingLayer.class));
        assertEquals(batchNorm ? 13 : 0, count(network, BatchNormalization.class));
        assertEquals(batchNorm ? 45 : 19, network.getnLayers(), "with BN each convolution is conv, BN, ReLU");
        OutputLayer classifier = (OutputLayer) network.getOutputLayer().conf().getLayer();
        assertEquals(512, classifier.getNIn(), "512 features before the final linear layer");
        assertEquals(100, classifier.getNOut());

        long convolutions = 0;
        int in = 3;
        for (int out : CHANNELS) {
            convolutions += 9L * in * out + out;
            in = out;
        }
        assertEquals(PUBLISHED_VGG16_FEATURE_PARAMETERS, convolutions);
        long batchNormChannels = Arrays.stream(CHANNELS).sum();
        long expected = convolutions + 512L * 100 + 100 + (batchNorm ? 4 * batchNormChannels : 0);
        assertEquals(expected, network.numParams(), "BN: gamma, beta and the two running statistics");
    }

    @Test
    void hiddenClassifierLayersFeedTheFinalLayer() {
        MultiLayerNetwork network = Vgg16Cifar.build(spec(0.0625, CifarDataset.CIFAR_10), false, 4096);
        assertEquals(2, count(network, DenseLayer.class));
        assertEquals(256, ((OutputLayer) network.getOutputLayer().conf().getLayer()).getNIn());
        assertThrows(IllegalArgumentException.class, () -> Vgg16Cifar.build(spec(0.0625, CifarDataset.CIFAR_10), false, -1));
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void smokeRunOnTheSyntheticSet(boolean batchNorm, @TempDir Path out) {
        CifarExperiment experiment = CifarExperiment.fromOptions(
                CifarSmokeRuns.parse(CifarDataset.CIFAR_100, CifarSmokeRuns.arguments(out)), CifarRecipe.Architecture.VGG16);
        assertEquals(100, experiment.spec().classes());
        assertEquals(0.01, experiment.spec().recipe().learningRate(), "table 10, fig. 3");
        TrainingSummary summary = experiment.run(batchNorm ? "VGG16-BN" : "VGG16", spec -> Vgg16Cifar.build(spec, batchNorm, 0), null);
        CifarSmokeRuns.checkSummary(summary, out);
        assertEquals(16, summary.lastRecord().probe().featureWidth(), "512 × 1/32 features: fewer than the probe samples");
        assertTrue(summary.history().size() >= 2);
    }

    private static NetworkSpec spec(double width, CifarDataset dataset) {
        return new NetworkSpec(dataset.classes(), width, CifarLoss.MSE,
                CifarRecipe.paper(CifarRecipe.Architecture.VGG16, dataset), 1);
    }

    private static long count(MultiLayerNetwork network, Class<?> type) {
        return Arrays.stream(network.getLayers()).map(Layer::conf).filter(c -> type.isInstance(c.getLayer())).count();
    }
}
