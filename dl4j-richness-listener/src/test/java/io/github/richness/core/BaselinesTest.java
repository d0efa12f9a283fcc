package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** S_init, NC1, Tr(Σ_W) and ‖θ‖² against per-sample dense computations and closed forms. */
class BaselinesTest {

    private static final double DENSE_AGREEMENT = 1e-9;

    @ParameterizedTest(name = "n={0} p={1} C={2}")
    @CsvSource({"200, 10, 4", "300, 30, 10", "150, 5, 8"})
    void agreeWithDenseComputation(int n, int p, int c) {
        double[][] phi = DenseReference.randomGaussian(n, n, p);
        int[] labels = TestArrays.balancedLabels(p, n, c);
        for (int i = 0; i < n; i++) {
            phi[i][labels[i] % p] += 2.0;
        }
        double[][] reference = DenseReference.randomGaussian(n + 1, n, p);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                reference[i][k] += 0.8 * phi[i][k];
            }
        }
        Baselines baselines = measure(phi, labels, c, reference);
        assertRelative(DenseReference.nc1(phi, labels, CollapseBaselines.BETWEEN_CLASS_RIDGE), baselines.nc1());
        assertRelative(DenseReference.traceWithinClass(phi, labels), baselines.withinClassTrace());
        assertRelative(DenseReference.kernelSimilarity(reference, phi), baselines.kernelSimilarityToInit());
    }

    @Test
    void collapsedClassesHaveNoWithinClassVariability() {
        int c = 5;
        int[] labels = TestArrays.balancedLabels(9, 100, c);
        double[][] means = DenseReference.randomGaussian(10, c, 7);
        double[][] phi = new double[100][];
        for (int i = 0; i < 100; i++) {
            phi[i] = means[labels[i]].clone();
        }
        Baselines baselines = measure(phi, labels, c, phi);
        assertEquals(0.0, baselines.withinClassTrace(), 1e-9);
        assertEquals(0.0, baselines.nc1(), 1e-5);
        assertEquals(1.0, baselines.kernelSimilarityToInit(), 1e-12, "S_init = 1 for unchanged features");
    }

    @Test
    void missingClassesAreIgnoredAndOneClassIsUndefined() {
        double[][] phi = DenseReference.randomGaussian(20, 60, 4);
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 2 == 0 ? 0 : 3;
        }
        assertRelative(DenseReference.nc1(phi, labels, CollapseBaselines.BETWEEN_CLASS_RIDGE), measure(phi, labels, 5, null).nc1());
        Baselines single = measure(phi, new int[60], 5, null);
        assertTrue(Double.isNaN(single.nc1()));
        assertTrue(single.warnings().get(0).contains("fewer than 2 classes"), single.warnings().toString());
        assertTrue(Double.isNaN(single.kernelSimilarityToInit()), "no reference features, no S_init");
    }

    @Test
    void squaredParameterNormIsTheSumOfSquares() {
        double norm = Baselines.squaredNorm(List.of(
                Nd4j.createFromArray(new float[] {1f, 2f, 3f}),
                Nd4j.createFromArray(new double[][] {{-4, 0}, {0.5, 0}}).castTo(DataType.DOUBLE)));
        assertEquals(1 + 4 + 9 + 16 + 0.25, norm, 1e-12);
    }

    /** A float sum of 4M squares near 1 is off by about 1e-7 relative; the double accumulation by round-off only. */
    @Test
    void squaredParameterNormOfAFloatArrayAccumulatesInDouble() {
        Random random = new Random(11);
        float[] values = new float[4_000_000];
        double exact = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (1 + 1e-3 * random.nextGaussian());
            exact += (double) values[i] * values[i];
        }
        INDArray parameters = Nd4j.createFromArray(values);
        double floatSum = parameters.norm2Number().doubleValue();
        assumeTrue(Math.abs(floatSum * floatSum - exact) / exact > 1e-9,
                "this ND4J's float reduction is exact enough that the test cannot tell the accumulations apart");
        assertEquals(exact, Baselines.squaredNorm(List.of(parameters)), 1e-11 * exact);
    }

    private static Baselines measure(double[][] phi, int[] labels, int classes, double[][] reference) {
        int p = phi[0].length;
        ProbeMoments moments = new ProbeMoments(new MomentLayout(p, 1, classes, reference != null, true));
        moments.accumulate(matrix(phi), Nd4j.rand(DataType.DOUBLE, phi.length, 1), matrix(oneHot(labels, classes)),
                reference == null ? null : matrix(reference));
        return Baselines.measure(moments, Double.NaN);
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, DENSE_AGREEMENT * Math.max(Math.abs(expected), 1e-6));
    }
}
