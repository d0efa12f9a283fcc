package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.data.ModularArithmetic;
import io.github.richness.examples.data.ModularTokens;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The transformer of the grokking example: it starts at PyTorch's default initialisation, it builds, its first update is the warm-up's zero step and its
 * second moves by about η / 10; its output is its last-position features times the head's W; and the listener's D_LR is
 * the linear CKA of those features, computed here from n × n Gram matrices of DL4J's own {@code feedForward}
 * activations.
 */
class GrokkingTransformerTest {

    private static final int MODULUS = 11;
    private static final GrokkingTransformer.Shape SMALL = new GrokkingTransformer.Shape(16, 2, 2);
    private static final GrokkingTransformer.Shape TINY = new GrokkingTransformer.Shape(8, 2, 2);
    private static final int GRADIENT_CHECK_SAMPLES = 6;
    /** Finite differences of a few entries of each of the 29 parameter arrays (all of them: minutes). */
    private static final int GRADIENT_CHECKS_PER_PARAMETER = 4;
    private static final double LEARNING_RATE = 1e-3;
    /** DL4J's native Adam step with learning rate 0 still moves every parameter by about 7.5e-9 (measured). */
    private static final double WARM_UP_START = 1e-7;
    /** Sample moments within this many standard errors of the distribution's. */
    private static final double SAMPLING_ERRORS = 5;
    /** The largest of n ≥ 176 uniform draws stays below 0.9 of the bound with probability 0.9^n < 10⁻⁸. */
    private static final double NEAR_BOUND = 0.9;
    /** Float forward pass and moments against the double Gram-matrix computation. */
    private static final double SAME_MEASURE = 1e-5;
    /** Float matrix product against DL4J's own output layer. */
    private static final double SAME_OUTPUT = 1e-5;
    /** D_LR of the wrong vertex (the last block before the final layer norm) differs from the right one by more. */
    private static final double OTHER_VERTEX_EFFECT = 1e-3;

    private static ModularArithmetic task() {
        return ModularTokens.of(ModularArithmetic.split(ModularArithmetic.Operation.DIVISION, MODULUS, 0.5, 3));
    }

    @Test
    void buildsStartsTheWarmUpAtZeroAndTrains() {
        ModularArithmetic task = task();
        ComputationGraph network = GrokkingTransformer.network(MODULUS, SMALL, LEARNING_RATE, 0, 5);
        INDArray start = network.params().dup();
        network.fit(task.train());
        INDArray afterFirst = network.params().dup();
        assertTrue(maxChange(start, afterFirst) < WARM_UP_START, "the warm-up's learning rate at update 0 is 0, "
                + "changed by " + maxChange(start, afterFirst));
        network.fit(task.train());
        double second = maxChange(afterFirst, network.params());
        double rate = LEARNING_RATE / GrokkingTransformer.WARM_UP_UPDATES;
        assertTrue(second > rate / 2 && second < 2 * rate, "Adam's update 1 moves by about η/10: " + second);
        assertTrue(Double.isFinite(network.score()), "finite loss");
        INDArray output = network.outputSingle(task.test().getFeatures());
        assertArrayEquals(new long[] {task.test().numExamples(), MODULUS}, output.shape());
        INDArray features = network.feedForward(task.test().getFeatures(), false).get(GrokkingTransformer.FEATURES);
        assertArrayEquals(new long[] {task.test().numExamples(), SMALL.width()}, features.shape());
        INDArray expected = features.mmul(network.getLayer(GrokkingTransformer.OUTPUT).getParam("W"));
        assertArrayEquals(expected.ravel().toDoubleVector(), output.ravel().toDoubleVector(), SAME_OUTPUT, "f̂ = Φ W, no bias");
    }

    @Test
    void startsAtPyTorchsDefaultInitialisation() {
        ComputationGraph network = GrokkingTransformer.network(MODULUS, SMALL, LEARNING_RATE, 0, 9);
        int d = SMALL.width();
        assertMoments(network.getLayer("embedding").getParam("W"), 0, 1, "nn.Embedding: N(0, 1)");
        assertUniform(network.getLayer("block1-attention").getParam("Wq"), Math.sqrt(6.0 / (4 * d)), "in_proj Xavier");
        assertUniform(network.getLayer("block2-attention").getParam("Wo"), 1 / Math.sqrt(d), "out_proj as nn.Linear");
        assertUniform(network.getLayer("block1-mlp2").getParam("W"), 1 / Math.sqrt(4.0 * d), "nn.Linear(4d, d)");
        assertUniform(network.getLayer(GrokkingTransformer.OUTPUT).getParam("W"), 1 / Math.sqrt(d), "head");
        assertEquals(1.0, network.getLayer("ln-final").getParam(LayerNormalization.GAIN).minNumber().doubleValue());
    }

    /** Every value within ±bound, the largest near it, and mean 0 and standard deviation bound/√3 within sampling error. */
    private static void assertUniform(INDArray values, double bound, String what) {
        double largest = values.amaxNumber().doubleValue();
        assertTrue(largest <= bound && largest > NEAR_BOUND * bound, what + ": within ±" + bound + " and near it: " + largest);
        assertMoments(values, 0, bound / Math.sqrt(3), what);
    }

    private static void assertMoments(INDArray values, double mean, double sd, String what) {
        double samplingError = SAMPLING_ERRORS * sd / Math.sqrt(values.length());
        assertEquals(mean, values.meanNumber().doubleValue(), samplingError, what + ": mean");
        // the standard error of a sample standard deviation, σ/√(2n) for a normal, less for a uniform
        assertEquals(sd, values.stdNumber().doubleValue(), samplingError / Math.sqrt(2), what + ": standard deviation");
    }

    @Test
    void theListenerMeasuresTheLastPositionsNormalisedFeatures() {
        ModularArithmetic task = task();
        ComputationGraph network = GrokkingTransformer.network(MODULUS, SMALL, 1e-2, 0, 7);
        for (int step = 0; step < 5; step++) {
            network.fit(task.train());
        }
        DataSet probe = task.test();
        RichnessRecord record = RichnessListener.builder(probe).build().measureNow(network);
        assertTrue(record.ok(), String.valueOf(record.failure()));
        assertEquals(SMALL.width(), record.probe().featureWidth());
        INDArray w = network.getLayer(GrokkingTransformer.OUTPUT).getParam("W").castTo(DataType.DOUBLE);
        var activations = network.feedForward(probe.getFeatures(), false);
        double expected = gramLowRankDistance(activations.get(GrokkingTransformer.FEATURES), w);
        assertEquals(expected, record.lowRankDistance(), SAME_MEASURE);
        INDArray beforeFinalNorm = activations.get("block" + SMALL.blocks())
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(ModularTokens.LENGTH - 1));
        assertTrue(Math.abs(expected - gramLowRankDistance(beforeFinalNorm, w)) > OTHER_VERTEX_EFFECT,
                "the test tells the head's input from the features before the final layer norm");
    }

    private static double maxChange(INDArray from, INDArray to) {
        return to.sub(from).amaxNumber().doubleValue();
    }

    /** 1 − CKA(ΦΦᵀ, f̂f̂ᵀ) with f̂ = ΦW, both Gram matrices centred (HKH), in plain double arithmetic. */
    private static double gramLowRankDistance(INDArray features, INDArray w) {
        double[][] phi = features.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] f = features.castTo(DataType.DOUBLE).mmul(w).toDoubleMatrix();
        double[][] k = centredGram(phi);
        double[][] l = centredGram(f);
        double kl = 0;
        double kk = 0;
        double ll = 0;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                kl += k[i][j] * l[i][j];
                kk += k[i][j] * k[i][j];
                ll += l[i][j] * l[i][j];
            }
        }
        return 1 - kl / Math.sqrt(kk * ll);
    }

    private static double[][] centredGram(double[][] rows) {
        int n = rows.length;
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < rows[i].length; c++) {
                    gram[i][j] += rows[i][c] * rows[j][c];
                }
            }
        }
        double[] rowMeans = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowMeans[i] += gram[i][j] / n;
            }
            total += rowMeans[i] / n;
        }
        double[][] centred = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                centred[i][j] = gram[i][j] - rowMeans[i] - rowMeans[j] + total;
            }
        }
        return centred;
    }
}
