package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.RandomArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The transformer's two SameDiff layers against their closed forms, in double precision: {@link PositionalTerm}
 * adds P[:, t] to every sample's position t, {@link LayerNormalization} gives (x − μ) / √(σ² + ε) · g + b per
 * sample and position with the biased variance;.
 */
class SequenceLayersTest {

    private static final int N = 3;
    private static final int D = 5;
    private static final int T = 4;
    private static final double EPSILON = 1e-5;
    /** Double-precision SameDiff against Java loops. */
    private static final double SAME_VALUE = 1e-12;

    @Test
    void positionalTermAndLayerNormMatchTheirClosedForms() {
        ComputationGraph graph = graph();
        SplittableRandom random = new SplittableRandom(17);
        INDArray gain = graph.getLayer("ln").getParam(LayerNormalization.GAIN).assign(uniform(random, 1, D));
        INDArray bias = graph.getLayer("ln").getParam(LayerNormalization.BIAS).assign(uniform(random, 1, D));
        INDArray positions = graph.getLayer("positions").getParam(PositionalTerm.POSITIONS)
                .assign(uniform(random, 1, D, T));
        INDArray x = uniform(random, N, D, T).muli(3).addi(2);
        var activations = graph.feedForward(x, false);
        INDArray shifted = activations.get("positions");
        INDArray normalised = activations.get("ln");
        for (int i = 0; i < N; i++) {
            for (int t = 0; t < T; t++) {
                double[] column = new double[D];
                double mean = 0;
                for (int c = 0; c < D; c++) {
                    column[c] = x.getDouble(i, c, t) + positions.getDouble(0, c, t);
                    assertEquals(column[c], shifted.getDouble(i, c, t), SAME_VALUE, "x + P");
                    mean += column[c] / D;
                }
                double variance = 0;
                for (int c = 0; c < D; c++) {
                    variance += (column[c] - mean) * (column[c] - mean) / D;
                }
                for (int c = 0; c < D; c++) {
                    double expected = (column[c] - mean) / Math.sqrt(variance + EPSILON) * gain.getDouble(0, c)
                            + bias.getDouble(0, c);
                    assertEquals(expected, normalised.getDouble(i, c, t), SAME_VALUE, "layer norm");
                }
            }
        }
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("x")
                .addLayer("positions", new PositionalTerm(D, T), "x")
                .addLayer("ln", new LayerNormalization(D, EPSILON), "positions")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .dataFormat(RNNFormat.NCW).nIn(D).nOut(2).build(), "ln")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
