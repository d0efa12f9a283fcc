package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.testing.DenseReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The independent side of the capture tests: the features entering the last layer taken from DL4J's own
 * (masked) forward pass, f̂ = φW + b in plain Java, and D_LR from {@link DenseReference}'s n × n Gram matrices.
 * Nothing here goes through the library's capture, moments or maths.
 */
final class DL4JForward {

    /** Softmax of f̂ against DL4J's own output: float32 round-off. */
    private static final double OUTPUT_TOLERANCE = 1e-5;

    private DL4JForward() {
    }

    /**
     * @param net a network whose layers hold no mask (DL4J's {@code feedForward} keeps a stale one otherwise)
     * @param batch a minibatch, with or without a features mask
     * @param masked whether to hand DL4J the minibatch's features mask
     * @return the activation entering the last layer, from {@code feedForward(input, featuresMask, null)}
     */
    static INDArray features(MultiLayerNetwork net, DataSet batch, boolean masked) {
        List<INDArray> activations = net.feedForward(batch.getFeatures(), masked ? batch.getFeaturesMaskArray() : null, null);
        return activations.get(activations.size() - 2);
    }

    /**
     * @param graph a graph
     * @param batch a minibatch, with or without a features mask
     * @param masked whether to hand DL4J the minibatch's features mask
     * @param vertex the vertex whose activation is wanted
     * @return its activation from {@code setLayerMaskArrays} and {@code feedForward(inputs, false)}
     */
    static INDArray features(ComputationGraph graph, DataSet batch, boolean masked, String vertex) {
        INDArray mask = masked ? batch.getFeaturesMaskArray() : null;
        graph.setLayerMaskArrays(mask == null ? null : new INDArray[] {mask}, null);
        Map<String, INDArray> activations = graph.feedForward(new INDArray[] {batch.getFeatures()}, false);
        graph.clearLayerMaskArrays();
        return activations.get(vertex);
    }

    /** @return D_LR of the features (minibatches stacked) and of f̂ = φW + b of {@code head}, from Gram matrices */
    static double lowRankDistance(List<INDArray> features, Layer head) {
        double[][] phi = rows(features);
        return DenseReference.lowRankDistance(phi, logits(phi, head));
    }

    /** @return f̂ = φW + b in double precision */
    static double[][] logits(double[][] phi, Layer head) {
        double[][] w = head.getParam("W").castTo(DataType.DOUBLE).toDoubleMatrix();
        INDArray bias = head.getParam("b");
        double[] b = bias == null ? new double[w[0].length] : bias.castTo(DataType.DOUBLE).toDoubleVector();
        double[][] out = DenseReference.matmul(phi, w);
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] += b[j];
            }
        }
        return out;
    }

    /**
     * Asserts that softmax(φW + b) is DL4J's own output for the same samples: the features taken are those
     * that reach the head in DL4J's forward pass.
     */
    static void assertSoftmaxOutput(INDArray features, Layer head, INDArray dl4jOutput) {
        double[][] logits = logits(features.castTo(DataType.DOUBLE).toDoubleMatrix(), head);
        double[][] expected = dl4jOutput.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : logits[i]) {
                sum += Math.exp(v - max);
            }
            for (int j = 0; j < logits[i].length; j++) {
                assertEquals(expected[i][j], Math.exp(logits[i][j] - max) / sum, OUTPUT_TOLERANCE, "sample " + i);
            }
        }
    }

    /** @return the rows of the matrices, stacked, as doubles */
    static double[][] rows(List<INDArray> parts) {
        List<double[]> rows = new ArrayList<>();
        for (INDArray part : parts) {
            for (double[] row : part.castTo(DataType.DOUBLE).toDoubleMatrix()) {
                rows.add(row);
            }
        }
        return rows.toArray(double[][]::new);
    }
}
