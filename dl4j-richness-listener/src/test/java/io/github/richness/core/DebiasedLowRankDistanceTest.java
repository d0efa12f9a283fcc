package io.github.richness.core;

import static io.github.richness.testing.TestArrays.affine;
import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The debiased D_LR from streaming accumulators against Song et al.'s unbiased HSIC computed from n × n
 * Gram matrices, and its independence of minibatch size, merging and offsets.
 */
class DebiasedLowRankDistanceTest {

    /** Agreement with the n × n Gram computation: the 1e-9 (absolute; the values are of order 1). */
    private static final double DENSE_AGREEMENT = 1e-9;
    /** Different splits of the same sums: round-off only. */
    private static final double REORDERING = 1e-11;

    /**
     * Name, data for the reference, the same data as given to the library. The unbiased HSIC is exactly
     * invariant to shifting the rows, so the large-offset case is checked against the reference on the
     * unshifted rows: the Gram matrices of rows at 10⁴ would cancel away every digit of the reference itself.
     */
    static Stream<Arguments> cases() {
        double[][][] offsetCase = random(3, 150, 10, 3);
        return Stream.of(
                Arguments.of("random", random(1, 120, 12, 4), null),
                Arguments.of("collapsed", collapsed(2, 90, 6, 3), null),
                Arguments.of("large offset (mean 1e4, spread 1)", offsetCase, offset(offsetCase)),
                Arguments.of("C = 1", random(4, 80, 5, 1), null),
                Arguments.of("n < p", random(5, 20, 40, 3), null),
                Arguments.of("n = 4", random(6, 4, 3, 2), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheGramMatrixComputationOfTheUnbiasedHsic(String name, double[][][] data, double[][][] given) {
        double[][][] input = given == null ? data : given;
        double expected = DenseReference.debiasedLowRankDistance(data[0], data[1]);
        double actual = Richness.debiasedLowRankDistance(matrix(input[0]), matrix(input[1]));
        assertEquals(expected, actual, DENSE_AGREEMENT, name);
    }

    /** Minibatches of 1, 2, 3, 7 and the whole probe, in one accumulator each, give the same value. */
    @ParameterizedTest(name = "minibatch {0}")
    @ValueSource(ints = {1, 2, 3, 7, 150})
    void isIndependentOfTheMinibatchSize(int batch) {
        double[][][] plain = random(7, 150, 10, 3);
        double[][][] data = offset(plain);
        double whole = DebiasedCka.between(accumulate(data, 0, 150, 150)).value();
        double streamed = DebiasedCka.between(accumulate(data, 0, 150, batch)).value();
        assertEquals(whole, streamed, REORDERING);
        assertEquals(DenseReference.debiasedLowRankDistance(plain[0], plain[1]), 1.0 - streamed, DENSE_AGREEMENT);
    }

    @Test
    void mergedAccumulatorsEqualOnePass() {
        double[][][] data = offset(random(8, 200, 8, 4));
        ProbeMoments onePass = accumulate(data, 0, 200, 200);
        ProbeMoments merged = accumulate(data, 0, 37, 5);
        merged.merge(accumulate(data, 37, 38, 1));
        merged.merge(accumulate(data, 38, 200, 50));
        ProbeMoments intoEmpty = new ProbeMoments(onePass.layout());
        intoEmpty.merge(merged);
        double expected = DebiasedCka.between(onePass).value();
        assertEquals(expected, DebiasedCka.between(merged).value(), REORDERING);
        assertEquals(expected, DebiasedCka.between(intoEmpty).value(), REORDERING);
    }

    @Test
    void isCloseToThePlainValueOnALargeProbe() {
        double[][][] large = random(9, 4000, 8, 3);
        double plain = Richness.lowRankDistance(matrix(large[0]), matrix(large[1]));
        double debiased = Richness.debiasedLowRankDistance(matrix(large[0]), matrix(large[1]));
        assertEquals(plain, debiased, 0.01, "the bias of the plain value is O(p/n)");
        assertTrue(plain != debiased, "but they are different estimators");
    }

    @Test
    void isUndefinedBelowFourSamplesWithAReason() {
        double[][][] data = random(12, 3, 4, 2);
        assertTrue(Double.isNaN(Richness.debiasedLowRankDistance(matrix(data[0]), matrix(data[1]))));
        RichnessResult result = RichnessAnalysis.distancesOnly(accumulate(data, 0, 3, 3));
        assertTrue(Double.isNaN(result.debiasedLowRankDistance()));
        assertTrue(Double.isFinite(result.lowRankDistance()), "the plain D_LR is defined for n = 3");
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("debiased D_LR: the unbiased HSIC needs at"
                + " least 4 samples, got 3")), result.warnings().toString());
        INDArray constant = Nd4j.ones(DataType.DOUBLE, 20, 2);
        assertTrue(Double.isNaN(Richness.debiasedLowRankDistance(matrix(DenseReference.randomGaussian(13, 20, 3)),
                constant)), "constant outputs");
    }

    @Test
    void analysisReportsTheDebiasedValue() {
        double[][][] data = random(14, 100, 6, 3);
        RichnessResult result = Richness.analyze(matrix(data[0]), matrix(data[0]), matrix(data[1]), null);
        assertEquals(DenseReference.debiasedLowRankDistance(data[0], data[1]), result.debiasedLowRankDistance(),
                DENSE_AGREEMENT);
        assertEquals(result.debiasedLowRankDistance(), result.distances().debiasedLowRankDistance(), 0.0);
    }

    private static ProbeMoments accumulate(double[][][] data, int from, int to, int batch) {
        ProbeMoments moments = new ProbeMoments(new MomentLayout(data[0][0].length, data[1][0].length, 0, false,
                false));
        for (int start = from; start < to; start += batch) {
            int end = Math.min(start + batch, to);
            moments.accumulate(matrix(rows(data[0], start, end)), matrix(rows(data[1], start, end)), null, null);
        }
        return moments;
    }

    /** Features and outputs sharing part of their structure. */
    private static double[][][] random(long seed, int n, int p, int c) {
        double[][] phi = DenseReference.randomGaussian(seed, n, p);
        double[][] f = TestArrays.linearMap(phi, c, seed + 100);
        double[][] noise = DenseReference.randomGaussian(seed + 200, n, c);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                f[i][j] += 2.0 * noise[i][j];
            }
        }
        return new double[][][] {phi, f};
    }

    /** Features at c class vertices with a little noise, outputs one-hot plus noise. */
    private static double[][][] collapsed(long seed, int n, int p, int c) {
        int[] labels = TestArrays.balancedLabels(seed, n, c);
        double[][] vertices = DenseReference.randomGaussian(seed + 1, c, p);
        double[][] noise = DenseReference.randomGaussian(seed + 2, n, p);
        double[][] phi = new double[n][p];
        double[][] f = TestArrays.oneHot(labels, c);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                phi[i][k] = vertices[labels[i]][k] + 1e-3 * noise[i][k];
            }
            f[i][0] += 0.01 * noise[i][0];
        }
        return new double[][][] {phi, f};
    }

    /** The same data with mean 1e4 and spread 1 in every feature and output. */
    private static double[][][] offset(double[][][] data) {
        return new double[][][] {affine(data[0], 1.0, 1e4), affine(data[1], 1.0, 1e4)};
    }
}
