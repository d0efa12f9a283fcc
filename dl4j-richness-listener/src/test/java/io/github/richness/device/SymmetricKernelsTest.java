package io.github.richness.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.moments.Diagonals;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The OpenBLAS fast paths against ND4J's plain operations (GEMM, {@code syev}), to 1e-10 relative. */
class SymmetricKernelsTest {

    /** Two orderings of the same double-precision sums: agreement to this, relative to the largest entry. */
    private static final double SAME_NUMBERS = 1e-10;

    private final SymmetricKernels fast = SymmetricKernels.openBlas();
    private final SymmetricKernels plain = SymmetricKernels.plain();

    @Test
    void theCpuBackendGetsTheOpenBlasKernels() {
        assertEquals(fast.name(), SymmetricKernels.forBackend().name());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 130})
    void rankKUpdateThenMirrorEqualsGemm(int width) {
        INDArray rows = gaussian(11, 57, width);
        INDArray start = gaussian(12, width, width);
        start.addi(start.transpose().dup()).muli(0.5);
        INDArray expected = start.dup('c');
        plain.addGram(rows, expected);
        INDArray actual = start.dup('c');
        fast.addGram(rows, actual);
        fast.addGram(rows, actual);
        plain.addGram(rows.neg(), expected);
        fast.symmetrize(actual);
        assertClose(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 64, 300})
    void divideAndConquerEqualsQrIteration(int width) {
        INDArray factor = gaussian(21, 2 * width + 3, width);
        INDArray symmetric = factor.transpose().mmul(factor);
        Decomposed expected = decompose(plain, symmetric);
        Decomposed actual = decompose(fast, symmetric);
        assertClose(expected.values, actual.values);
        for (int k = 0; k < width; k++) {
            INDArray want = expected.vectors.getColumn(k);
            INDArray got = actual.vectors.getColumn(k).dup();
            if (want.mul(got).sumNumber().doubleValue() < 0) {
                got.negi();
            }
            assertClose(want, got);
        }
    }

    @Test
    void blasTriangularSolveEqualsNd4jOp() {
        INDArray factor = gaussian(41, 300, 150);
        INDArray lower = factor.transpose().mmul(factor);
        double[] norms = Diagonals.of(lower.dup('c')).toDoubleVector();
        plain.orderedCholesky(lower, norms, 0.0);
        INDArray rhs = gaussian(42, 150, 7);
        INDArray expected = plain.solveLower(lower, rhs);
        INDArray actual = fast.solveLower(lower, rhs);
        assertClose(expected, actual);
        assertClose(rhs, lower.mmul(actual));
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 300})
    void blasCongruenceEqualsNd4jProducts(int columns) {
        INDArray factor = gaussian(51, columns + 60, columns + 20);
        INDArray symmetric = factor.transpose().mmul(factor);
        INDArray vectors = gaussian(52, columns + 20, columns);
        assertClose(plain.congruence(symmetric, vectors), fast.congruence(symmetric, vectors));
    }

    @Test
    void rejectsViewsAndWrongLayouts() {
        INDArray square = gaussian(31, 8, 8);
        INDArray values = Nd4j.create(DataType.DOUBLE, 8);
        assertThrows(IllegalArgumentException.class, () -> fast.eigen(square, values));
        assertThrows(IllegalArgumentException.class, () -> fast.addGram(gaussian(32, 4, 3), square));
        assertThrows(IllegalArgumentException.class,
                () -> fast.addGram(square.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)),
                        Nd4j.zeros(DataType.DOUBLE, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> fast.symmetrize(square.castTo(DataType.FLOAT)));
    }

    @Test
    void rankKUpdateTakesTheLeadingRowsOfALargerBuffer() {
        INDArray buffer = gaussian(33, 20, 6);
        INDArray leading = buffer.get(NDArrayIndex.interval(0, 13), NDArrayIndex.all());
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 6, 6);
        plain.addGram(leading.dup(), expected);
        INDArray actual = Nd4j.zeros(DataType.DOUBLE, 6, 6);
        fast.addGram(leading, actual);
        fast.symmetrize(actual);
        assertClose(expected, actual);
        assertThrows(IllegalArgumentException.class,
                () -> fast.addGram(buffer.get(NDArrayIndex.interval(1, 13), NDArrayIndex.all()), actual));
    }

    private record Decomposed(INDArray values, INDArray vectors) {
    }

    private static Decomposed decompose(SymmetricKernels kernels, INDArray symmetric) {
        INDArray vectors = symmetric.dup('f');
        INDArray values = Nd4j.create(DataType.DOUBLE, symmetric.rows());
        assertEquals(0, kernels.eigen(vectors, values));
        return new Decomposed(values, vectors);
    }

    private static INDArray gaussian(long seed, int rows, int columns) {
        return TestArrays.matrix(DenseReference.randomGaussian(seed, rows, columns));
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        double error = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(error <= SAME_NUMBERS, "relative difference " + error + " > " + SAME_NUMBERS);
    }
}
