package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The lazy reference against an explicit least-squares fit and the dense D_LR of its fitted outputs. */
class LazyReferenceTest {

    private static final double DENSE_AGREEMENT = 1e-9;

    /** Full column rank: the normal equations [Φ₀ 1]ᵀ[Φ₀ 1] β = [Φ₀ 1]ᵀ Y, solved by Gaussian elimination. */
    @Test
    void equalsTheDistanceOfTheNormalEquationsFit() {
        int n = 150;
        int p = 9;
        double[][] initial = TestArrays.affine(DenseReference.randomGaussian(1, n, p), 1.0, 0.5);
        double[][] targets = oneHot(TestArrays.balancedLabels(2, n, 4), 4);
        double[][] fitted = normalEquationsFit(initial, targets);
        double expected = DenseReference.lowRankDistance(initial, fitted);
        assertEquals(expected, Richness.lazyReference(matrix(initial), matrix(targets)), DENSE_AGREEMENT);
        assertTrue(expected > 0.2 && expected < 0.99, "a case between rich and lazy: " + expected);
        assertEquals(expected, 1.0 - DenseReference.kernelSimilarity(initial,
                DenseReference.leastSquaresFit(initial, targets, 1e-10)), DENSE_AGREEMENT, "the two fits agree");
    }

    /** Dead and duplicated units: the fit is the projection onto the span, by Gram–Schmidt of the n-vectors. */
    @Test
    void rankDeficientFeaturesUseTheirSpan() {
        int n = 120;
        double[][] base = DenseReference.randomGaussian(3, n, 6);
        double[][] initial = new double[n][9];
        for (int i = 0; i < n; i++) {
            System.arraycopy(base[i], 0, initial[i], 0, 6);
            initial[i][6] = base[i][0];
            initial[i][7] = 0.0;
            initial[i][8] = base[i][1] - 2 * base[i][2];
        }
        double[][] targets = oneHot(TestArrays.balancedLabels(4, n, 3), 3);
        double expected = DenseReference.lowRankDistance(initial,
                DenseReference.leastSquaresFit(initial, targets, 1e-10));
        ProbeMoments moments = new ProbeMoments(new MomentLayout(9, 0, 3, false, false));
        moments.accumulate(matrix(initial), null, matrix(targets), null);
        LazyReference.Outcome outcome = LazyReference.of(moments, Block.FEATURES, Block.TARGETS,
                SymmetricKernels.forBackend());
        assertEquals(expected, outcome.lowRankDistance(), DENSE_AGREEMENT);
        assertEquals(6, outcome.rank(), "9 units, 3 of them dead or dependent");
    }

    /** With n ≤ p the fit interpolates, F = Y: the lazy reference is the D_LR of the initial features and Y. */
    @Test
    void interpolatesOnAProbeSmallerThanTheWidth() {
        double[][] initial = DenseReference.randomGaussian(5, 20, 40);
        double[][] targets = oneHot(TestArrays.balancedLabels(6, 20, 4), 4);
        assertEquals(DenseReference.lowRankDistance(initial, targets),
                Richness.lazyReference(matrix(initial), matrix(targets)), DENSE_AGREEMENT);
    }

    @Test
    void readsTheListenersReferenceAndTargetBlocks() {
        int n = 100;
        double[][] features = DenseReference.randomGaussian(7, n, 5);
        double[][] initial = DenseReference.randomGaussian(8, n, 5);
        double[][] targets = oneHot(TestArrays.balancedLabels(9, n, 3), 3);
        ProbeMoments moments = new ProbeMoments(new MomentLayout(5, 3, 3, true, true));
        moments.accumulate(matrix(features), matrix(TestArrays.linearMap(features, 3, 10)), matrix(targets),
                matrix(initial));
        assertEquals(Richness.lazyReference(matrix(initial), matrix(targets)),
                LazyReference.of(moments).lowRankDistance(), 1e-12);
    }

    @Test
    void isUndefinedForConstantFeaturesOrTargetsWithAReason() {
        LazyReference.Outcome constant = lazy(Nd4j.ones(DataType.DOUBLE, 30, 4).toDoubleMatrix(),
                oneHot(TestArrays.balancedLabels(11, 30, 3), 3));
        assertTrue(Double.isNaN(constant.lowRankDistance()));
        assertTrue(constant.problem().contains("initial features are constant"), constant.problem());
        LazyReference.Outcome constantTargets = lazy(DenseReference.randomGaussian(12, 30, 4),
                Nd4j.ones(DataType.DOUBLE, 30, 2).toDoubleMatrix());
        assertTrue(Double.isNaN(constantTargets.lowRankDistance()));
        assertTrue(constantTargets.problem().contains("no component in the span"), constantTargets.problem());
        assertThrows(IllegalArgumentException.class, () -> LazyReference.of(new ProbeMoments(
                new MomentLayout(4, 2, 0, false, false))));
    }

    private static LazyReference.Outcome lazy(double[][] initial, double[][] targets) {
        ProbeMoments moments = new ProbeMoments(new MomentLayout(initial[0].length, 0, targets[0].length, false,
                false));
        moments.accumulate(matrix(initial), null, matrix(targets), null);
        return LazyReference.of(moments, Block.FEATURES, Block.TARGETS, SymmetricKernels.forBackend());
    }

    /** X β with β solving (XᵀX) β = XᵀY, X = [Φ₀ 1], by Gaussian elimination with partial pivoting. */
    private static double[][] normalEquationsFit(double[][] features, double[][] targets) {
        int n = features.length;
        int k = features[0].length + 1;
        double[][] x = new double[n][k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features[i], 0, x[i], 0, k - 1);
            x[i][k - 1] = 1.0;
        }
        double[][] xt = DenseReference.transpose(x);
        double[][] normal = DenseReference.matmul(xt, x);
        double[][] rhs = DenseReference.matmul(xt, targets);
        int t = targets[0].length;
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(normal[r][col]) > Math.abs(normal[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = normal[pivot];
            normal[pivot] = normal[col];
            normal[col] = swap;
            swap = rhs[pivot];
            rhs[pivot] = rhs[col];
            rhs[col] = swap;
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double factor = normal[r][col] / normal[col][col];
                    for (int c = 0; c < k; c++) {
                        normal[r][c] -= factor * normal[col][c];
                    }
                    for (int c = 0; c < t; c++) {
                        rhs[r][c] -= factor * rhs[col][c];
                    }
                }
            }
        }
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < t; c++) {
                rhs[r][c] /= normal[r][r];
            }
        }
        return DenseReference.matmul(x, rhs);
    }
}
