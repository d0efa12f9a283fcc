package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Richness#analyze} with the same array for both probes takes the own-probe path (features accumulated
 * once, no Gram matrix of the eigenfunctions): every number equals the general path's on a copy of the
 * features, on random features and on collapsed (rank r &lt; p) ones.
 */
class SameProbeFacadeTest {

    /** Two orderings of the same double-precision sums: agreement to this, relative to the largest entry. */
    private static final double SAME_NUMBERS = 1e-10;

    @ParameterizedTest(name = "n={0} p={1} C={2} rank={3}")
    @CsvSource({"400, 30, 5, 30", "300, 60, 8, 60", "400, 40, 6, 7", "200, 50, 10, 3"})
    void sameArrayGivesTheGeneralPathsNumbers(int n, int p, int c, int rank) {
        double[][] phi = features(n, p, rank);
        double[][] outputs = TestArrays.linearMap(phi, c, 2);
        double[][] noise = DenseReference.randomGaussian(3, n, c);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                outputs[i][k] += 0.3 * noise[i][k];
            }
        }
        INDArray features = matrix(phi);
        INDArray f = matrix(outputs);
        INDArray y = matrix(oneHot(TestArrays.balancedLabels(4, n, c), c));

        RichnessResult own = Richness.analyze(features, features, f, y);
        RichnessResult general = Richness.analyze(features.dup(), features, f, y);

        assertSame(general, own);
    }

    @Test
    void viewsOfTheSameElementsAreTheSameArrayAndCopiesAreNot() {
        INDArray features = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 20, 6);
        assertTrue(Richness.sameArray(features, features));
        assertTrue(Richness.sameArray(features, features.reshape(20, 6)), "a reshape to the same shape is a view");
        assertFalse(Richness.sameArray(features, features.dup()));
        INDArray rows = features.get(NDArrayIndex.interval(0, 10), NDArrayIndex.all());
        INDArray otherRows = features.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all());
        assertFalse(Richness.sameArray(rows, otherRows), "same shape, other rows");
        assertFalse(Richness.sameArray(features, features.transpose().transpose().dup('f')));
    }

    private static void assertSame(RichnessResult expected, RichnessResult actual) {
        assertEquals(expected.sampleCount(), actual.sampleCount());
        assertEquals(expected.spectrumSampleCount(), actual.spectrumSampleCount());
        assertClose(expected.lowRankDistance(), actual.lowRankDistance(), 1, "D_LR");
        assertClose(expected.debiasedLowRankDistance(), actual.debiasedLowRankDistance(), 1, "debiased D_LR");
        assertClose(expected.projectionLowRankDistance(), actual.projectionLowRankDistance(), 1, "projection D_LR");
        double[] rho = expected.eigenvalues();
        assertArrayClose(rho, actual.eigenvalues(), rho[0], "ρ");
        assertArrayClose(expected.cumulativeQuality(), actual.cumulativeQuality(), 1, "Π*");
        assertArrayClose(expected.cumulativeUtilization(), actual.cumulativeUtilization(), 1, "Π̂");
        assertClose(expected.effectiveDimension(), actual.effectiveDimension(), expected.effectiveDimension(), "D_eff");
        assertClose(expected.utilizationEffectiveDimension(), actual.utilizationEffectiveDimension(),
                expected.utilizationEffectiveDimension(), "D_eff(Q̂)");
        assertClose(expected.constantModeOverlap(), actual.constantModeOverlap(), 1, "⟨1|e₁⟩");
        assertEquals(expected.droppedEigenfunctions(), actual.droppedEigenfunctions(), "dropped eigenfunctions");
        assertEquals(expected.trustedEigenvalues(), actual.trustedEigenvalues(), "trusted eigenvalues");
        assertEquals(expected.warnings(), actual.warnings());
    }

    private static void assertArrayClose(double[] expected, double[] actual, double scale, String name) {
        assertEquals(expected.length, actual.length, name + " length");
        for (int k = 0; k < expected.length; k++) {
            assertClose(expected[k], actual[k], scale, name + "(" + (k + 1) + ")");
        }
    }

    private static void assertClose(double expected, double actual, double scale, String name) {
        assertEquals(expected, actual, SAME_NUMBERS * Math.abs(scale), name);
    }

    /** Gaussian features of the given rank (rank = p: full rank) with a non-zero mean. */
    private static double[][] features(int n, int p, int rank) {
        double[][] phi = DenseReference.matmul(DenseReference.randomGaussian(1, n, rank),
                DenseReference.randomGaussian(5, rank, p));
        for (double[] row : phi) {
            for (int j = 0; j < p; j++) {
                row[j] += 0.5 + 0.1 * j;
            }
        }
        return phi;
    }
}
