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

    /** Eq. 33 weighs each class's covariance equally, whatever its size: 10, 30, 60 and 100 samples here. */
    @Test
    void unbalancedClassesFollowEquationThirtyThree() {
        int[] sizes = {10, 30, 60, 100};
        int n = java.util.Arrays.stream(sizes).sum();
        int[] labels = new int[n];
        for (int c = 0, i = 0; c < sizes.length; c++) {
            for (int k = 0; k < sizes[c]; k++, i++) {
                labels[i] = c;
            }
        }
        double[][] phi = DenseReference.randomGaussian(30, n, 12);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 12; k++) {
                phi[i][k] *= 1.0 + labels[i];
            }
            phi[i][labels[i]] += 3.0;
        }
        Baselines baselines = measure(phi, labels, 4, null);
        assertRelative(DenseReference.traceWithinClass(phi, labels), baselines.withinClassTrace());
        assertRelative(DenseReference.nc1(phi, labels, CollapseBaselines.BETWEEN_CLASS_RIDGE), baselines.nc1());
        assertTrue(baselines.warnings().isEmpty(), baselines.warnings().toString());
        assertTrue(Math.abs(pooledTrace(phi, labels, 4) - baselines.withinClassTrace())
                > 0.1 * baselines.withinClassTrace(), "the sample-weighted approximation is far off here");
    }

    /**
     * Beyond the per-class budget (t · p² doubles over 32 MiB; p = 700, t = 10 here) the pooled scatter is used:
     * exact for balanced classes, and flagged for unbalanced ones.
     */
    @Test
    void beyondThePerClassBudgetBalancedClassesStayExactAndUnbalancedOnesAreFlagged() {
        int p = 700;
        int classes = 10;
        MomentLayout layout = new MomentLayout(p, 1, classes, false, true);
        ProbeMoments probe = new ProbeMoments(layout);
        assertTrue(!probe.hasWithinClassCovariance(), "10 × 700² doubles = 39 MB exceed the budget");
        double[][] phi = DenseReference.randomGaussian(31, 200, p);
        int[] balanced = TestArrays.balancedLabels(32, 200, classes);
        Baselines exact = measure(phi, balanced, classes, null);
        assertRelative(DenseReference.traceWithinClass(phi, balanced), exact.withinClassTrace());
        assertTrue(exact.warnings().isEmpty(), exact.warnings().toString());
        int[] unbalanced = balanced.clone();
        for (int i = 0; i < 30; i++) {
            unbalanced[i] = 0;
        }
        Baselines flagged = measure(phi, unbalanced, classes, null);
        assertRelative(pooledTrace(phi, unbalanced, classes), flagged.withinClassTrace());
        assertTrue(flagged.warnings().stream().anyMatch(w -> w.contains("classes are unbalanced")),
                flagged.warnings().toString());
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

    /** Tr of (C'/n) Σ_x (φ − μ_c)(φ − μ_c)ᵀ: the sample-weighted approximation of Σ_W, by a loop. */
    private static double pooledTrace(double[][] phi, int[] labels, int classes) {
        double[][] sums = new double[classes][phi[0].length];
        int[] counts = new int[classes];
        for (int i = 0; i < phi.length; i++) {
            counts[labels[i]]++;
            for (int k = 0; k < phi[i].length; k++) {
                sums[labels[i]][k] += phi[i][k];
            }
        }
        double scatter = 0;
        for (int i = 0; i < phi.length; i++) {
            for (int k = 0; k < phi[i].length; k++) {
                scatter += Math.pow(phi[i][k] - sums[labels[i]][k] / counts[labels[i]], 2);
            }
        }
        long present = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        return present * scatter / phi.length;
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, DENSE_AGREEMENT * Math.max(Math.abs(expected), 1e-6));
    }
}
