package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.device.TestKernels;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The spectrum (Algorithm 1), Π* and Π̂ (eq. 5) and D_eff (eq. 9) against a dense QR computation and closed forms. */
class SpectrumAndProjectionTest {

    /** Eigenvalues and Π agree with the dense Jacobi + Gram–Schmidt computation to this (relative to ρ_1 / to 1). */
    private static final double DENSE_AGREEMENT = 1e-9;
    /** Sampling error allowed when recovering a known population spectrum from n = 20000 Gaussian samples. */
    private static final double SAMPLING = 0.05;

    @ParameterizedTest(name = "n_train={0} n_test={1} p={2} C={3}")
    @CsvSource({"300, 200, 12, 4", "500, 400, 40, 10", "90, 60, 20, 3"})
    void agreesWithDenseEigenAndQr(int nTrain, int nTest, int p, int c) {
        double[][] train = spikedFeatures(1, nTrain, p);
        double[][] test = spikedFeatures(2, nTest, p);
        double[][] outputs = TestArrays.linearMap(test, c, 3);
        addNoise(outputs, 4, 0.5);
        int[] labels = TestArrays.balancedLabels(5, nTest, c);
        double[][] targets = oneHot(labels, c);

        RichnessResult result = Richness.analyze(matrix(train), matrix(test), matrix(outputs), matrix(targets));

        double[] expectedRho = DenseReference.eigenvaluesDescending(train);
        double[] rho = result.eigenvalues();
        for (int k = 0; k < p; k++) {
            assertEquals(Math.max(expectedRho[k], 0), rho[k], DENSE_AGREEMENT * expectedRho[0], "ρ_" + (k + 1));
        }
        double[] expectedUtilization = DenseReference.cumulativeProjection(train, test, outputs,
                Spectrum.RELATIVE_EIGENVALUE_FLOOR, OrderedCholesky.RESIDUAL_DROP_TOLERANCE, 1e-10);
        double[] expectedQuality = DenseReference.cumulativeProjection(train, test, targets,
                Spectrum.RELATIVE_EIGENVALUE_FLOOR, OrderedCholesky.RESIDUAL_DROP_TOLERANCE, 1e-10);
        assertArrayEquals(expectedUtilization, result.cumulativeUtilization(), DENSE_AGREEMENT);
        assertArrayEquals(expectedQuality, result.cumulativeQuality(), DENSE_AGREEMENT);
        assertEquals(DenseReference.effectiveDimension(expectedRho), result.effectiveDimension(), 1e-9);
        assertMonotoneAndBounded(result.cumulativeUtilization());
        assertMonotoneAndBounded(result.cumulativeQuality());
    }

    /**
     * On the spectrum's own probe the eigenfunctions are orthonormal by construction, and
     * {@link EigenfunctionProjection#onItsOwnProbe} skips the Gram matrix and its factorisation: Π must still
     * be the dense Gram–Schmidt result, and what the general path gives on a copy of the same moments.
     */
    @ParameterizedTest(name = "n={0} p={1} C={2}")
    @CsvSource({"300, 12, 4", "500, 40, 10", "60, 20, 3"})
    void onItsOwnProbeAgreesWithTheGeneralPathAndTheDenseReference(int n, int p, int c) {
        double[][] phi = spikedFeatures(7, n, p);
        double[][] outputs = TestArrays.linearMap(phi, c, 8);
        addNoise(outputs, 9, 0.5);
        double[][] targets = oneHot(TestArrays.balancedLabels(10, n, c), c);
        ProbeMoments moments = new ProbeMoments(new MomentLayout(p, c, c, false, false));
        moments.accumulate(matrix(phi), matrix(outputs), matrix(targets), null);
        ProbeMoments copy = new ProbeMoments(moments.layout());
        copy.merge(moments);

        RichnessResult own = RichnessAnalysis.analyze(moments, moments);
        RichnessResult general = RichnessAnalysis.analyze(copy, moments);

        assertArrayEquals(general.cumulativeUtilization(), own.cumulativeUtilization(), DENSE_AGREEMENT);
        assertArrayEquals(general.cumulativeQuality(), own.cumulativeQuality(), DENSE_AGREEMENT);
        assertArrayEquals(DenseReference.cumulativeProjection(phi, phi, outputs, Spectrum.RELATIVE_EIGENVALUE_FLOOR,
                OrderedCholesky.RESIDUAL_DROP_TOLERANCE, 1e-10), own.cumulativeUtilization(), DENSE_AGREEMENT);
        assertArrayEquals(DenseReference.cumulativeProjection(phi, phi, targets, Spectrum.RELATIVE_EIGENVALUE_FLOOR,
                OrderedCholesky.RESIDUAL_DROP_TOLERANCE, 1e-10), own.cumulativeQuality(), DENSE_AGREEMENT);
        assertEquals(general.droppedEigenfunctions(), own.droppedEigenfunctions());
    }

    @Test
    void eigendecompositionInPlaceEqualsTheCopyingOneAndRefusesViews() {
        INDArray features = matrix(spikedFeatures(11, 80, 9));
        INDArray gram = features.transpose().mmul(features);
        SymmetricEigen.Decomposition copying = SymmetricEigen.decompose(gram, SymmetricKernels.forBackend());
        SymmetricEigen.Decomposition overwriting = SymmetricEigen.decomposeOverwriting(gram.dup(),
                SymmetricKernels.forBackend());
        assertArrayEquals(copying.values(), overwriting.values(), 0.0);
        assertEquals(0.0, copying.vectors().sub(overwriting.vectors()).amaxNumber().doubleValue(), 0.0);
        INDArray product = copying.vectors().mmul(Nd4j.diag(Nd4j.createFromArray(copying.values())))
                .mmul(copying.vectors().transpose());
        assertEquals(0.0, product.sub(gram).amaxNumber().doubleValue(), 1e-10 * copying.values()[0], "V Λ Vᵀ = A");
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decomposeOverwriting(
                gram.get(NDArrayIndex.interval(0, 4), NDArrayIndex.interval(0, 4)), SymmetricKernels.forBackend()));
    }

    /** The copy of −A is read as column-major whatever the input's layout: a view, float, 'f' order. */
    @ParameterizedTest
    @MethodSource("kernels")
    void eigendecompositionReconstructsInputsOfAnyLayout(SymmetricKernels kernels) {
        INDArray features = matrix(spikedFeatures(12, 90, 12));
        INDArray padded = Nd4j.zeros(DataType.DOUBLE, 15, 15);
        INDArray view = padded.get(NDArrayIndex.interval(2, 14), NDArrayIndex.interval(3, 15));
        view.assign(features.transpose().mmul(features));
        INDArray gram = view.dup();
        for (INDArray input : new INDArray[] {view, gram.dup('f'), gram.castTo(DataType.FLOAT)}) {
            SymmetricEigen.Decomposition eigen = SymmetricEigen.decompose(input, kernels);
            INDArray product = eigen.vectors().mmul(Nd4j.diag(Nd4j.createFromArray(eigen.values())))
                    .mmul(eigen.vectors().transpose());
            double tolerance = (input.dataType() == DataType.FLOAT ? 1e-6 : 1e-10) * eigen.values()[0];
            assertEquals(0.0, product.sub(gram).amaxNumber().doubleValue(), tolerance,
                    "V Λ Vᵀ = A for " + input.dataType() + " '" + input.ordering() + "' view=" + input.isView());
        }
        assertEquals(0.0, padded.getDouble(0, 0), 0.0, "the input is left as it was");
        assertEquals(gram, view, "the input is left as it was");
    }

    @Test
    void recoversAKnownPopulationSpectrum() {
        int p = 8;
        double[] rho = new double[p];
        double[][] phi = new double[20000][p];
        Random random = new Random(11);
        for (int k = 0; k < p; k++) {
            rho[k] = Math.pow(k + 1, -1.5);
        }
        for (double[] row : phi) {
            for (int k = 0; k < p; k++) {
                row[k] = Math.sqrt(rho[k]) * random.nextGaussian();
            }
        }
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(TestArrays.linearMap(phi, 3, 12)), null);
        double[] measured = result.eigenvalues();
        for (int k = 0; k < p; k++) {
            assertEquals(rho[k], measured[k], SAMPLING * rho[k], "ρ_" + (k + 1) + " of a power law k^-1.5");
        }
        assertEquals(DenseReference.effectiveDimension(rho), result.effectiveDimension(), SAMPLING * p);
        assertEquals(0, result.cumulativeQuality().length, "no targets, no Π*: empty, not null");
    }

    @Test
    void outputsInTheFeatureSpanAreFullyUtilised() {
        double[][] phi = DenseReference.randomGaussian(21, 400, 16);
        double[][] outputs = DenseReference.matmul(phi, DenseReference.randomGaussian(22, 16, 5));
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(outputs), null);
        double[] utilization = result.cumulativeUtilization();
        assertEquals(1.0, utilization[15], 1e-10);
        assertMonotoneAndBounded(utilization);
    }

    @Test
    void simplexEtfWithCollapsedClassesIsRichest() {
        int c = 4;
        int p = 12;
        int n = 400;
        int[] labels = TestArrays.balancedLabels(31, n, c);
        double[][] embedding = LowRankDistanceTest.orthogonal(p, 32).get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c))
                .toDoubleMatrix();
        double[][] phi = new double[n][p];
        double[][] outputs = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double vertex = (labels[i] == j ? 1.0 : 0.0) - 1.0 / c;
                for (int k = 0; k < p; k++) {
                    phi[i][k] += 5.0 * vertex * embedding[k][j];
                }
                outputs[i][j] = 3.0 * (labels[i] == j ? 1.0 : 0.0) + 0.1 * j;
            }
        }
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(outputs), matrix(oneHot(labels, c)));
        assertEquals(0.0, result.lowRankDistance(), 1e-10, "simplex ETF with one-hot outputs: T is T_MP");
        assertEquals(0.0, result.projectionLowRankDistance(), 1e-10);
        assertEquals(p - (c - 1), result.droppedEigenfunctions(), "a (c − 1)-dimensional simplex, centred at 0");
        assertEquals(c - 1.0, result.effectiveDimension(), 1e-9, "D_eff: the c − 2 equal non-constant eigenvalues + 1");
        assertEquals(result.cumulativeQuality()[c - 2], result.cumulativeQuality()[p - 1], 1e-12, "flat after the last kept");
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("eigenfunctions dropped")));
    }

    @Test
    void effectiveDimensionHasItsClosedForms() {
        assertEquals(4.0, EffectiveDimension.of(new double[] {10, 1, 1, 1}), 1e-12);
        assertEquals(2.0, EffectiveDimension.of(new double[] {5, 1, 0, 0}), 1e-12);
        assertEquals(1.0, EffectiveDimension.of(new double[] {5, 0, 0}), 1e-12);
        assertEquals(1.0, EffectiveDimension.of(new double[] {5}), 1e-12);
        double[] isotropic = new double[64];
        java.util.Arrays.fill(isotropic, 0.25);
        assertEquals(64.0, EffectiveDimension.of(isotropic), 1e-9);
    }

    @Test
    void smallSpectrumProbeIsFlagged() {
        double[][] phi = DenseReference.randomGaussian(41, 20, 30);
        RichnessResult result = Richness.analyze(matrix(phi), matrix(phi), matrix(TestArrays.linearMap(phi, 3, 42)), null);
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("n = 20 ≤ p = 30")), result.warnings().toString());
    }

    @Test
    void oneAnalysisMovesOnlyVectorsToTheHost() {
        int n = 4096;
        int p = 64;
        int c = 10;
        double[][] phi = spikedFeatures(51, n, p);
        INDArray features = matrix(phi);
        INDArray outputs = matrix(TestArrays.linearMap(phi, c, 52));
        INDArray targets = matrix(oneHot(TestArrays.balancedLabels(53, n, c), c));
        long before = HostTransfer.elementsTransferred();
        Richness.analyze(features, features, outputs, targets);
        long moved = HostTransfer.elementsTransferred() - before;
        assertTrue(moved <= 10L * (p + c) + 64, "moved " + moved + " elements; O(p + C) = " + (p + c)
                + ", the activations hold " + (long) n * p);
    }

    static Stream<SymmetricKernels> kernels() {
        return TestKernels.rightOnThisMachine();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void orderedCholeskyIsTheCholeskyFactorOnPositiveDefiniteInput(SymmetricKernels kernels) {
        int m = 150;
        INDArray x = matrix(DenseReference.randomGaussian(61, 400, m));
        INDArray product = x.transpose().mmul(x);
        INDArray gram = product.add(product.transpose()).muli(0.5);
        OrderedCholesky.Factor factor = OrderedCholesky.factor(gram, kernels);
        assertEquals(0, factor.dropped());
        double[][] lower = factor.lower().toDoubleMatrix();
        for (int i = 0; i < m; i++) {
            assertTrue(lower[i][i] > 0, "positive diagonal at " + i);
            for (int j = i + 1; j < m; j++) {
                assertEquals(0.0, lower[i][j], "upper triangle at " + i + "," + j);
            }
        }
        double error = factor.lower().mmul(factor.lower().transpose()).subi(gram).norm2Number().doubleValue();
        assertEquals(0.0, error / gram.norm2Number().doubleValue(), 1e-13, "L Lᵀ = A: the unique Cholesky factor");
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void orderedCholeskyDropsDependentColumnsInOrder(SymmetricKernels kernels) {
        double[][] base = DenseReference.randomGaussian(71, 300, 100);
        double[][] withCopies = new double[300][130];
        for (int i = 0; i < 300; i++) {
            System.arraycopy(base[i], 0, withCopies[i], 0, 100);
            for (int j = 0; j < 30; j++) {
                withCopies[i][100 + j] = base[i][j] - 2 * base[i][90 - j];
            }
        }
        INDArray e = matrix(withCopies);
        OrderedCholesky.Factor factor = OrderedCholesky.factor(e.transpose().mmul(e), kernels);
        assertEquals(30, factor.dropped(), "the 30 combinations of earlier columns, spread over two blocks");
        double[] keep = factor.keep().toDoubleVector();
        for (int j = 0; j < 130; j++) {
            assertEquals(j < 100 ? 1.0 : 0.0, keep[j], "column " + j);
        }
    }

    private static void assertMonotoneAndBounded(double[] cumulative) {
        for (int k = 0; k < cumulative.length; k++) {
            assertTrue(cumulative[k] <= 1.0 + 1e-12, "Π(" + (k + 1) + ") = " + cumulative[k] + " > 1");
            assertTrue(k == 0 || cumulative[k] >= cumulative[k - 1] - 1e-12, "Π decreases at " + (k + 1));
        }
    }

    /** Features with a non-zero mean and a decaying spectrum, as penultimate layers have. */
    static double[][] spikedFeatures(long seed, int n, int p) {
        double[][] phi = DenseReference.randomGaussian(seed, n, p);
        for (double[] row : phi) {
            for (int k = 0; k < p; k++) {
                row[k] = row[k] / Math.sqrt(k + 1.0) + 0.3;
            }
        }
        return phi;
    }

    private static void addNoise(double[][] matrix, long seed, double scale) {
        Random random = new Random(seed);
        for (double[] row : matrix) {
            for (int j = 0; j < row.length; j++) {
                row[j] += scale * random.nextGaussian();
            }
        }
    }
}
