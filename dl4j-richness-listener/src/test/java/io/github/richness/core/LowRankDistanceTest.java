package io.github.richness.core;

import static io.github.richness.testing.TestArrays.affine;
import static io.github.richness.testing.TestArrays.linearMap;
import static io.github.richness.testing.TestArrays.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.testing.DenseReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** D_LR (eq. 4) and its projection variant against closed forms and a dense n × n computation. */
class LowRankDistanceTest {

    /** Agreement with the dense n × n computation: the 1e-9 relative. */
    private static final double DENSE_AGREEMENT = 1e-9;
    /** Closed-form zeros and invariances hold to round-off. */
    private static final double ROUND_OFF = 1e-10;
    private static final double RANK_TOLERANCE = 1e-10;

    @ParameterizedTest(name = "n={0} p={1} C={2}")
    @CsvSource({"50, 8, 3", "200, 32, 10", "120, 5, 12", "64, 16, 1"})
    void agreesWithDenseGramComputation(int n, int p, int c) {
        double[][] phi = DenseReference.randomGaussian(n + p, n, p);
        double[][] f = DenseReference.randomGaussian(7 * n + c, n, c);
        mixIn(f, phi, 0.7);
        double expected = DenseReference.lowRankDistance(phi, f);
        double actual = Richness.lowRankDistance(matrix(phi), matrix(f));
        assertEquals(expected, actual, DENSE_AGREEMENT * Math.max(expected, 1e-3));
    }

    @Test
    void projectionVariantAgreesWithDenseProjector() {
        double[][] phi = DenseReference.randomGaussian(11, 150, 12);
        double[][] f = DenseReference.randomGaussian(12, 150, 4);
        mixIn(f, phi, 2.0);
        double expected = DenseReference.projectionLowRankDistance(phi, f, RANK_TOLERANCE);
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(f), null);
        assertEquals(expected, result.projectionLowRankDistance(), DENSE_AGREEMENT);
    }

    @Test
    void featuresEqualToOutputsAreRichest() {
        double[][] phi = DenseReference.randomGaussian(1, 100, 10);
        assertEquals(0.0, Richness.lowRankDistance(matrix(phi), matrix(phi)), ROUND_OFF);
    }

    @Test
    void rotatedAndRescaledOutputsAreRichest() {
        double[][] phi = DenseReference.randomGaussian(2, 100, 6);
        INDArray rotation = orthogonal(6, 3);
        INDArray outputs = matrix(phi).mmul(rotation).muli(3.5).addi(2.0);
        assertEquals(0.0, Richness.lowRankDistance(matrix(phi), outputs), ROUND_OFF);
    }

    @Test
    void invariantToRotationScaleAndTranslationOfFeatures() {
        double[][] phi = DenseReference.randomGaussian(4, 300, 20);
        double[][] f = linearMap(DenseReference.randomGaussian(5, 300, 20), 5, 6);
        mixIn(f, phi, 1.0);
        double reference = Richness.lowRankDistance(matrix(phi), matrix(f));
        INDArray transformed = matrix(phi).mmul(orthogonal(20, 7)).muli(0.01).addi(1e3);
        assertEquals(reference, Richness.lowRankDistance(transformed, matrix(f)), ROUND_OFF);
        assertTrue(reference > 0.1 && reference < 0.99, "a case strictly between rich and lazy: " + reference);
    }

    @Test
    void largeMeansDoNotCostPrecision() {
        double[][] phi = DenseReference.randomGaussian(8, 400, 10);
        double[][] f = DenseReference.randomGaussian(9, 400, 3);
        mixIn(f, phi, 0.5);
        double reference = DenseReference.lowRankDistance(phi, f);
        double shifted = Richness.lowRankDistance(matrix(affine(phi, 1.0, 1e6)), matrix(affine(f, 1.0, -1e6)));
        assertEquals(reference, shifted, 1e-8);
    }

    @Test
    void independentFeaturesAreLazy() {
        double[][] phi = DenseReference.randomGaussian(10, 20000, 16);
        double[][] f = DenseReference.randomGaussian(20, 20000, 4);
        double value = Richness.lowRankDistance(matrix(phi), matrix(f));
        assertTrue(value > 0.99, "independent features and outputs: D_LR ≈ 1, got " + value);
    }

    @Test
    void floatAndDoubleInputsGiveTheSameNumber() {
        double[][] phi = DenseReference.randomGaussian(30, 200, 12);
        double[][] f = DenseReference.randomGaussian(31, 200, 5);
        mixIn(f, phi, 1.0);
        INDArray phiFloat = matrix(phi).castTo(DataType.FLOAT);
        INDArray fFloat = matrix(f).castTo(DataType.FLOAT);
        double fromFloat = Richness.lowRankDistance(phiFloat, fFloat);
        double fromDoubleOfFloat = Richness.lowRankDistance(phiFloat.castTo(DataType.DOUBLE), fFloat.castTo(DataType.DOUBLE));
        assertEquals(fromDoubleOfFloat, fromFloat, 1e-14, "float input is widened to double exactly");
        assertEquals(Richness.lowRankDistance(matrix(phi), matrix(f)), fromFloat, 1e-5, "float rounding only");
    }

    @Test
    void scalarRegressionAndNarrowFeaturesAreSupported() {
        double[][] phi = DenseReference.randomGaussian(40, 100, 3);
        double[][] scalar = linearMap(phi, 1, 41);
        assertEquals(0.0, Richness.lowRankDistance(matrix(phi), matrix(scalar)), 1.0,
                "C = 1 is defined");
        assertEquals(DenseReference.lowRankDistance(phi, scalar), Richness.lowRankDistance(matrix(phi), matrix(scalar)),
                DENSE_AGREEMENT);
        double[][] wide = linearMap(phi, 10, 42);
        assertEquals(DenseReference.lowRankDistance(phi, wide), Richness.lowRankDistance(matrix(phi), matrix(wide)),
                DENSE_AGREEMENT, "p < C is defined");
    }

    @Test
    void constantOutputsGiveNaNWithAReason() {
        double[][] phi = DenseReference.randomGaussian(50, 30, 4);
        INDArray constant = Nd4j.ones(DataType.DOUBLE, 30, 3);
        assertTrue(Double.isNaN(Richness.lowRankDistance(matrix(phi), constant)));
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), constant, null);
        assertTrue(Double.isNaN(result.lowRankDistance()));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("OUTPUTS are constant")), result.warnings().toString());
    }

    @Test
    void badInputIsRejectedWithTheCause() {
        INDArray phi = Nd4j.rand(DataType.DOUBLE, 10, 4);
        assertMessage("row counts differ", () -> Richness.lowRankDistance(phi, Nd4j.rand(DataType.DOUBLE, 9, 2)));
        assertMessage("at least 2 test samples", () -> Richness.lowRankDistance(phi.getRows(0), Nd4j.rand(DataType.DOUBLE, 1, 2)));
        assertMessage("must be a matrix", () -> Richness.lowRankDistance(Nd4j.rand(DataType.DOUBLE, 10), phi));
        INDArray withNaN = phi.dup();
        withNaN.putScalar(3, 2, Double.NaN);
        assertMessage("NaN or infinite values in [FEATURES]", () -> Richness.lowRankDistance(withNaN, phi));
        INDArray withInfinity = phi.dup();
        withInfinity.putScalar(0, 0, Double.POSITIVE_INFINITY);
        assertMessage("NaN or infinite values in [OUTPUTS]", () -> Richness.lowRankDistance(phi, withInfinity));
        assertMessage("must be floating point", () -> Richness.lowRankDistance(phi, phi.castTo(DataType.INT)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    /** f += weight · (first columns of φ), so features and outputs share structure. */
    private static void mixIn(double[][] f, double[][] phi, double weight) {
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < f[i].length; j++) {
                f[i][j] += weight * phi[i][j % phi[i].length];
            }
        }
    }

    /** A random orthogonal matrix: the eigenvectors of a random symmetric matrix. */
    static INDArray orthogonal(int size, long seed) {
        INDArray g = matrix(DenseReference.randomGaussian(seed, size, size));
        return SymmetricEigen.decompose(g.add(g.transpose()), SymmetricKernels.plain()).vectors();
    }
}
