package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The head's features of a {@link MultiLayerNetwork} come from the forward pass of DL4J's {@code output()} into a
 * workspace, copied into reused storage (or, with the inference workspace mode {@code NONE}, from
 * {@code feedForwardToLayer}): either way they must equal DL4J's own {@code feedForward}, minibatch after
 * minibatch, for a longer minibatch, then a shorter one (a view of the reused storage), then a longer one again,
 * and leave no workspace open behind them.
 */
class CaptureForwardPathTest {

    /** Float32 activations of the same forward pass through the same weights. */
    private static final double TOLERANCE = 1e-6;

    @Test
    void denseNetworkFeaturesEqualDl4jForwardPass() {
        checkAgainstDl4j(TestModels.dense(3, true), TestModels.classData(5, 70, 12));
    }

    @Test
    void convolutionalFeaturesThroughTheHeadsPreprocessorEqualDl4jForwardPass() {
        checkAgainstDl4j(TestModels.cnn(3, true), TestModels.imageData(5, 70));
        checkAgainstDl4j(TestModels.cnn(3, false), TestModels.imageData(5, 70));
    }

    @Test
    void withoutInferenceWorkspacesTheDetachedPathGivesTheSameFeatures() {
        MultiLayerNetwork net = TestModels.dense(3, true);
        net.getLayerWiseConfigurations().setInferenceWorkspaceMode(WorkspaceMode.NONE);
        checkAgainstDl4j(net, TestModels.classData(5, 70, 12));
    }

    private static void checkAgainstDl4j(MultiLayerNetwork net, DataSet data) {
        ActivationCapture capture = ActivationCapture.of(net, null, OutputMode.PRE_ACTIVATION);
        int[][] ranges = {{0, 40}, {40, 55}, {10, 70}};
        INDArray[] captured = new INDArray[ranges.length];
        for (int k = 0; k < ranges.length; k++) {
            DataSet batch = (DataSet) data.getRange(ranges[k][0], ranges[k][1]);
            captured[k] = capture.features(batch).dup();
            assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(), "a workspace left open");
            INDArray expected = DL4JForward.features(net, batch, false);
            expected = expected.reshape('c', expected.size(0), expected.length() / expected.size(0));
            assertArrayEquals(expected.shape(), captured[k].shape());
            assertEquals(0.0, captured[k].sub(expected).norm2Number().doubleValue(),
                    TOLERANCE * (1 + expected.norm2Number().doubleValue()), "minibatch " + k);
        }
        assertEquals(captured[0].getRow(10).sumNumber().doubleValue(), captured[2].getRow(0).sumNumber().doubleValue(),
                TOLERANCE, "the same sample in two minibatches");
    }
}
