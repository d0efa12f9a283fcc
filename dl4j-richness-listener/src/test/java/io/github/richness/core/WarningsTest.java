package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The warnings and indicators of a result, each in a case where it must appear and one where it must not. */
class WarningsTest {

    @Test
    void aTestProbeNoLargerThanTheWidthIsFlagged() {
        double[][] train = DenseReference.randomGaussian(1, 300, 30);
        double[][] test = DenseReference.randomGaussian(2, 20, 30);
        RichnessResult small = Richness.analyze(matrix(train), matrix(test), matrix(TestArrays.linearMap(test, 3, 3)), null);
        assertHas(small.warnings(), "the test probe has n = 20 ≤ p = 30 samples");
        RichnessResult large = Richness.analyze(matrix(train), matrix(train), matrix(TestArrays.linearMap(train, 3, 4)),
                null);
        assertHasNot(large.warnings(), "the test probe has n");
    }

    /** f̂ = 1 + 10⁻⁶ g in float: its spread is a few float ulps, so D_LR measures rounding; in double it does not. */
    @Test
    void outputsAtRoundOffLevelAreFlaggedInThePrecisionTheyCameIn() {
        double[][] phi = DenseReference.randomGaussian(5, 200, 6);
        double[][] outputs = TestArrays.affine(TestArrays.linearMap(phi, 3, 6), 1e-6, 1.0);
        INDArray asFloat = matrix(outputs).castTo(DataType.FLOAT);
        assertHas(distances(phi, asFloat).warnings(), "the outputs are numerically constant");
        assertHasNot(distances(phi, matrix(outputs)).warnings(), "numerically constant");
        double[][] ordinary = TestArrays.linearMap(phi, 3, 7);
        assertHasNot(distances(phi, matrix(ordinary).castTo(DataType.FLOAT)).warnings(),
                "numerically constant");
    }

    /** ⟨1|e₁⟩ = mean of e₁ = Φu₁/√(nρ₁)·√n over the spectrum probe, against the Jacobi eigenvectors. */
    @Test
    void theConstantModeOverlapIsReportedAndFlaggedWhenLow() {
        double[][] centred = DenseReference.randomGaussian(8, 400, 5);
        double[][] offset = TestArrays.affine(centred, 1.0, 2.0);
        for (double[][] phi : new double[][][] {centred, offset}) {
            RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(TestArrays.linearMap(phi, 3, 9)),
                    null);
            assertEquals(overlap(phi), result.constantModeOverlap(), 1e-9);
        }
        RichnessResult low = Richness.analyze(matrix(centred), matrix(centred),
                matrix(TestArrays.linearMap(centred, 3, 9)), null);
        assertTrue(low.constantModeOverlap() < 0.5, "zero-mean features: e₁ is not constant");
        assertHas(low.warnings(), "the first eigenfunction is not the constant mode");
        RichnessResult high = Richness.analyze(matrix(offset), matrix(offset), matrix(TestArrays.linearMap(offset, 3, 9)),
                null);
        assertTrue(high.constantModeOverlap() > 0.95, "features around a common offset: " + high.constantModeOverlap());
        assertHasNot(high.warnings(), "constant mode");
    }

    /** Six outputs that use two feature directions: D_eff(Q̂) ≈ 3 < C − 1 = 5. */
    @Test
    void fewerUsedFeaturesThanOutputsIsFlagged() {
        double[][] phi = TestArrays.affine(DenseReference.randomGaussian(10, 500, 8), 1.0, 1.0);
        double[][] collapsed = new double[500][6];
        for (int i = 0; i < 500; i++) {
            double a = phi[i][0];
            double b = phi[i][1];
            collapsed[i] = new double[] {a, b, a + b, a - b, 2 * a, 3 * b};
        }
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(collapsed), null);
        assertTrue(result.utilizationEffectiveDimension() < 5, "D_eff(Q̂) = " + result.utilizationEffectiveDimension());
        assertHas(result.warnings(), "D_eff(Q̂) =");
        RichnessResult spread = Richness.analyze(matrix(phi), matrix(phi), matrix(TestArrays.linearMap(phi, 6, 11)),
                null);
        assertTrue(spread.utilizationEffectiveDimension() >= 5, "D_eff(Q̂) = " + spread.utilizationEffectiveDimension());
        assertHasNot(spread.warnings(), "D_eff(Q̂) =");
    }

    @Test
    void quantitiesThatWereNotMeasuredAreNaNOrEmpty() {
        double[][] phi = DenseReference.randomGaussian(12, 100, 4);
        RichnessResult result = distances(phi, matrix(TestArrays.linearMap(phi, 2, 13)));
        assertEquals(0, result.eigenvalues().length);
        assertEquals(0, result.cumulativeQuality().length);
        assertEquals(0, result.cumulativeUtilization().length);
        assertEquals(0, result.trustedEigenvalues());
        assertEquals(0, result.spectrumSampleCount());
        assertTrue(Double.isNaN(result.constantModeOverlap()));
        assertTrue(Double.isNaN(result.effectiveDimension()));
        assertTrue(Double.isNaN(result.lowRankDistanceStandardError()), "no blocks, no standard error");
        assertTrue(Double.isFinite(result.debiasedLowRankDistance()));
    }

    private static RichnessResult distances(double[][] phi, INDArray outputs) {
        ProbeMoments moments = new ProbeMoments(new MomentLayout(phi[0].length, (int) outputs.columns(), 0, false,
                false));
        moments.accumulate(matrix(phi), outputs, null, null);
        return RichnessAnalysis.distancesOnly(moments);
    }

    private static double overlap(double[][] phi) {
        double[][] vectors = DenseReference.eigenvectorsDescending(phi);
        double rho = DenseReference.eigenvaluesDescending(phi)[0];
        double mean = 0;
        for (double[] row : phi) {
            for (int k = 0; k < row.length; k++) {
                mean += row[k] * vectors[k][0] / phi.length;
            }
        }
        return Math.abs(mean) / Math.sqrt(rho);
    }

    private static void assertHas(List<String> warnings, String text) {
        assertTrue(warnings.stream().anyMatch(w -> w.contains(text)), "expected '" + text + "' in " + warnings);
    }

    private static void assertHasNot(List<String> warnings, String text) {
        assertTrue(warnings.stream().noneMatch(w -> w.contains(text)), "did not expect '" + text + "' in " + warnings);
    }
}
