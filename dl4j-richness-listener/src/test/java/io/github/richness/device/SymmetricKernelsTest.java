package io.github.richness.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.moments.Diagonals;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The OpenBLAS kernels against independent computations: ND4J's GEMM (right on every CPU), a Java Jacobi
 * eigensolver, residuals; and the check that decides which OpenBLAS routines are trusted. The OpenBLAS tests
 * are skipped, saying why, on a backend other than ND4J's CPU one.
 */
class SymmetricKernelsTest {

    /** Two orderings of the same double-precision sums: agreement to this, relative to the largest entry. */
    private static final double SAME_NUMBERS = 1e-10;

    private final SymmetricKernels plain = SymmetricKernels.plain();

    @Test
    void theCpuBackendGetsTheOpenBlasKernelsThatPassTheirCheck() {
        TestKernels.assumeOpenBlas();
        boolean fullIsRight = KernelCheck.of(OpenBlasKernels.full()).passed();
        assertEquals(fullIsRight ? "openblas" : "openblas-level2-triangular", SymmetricKernels.forBackend().name());
        assertEquals(SymmetricKernels.forBackend(), SymmetricKernels.openBlas());
        assertTrue(KernelCheck.of(SymmetricKernels.forBackend()).passed());
        assertTrue(KernelCheck.of(OpenBlasKernels.avoidingTriangularLevel3()).passed(),
                "the level-2 variant is right on every CPU");
    }

    @Test
    void theCheckNamesAWrongSolveAndAWrongEigendecomposition() {
        SymmetricKernels right = SymmetricKernels.forBackend();
        KernelCheck wrongSolve = KernelCheck.of(new Delegating(right) {
            @Override
            public INDArray solveLower(INDArray lower, INDArray rhs) {
                return rhs.dup();
            }
        });
        assertEquals(1, wrongSolve.failures().size(), wrongSolve.failures().toString());
        assertTrue(wrongSolve.failures().get(0).startsWith("triangular solve"));
        KernelCheck wrongEigen = KernelCheck.of(new Delegating(right) {
            @Override
            public int eigen(INDArray matrix, INDArray values) {
                int info = right.eigen(matrix, values);
                matrix.getColumn(0).addi(1e-6);
                return info;
            }
        });
        assertEquals(1, wrongEigen.failures().size(), wrongEigen.failures().toString());
        assertTrue(wrongEigen.failures().get(0).startsWith("eigendecomposition"));
        KernelCheck failedEigen = KernelCheck.of(new Delegating(right) {
            @Override
            public int eigen(INDArray matrix, INDArray values) {
                return 3;
            }
        });
        assertFalse(failedEigen.passed());
    }

    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#openBlasVariants")
    void rankKUpdateThenMirrorEqualsGemm(SymmetricKernels fast) {
        for (int width : new int[] {1, 7, 130}) {
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
    }

    /** Small widths against a Java Jacobi solver; the widths of LAPACK's blocked code by their residuals. */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#openBlasVariants")
    void eigendecompositionIsRight(SymmetricKernels fast) {
        for (int width : new int[] {1, 5, 64, 300}) {
            INDArray factor = gaussian(21, 2 * width + 3, width);
            INDArray symmetric = factor.transpose().mmul(factor);
            INDArray vectors = symmetric.dup('f');
            INDArray values = Nd4j.create(DataType.DOUBLE, width);
            assertEquals(0, fast.eigen(vectors, values));
            INDArray residual = symmetric.mmul(vectors).subi(vectors.mulRowVector(values));
            assertClose(Nd4j.zeros(DataType.DOUBLE, width, width), residual, values.amaxNumber().doubleValue());
            assertClose(Nd4j.eye(width).castTo(DataType.DOUBLE), vectors.transpose().mmul(vectors));
            if (width <= 64) {
                double[] jacobi = DenseReference.eigenvaluesDescending(factor.toDoubleMatrix());
                for (int k = 0; k < width; k++) {
                    assertEquals(jacobi[k] * factor.rows(), values.getDouble(width - 1 - k),
                            SAME_NUMBERS * jacobi[0] * factor.rows(), "eigenvalue " + k + " at width " + width);
                }
            }
        }
    }

    /** On eigenvalues 1, 2, …, 300 (gaps of 1) each eigenvector is determined to about 300 ε. */
    @Test
    void bothOpenBlasVariantsGiveTheSameEigenvectorsWhereBothAreRight() {
        TestKernels.assumeOpenBlas();
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelCheck.of(OpenBlasKernels.full()).passed(),
                "dsyevd is wrong on this CPU (see KernelCheck): nothing to compare the level-2 variant with");
        int k = 300;
        INDArray factor = gaussian(22, 2 * k + 3, k);
        INDArray basis = factor.transpose().mmul(factor).dup('f');
        OpenBlasKernels.avoidingTriangularLevel3().eigen(basis, Nd4j.create(DataType.DOUBLE, k));
        INDArray spread = Nd4j.linspace(1, k, k, DataType.DOUBLE);
        INDArray symmetric = basis.mulRowVector(spread).mmul(basis.transpose());
        INDArray full = symmetric.dup('f');
        INDArray level2 = symmetric.dup('f');
        INDArray fullValues = Nd4j.create(DataType.DOUBLE, k);
        INDArray level2Values = Nd4j.create(DataType.DOUBLE, k);
        assertEquals(0, OpenBlasKernels.full().eigen(full, fullValues));
        assertEquals(0, OpenBlasKernels.avoidingTriangularLevel3().eigen(level2, level2Values));
        assertClose(spread, fullValues);
        assertClose(fullValues, level2Values);
        for (int c = 0; c < k; c++) {
            INDArray want = full.getColumn(c);
            INDArray got = level2.getColumn(c).dup();
            if (want.mul(got).sumNumber().doubleValue() < 0) {
                got.negi();
            }
            assertClose(want, got, 1.0);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#rightOnThisMachine")
    void triangularSolveIsRight(SymmetricKernels kernels) {
        INDArray factor = gaussian(41, 300, 150);
        INDArray lower = factor.transpose().mmul(factor);
        double[] norms = Diagonals.of(lower.dup('c')).toDoubleVector();
        SymmetricKernels.forBackend().orderedCholesky(lower, norms, 0.0);
        INDArray rhs = gaussian(42, 150, 7);
        INDArray solution = kernels.solveLower(lower, rhs);
        assertClose(rhs, lower.mmul(solution));
    }

    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#openBlasVariants")
    void blasCongruenceEqualsNd4jProducts(SymmetricKernels fast) {
        for (int columns : new int[] {33, 300}) {
            INDArray factor = gaussian(51, columns + 60, columns + 20);
            INDArray symmetric = factor.transpose().mmul(factor);
            INDArray vectors = gaussian(52, columns + 20, columns);
            assertClose(plain.congruence(symmetric, vectors), fast.congruence(symmetric, vectors));
        }
    }

    @Test
    void rejectsViewsAndWrongLayouts() {
        TestKernels.assumeOpenBlas();
        SymmetricKernels fast = SymmetricKernels.openBlas();
        INDArray square = gaussian(31, 8, 8);
        INDArray values = Nd4j.create(DataType.DOUBLE, 8);
        assertThrows(IllegalArgumentException.class, () -> fast.eigen(square, values));
        assertThrows(IllegalArgumentException.class, () -> fast.addGram(gaussian(32, 4, 3), square));
        assertThrows(IllegalArgumentException.class,
                () -> fast.addGram(square.transpose(), Nd4j.zeros(DataType.DOUBLE, 8, 8)));
        assertThrows(IllegalArgumentException.class,
                () -> fast.addGram(square.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)),
                        Nd4j.zeros(DataType.DOUBLE, 6, 6).get(NDArrayIndex.interval(0, 3), NDArrayIndex.interval(0, 3))));
        assertThrows(IllegalArgumentException.class, () -> fast.symmetrize(square.castTo(DataType.FLOAT)));
    }

    /**
     * {@code addGram} on rows of every constant distance, into one matrix of a stack (its neighbours untouched); then
     * {@code setGram} over NaN, and {@code addGram} on top of it.
     */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#everyImplementation")
    void rankKUpdateTakesAnyRowsAtAConstantDistance(SymmetricKernels kernels) {
        INDArray buffer = gaussian(33, 20, 6);
        INDArray[] views = {
            buffer.get(NDArrayIndex.interval(0, 13), NDArrayIndex.all()),
            buffer.get(NDArrayIndex.interval(5, 17), NDArrayIndex.all()),
            buffer.get(NDArrayIndex.interval(2, 3, 20), NDArrayIndex.all()),
            buffer.get(NDArrayIndex.interval(7, 11), NDArrayIndex.interval(1, 5)),
            buffer.get(NDArrayIndex.interval(9, 10), NDArrayIndex.all()),
        };
        for (INDArray rows : views) {
            int d = (int) rows.columns();
            INDArray copy = rows.dup('c');
            INDArray expected = copy.transpose().mmul(copy);
            INDArray stack = Nd4j.zeros(DataType.DOUBLE, 3, d, d);
            INDArray target = stack.slice(1);
            kernels.addGram(rows, target);
            INDArray actual = target.dup('c');
            kernels.symmetrize(actual);
            assertClose(expected, actual);
            assertEquals(0.0, stack.slice(0).sumNumber().doubleValue() + stack.slice(2).sumNumber().doubleValue(),
                    "the neighbouring matrices of the stack are untouched");
            target.assign(Double.NaN);
            kernels.setGram(rows, target);
            kernels.symmetrize(target);
            assertClose(expected, target.dup('c'));
            kernels.addGram(rows, target);
            kernels.symmetrize(target);
            assertClose(expected.mul(2.0), target.dup('c'));
        }
    }

    /**
     * {@code copy} against ND4J's {@code assign}, exactly (a float widens to double without rounding): float and
     * double sources of every layout of {@link #anyLayouts} (the 'f'-order one takes the fallback), into a column
     * block of a 'c'-order matrix, whose other columns stay untouched.
     */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#everyImplementation")
    void copyConvertsAnyLayoutIntoAColumnBlock(SymmetricKernels kernels) {
        for (INDArray source : anyLayouts(gaussian(34, 24, 9))) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray typed = type == DataType.DOUBLE ? source : source.castTo(type);
                long rows = source.rows();
                long columns = source.columns();
                INDArray target = Nd4j.valueArrayOf(new long[] {rows + 2, columns + 4}, -7.0, DataType.DOUBLE);
                INDArray block = target.get(NDArrayIndex.interval(1, rows + 1), NDArrayIndex.interval(3, columns + 3));
                INDArray expected = target.dup('c');
                expected.get(NDArrayIndex.interval(1, rows + 1), NDArrayIndex.interval(3, columns + 3)).assign(typed);
                kernels.copy(typed, block);
                assertEquals(expected, target, type + " " + java.util.Arrays.toString(source.shape()) + " strides "
                        + java.util.Arrays.toString(source.stride()));
            }
        }
    }

    /**
     * {@code columnSums}, {@code columnMeans} and {@code subtractFromRows} against ND4J's {@code sum(0)}, {@code mean(0)}
     * and {@code subiRowVector} for every layout of {@link #anyLayouts} (the 'f'-order one takes the fallback), with
     * the vector a 1-d array or a row view of another matrix; then for more rows than any earlier call's (the kept
     * vector of ones grows).
     */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#everyImplementation")
    void sumsMeansAndRowSubtractionEqualNd4j(SymmetricKernels kernels) {
        INDArray buffer = gaussian(35, 30, 9).addi(3.0);
        for (INDArray view : anyLayouts(buffer)) {
            int d = (int) view.columns();
            INDArray expectedMean = view.mean(0);
            INDArray expectedSum = view.sum(0);
            INDArray holder = Nd4j.zeros(DataType.DOUBLE, 3, d);
            INDArray[] intos = {Nd4j.zeros(DataType.DOUBLE, d), holder.getRow(1)};
            for (INDArray into : intos) {
                kernels.columnSums(view, into);
                assertClose(expectedSum, into.reshape(d), view.rows());
                kernels.columnMeans(view, into);
                assertClose(expectedMean, into.reshape(d), 1.0);
            }
            assertEquals(0.0, holder.getRow(0).sumNumber().doubleValue() + holder.getRow(2).sumNumber().doubleValue(),
                    "the neighbouring rows are untouched");
            INDArray constant = Nd4j.valueArrayOf(view.shape(), 1.5, DataType.DOUBLE);
            kernels.columnMeans(constant, intos[0]);
            kernels.subtractFromRows(constant, intos[0]);
            assertEquals(0.0, constant.amaxNumber().doubleValue(), 0.0, "a constant column whose sum is exact centres to exact zeros, as with ND4J");
            INDArray row = Nd4j.linspace(DataType.DOUBLE, 1, d, 1);
            INDArray expected = view.dup('c').subiRowVector(row);
            INDArray before = buffer.dup();
            INDArray target = view.isView() ? view : view.dup(view.ordering());
            kernels.subtractFromRows(target, row);
            assertClose(expected, target, 1.0);
            if (view.isView()) {
                buffer.assign(before);
            }
        }
        INDArray taller = gaussian(36, 1000, 7);
        INDArray sums = Nd4j.zeros(DataType.DOUBLE, 7);
        kernels.columnSums(taller, sums);
        assertClose(taller.sum(0), sums, 1000.0);
        INDArray centred = taller.dup();
        kernels.subtractFromRows(centred, sums.div(1000));
        assertClose(taller.subRowVector(taller.mean(0)), centred, 1.0);
    }

    /**
     * {@code squaredSum} against the sum of squares accumulated in double on the host, for float and double arrays
     * of every layout of {@link #anyLayouts}, a vector and a column of ten million floats near 1 (whose float sum
     * would be off by about 1e-7 relative); each result counts as one transfer.
     */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#everyImplementation")
    void squaredSumIsTheSumOfSquaresInDouble(SymmetricKernels kernels) {
        INDArray buffer = gaussian(46, 30, 9);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (INDArray typed : anyLayouts(type == DataType.DOUBLE ? buffer : buffer.castTo(type))) {
                double[] values = typed.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                double expected = 0;
                for (double value : values) {
                    expected += value * value;
                }
                long transfers = HostTransfer.transfers();
                assertEquals(expected, kernels.squaredSum(typed), 1e-14 * expected, type + " "
                        + java.util.Arrays.toString(typed.shape()) + " strides " + java.util.Arrays.toString(typed.stride()));
                assertEquals(transfers + 1, HostTransfer.transfers(), "one scalar to the host");
            }
        }
        float[] nearOne = new float[10_000_000];
        java.util.Random random = new java.util.Random(47);
        double exact = 0;
        for (int i = 0; i < nearOne.length; i++) {
            nearOne[i] = (float) (1 + 1e-3 * random.nextGaussian());
            exact += (double) nearOne[i] * nearOne[i];
        }
        assertEquals(exact, kernels.squaredSum(Nd4j.createFromArray(nearOne)), 1e-12 * exact);
    }

    /**
     * {@code product} against ND4J's {@code gemm} with and without the transpose, with alpha and beta, on arrays, on
     * column blocks of larger matrices (rows at a distance wider than a row) and on 'f'-order arrays (the fallback),
     * the target's neighbouring columns untouched; and shapes that do not fit are refused.
     */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#everyImplementation")
    void productEqualsNd4jGemm(SymmetricKernels kernels) {
        INDArray wide = gaussian(41, 30, 20);
        INDArray[] lefts = {gaussian(42, 17, 6), wide.get(NDArrayIndex.interval(0, 17), NDArrayIndex.interval(3, 9)),
            gaussian(43, 17, 6).dup('f')};
        INDArray right = wide.get(NDArrayIndex.interval(20, 26), NDArrayIndex.interval(0, 11));
        INDArray rightOfTranspose = gaussian(44, 17, 11);
        for (INDArray a : lefts) {
            for (boolean transpose : new boolean[] {false, true}) {
                INDArray b = transpose ? rightOfTranspose : right;
                long m = transpose ? a.columns() : a.rows();
                INDArray holder = gaussian(45, (int) m, 14);
                INDArray c = holder.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 13));
                INDArray expected = holder.dup('c');
                INDArray expectedC = expected.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 13));
                expectedC.assign((transpose ? a.transpose() : a).mmul(b).muli(-0.5).addi(expectedC.mul(2.0)));
                kernels.product(a, transpose, b, c, -0.5, 2.0);
                assertClose(expected, holder, expected.amaxNumber().doubleValue());
                INDArray overwritten = Nd4j.valueArrayOf(new long[] {m, 11}, Double.NaN, DataType.DOUBLE);
                kernels.product(a, transpose, b, overwritten, 1.0, 0.0);
                assertClose((transpose ? a.transpose() : a).mmul(b), overwritten);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> kernels.product(lefts[0], true, right, Nd4j.zeros(DataType.DOUBLE, 6, 11), 1.0, 0.0));
    }

    /**
     * {@code partInnerProducts} against the flattened parts' Gram matrix computed on the host, for a square part on
     * the diagonal, a rectangle off it and a single element, into an array and into one matrix of a stack (its
     * neighbours untouched), overwriting NaN; parts outside the matrices and views are refused.
     */
    @ParameterizedTest
    @MethodSource("io.github.richness.device.TestKernels#everyImplementation")
    void partInnerProductsAreThoseOfTheFlattenedParts(SymmetricKernels kernels) {
        int blocks = 5;
        int size = 9;
        double[][] values = DenseReference.randomGaussian(46, blocks, size * size);
        INDArray stack = TestArrays.matrix(values).reshape('c', blocks, size, size).dup('c');
        int[][] parts = {{0, 6, 0, 6}, {0, 6, 6, 8}, {7, 8, 2, 3}};
        for (int[] part : parts) {
            double[][] expected = new double[blocks][blocks];
            for (int b = 0; b < blocks; b++) {
                for (int c = 0; c < blocks; c++) {
                    for (int i = part[0]; i < part[1]; i++) {
                        for (int j = part[2]; j < part[3]; j++) {
                            expected[b][c] += values[b][i * size + j] * values[c][i * size + j];
                        }
                    }
                }
            }
            INDArray into = Nd4j.valueArrayOf(new long[] {blocks, blocks}, Double.NaN, DataType.DOUBLE);
            kernels.partInnerProducts(stack, part[0], part[1], part[2], part[3], into);
            assertClose(TestArrays.matrix(expected), into);
            INDArray holder = Nd4j.valueArrayOf(new long[] {3L * blocks, blocks}, 7.0, DataType.DOUBLE);
            kernels.partInnerProducts(stack, part[0], part[1], part[2], part[3],
                    holder.get(NDArrayIndex.interval(blocks, 2L * blocks), NDArrayIndex.all()));
            INDArray expectedHolder = Nd4j.valueArrayOf(new long[] {3L * blocks, blocks}, 7.0, DataType.DOUBLE);
            expectedHolder.get(NDArrayIndex.interval(blocks, 2L * blocks), NDArrayIndex.all())
                    .assign(TestArrays.matrix(expected));
            assertClose(expectedHolder, holder);
        }
        INDArray target = Nd4j.zeros(DataType.DOUBLE, blocks, blocks);
        assertThrows(IllegalArgumentException.class, () -> kernels.partInnerProducts(stack, 3, 3, 0, 2, target));
        assertThrows(IllegalArgumentException.class, () -> kernels.partInnerProducts(stack, 0, 2, 5, 10, target));
        assertThrows(IllegalArgumentException.class, () -> kernels.partInnerProducts(
                stack.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all(), NDArrayIndex.all()), 0, 2, 0, 2, target));
    }

    /**
     * @param buffer a matrix of at least 24 rows and 9 columns
     * @return matrices of every layout the kernels meet: an array, a row range, every other row, a column block of
     *         a row range, one row, one column and an 'f'-order array (views of {@code buffer} where they can be)
     */
    private static INDArray[] anyLayouts(INDArray buffer) {
        return new INDArray[] {
            buffer.get(NDArrayIndex.interval(0, 13), NDArrayIndex.interval(0, 5)).dup('c'),
            buffer.get(NDArrayIndex.interval(5, 18), NDArrayIndex.all()),
            buffer.get(NDArrayIndex.interval(0, 2, 24), NDArrayIndex.interval(2, 7)),
            buffer.get(NDArrayIndex.interval(9, 10), NDArrayIndex.interval(1, 8)),
            buffer.get(NDArrayIndex.interval(3, 14), NDArrayIndex.interval(4, 5)),
            buffer.get(NDArrayIndex.interval(0, 11), NDArrayIndex.interval(0, 6)).dup('f'),
        };
    }

    private static INDArray gaussian(long seed, int rows, int columns) {
        return TestArrays.matrix(DenseReference.randomGaussian(seed, rows, columns));
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertClose(expected, actual, Math.max(expected.amaxNumber().doubleValue(), Double.MIN_NORMAL));
    }

    private static void assertClose(INDArray expected, INDArray actual, double scale) {
        double error = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(error <= SAME_NUMBERS, "relative difference " + error + " > " + SAME_NUMBERS);
    }

    /** Kernels that pass every call on, for test doubles that get one operation wrong. */
    private static class Delegating implements SymmetricKernels {

        private final SymmetricKernels delegate;

        Delegating(SymmetricKernels delegate) {
            this.delegate = delegate;
        }

        @Override
        public void addGram(INDArray rows, INDArray target) {
            delegate.addGram(rows, target);
        }

        @Override
        public void setGram(INDArray rows, INDArray target) {
            delegate.setGram(rows, target);
        }

        @Override
        public void copy(INDArray source, INDArray target) {
            delegate.copy(source, target);
        }

        @Override
        public void columnSums(INDArray rows, INDArray into) {
            delegate.columnSums(rows, into);
        }

        @Override
        public void subtractFromRows(INDArray rows, INDArray row) {
            delegate.subtractFromRows(rows, row);
        }

        @Override
        public double squaredSum(INDArray array) {
            return delegate.squaredSum(array);
        }

        @Override
        public void partInnerProducts(INDArray stack, int rowFrom, int rowTo, int columnFrom, int columnTo,
                                      INDArray target) {
            delegate.partInnerProducts(stack, rowFrom, rowTo, columnFrom, columnTo, target);
        }

        @Override
        public void product(INDArray a, boolean transposeA, INDArray b, INDArray c, double alpha, double beta) {
            delegate.product(a, transposeA, b, c, alpha, beta);
        }

        @Override
        public void symmetrize(INDArray target) {
            delegate.symmetrize(target);
        }

        @Override
        public int eigen(INDArray matrix, INDArray values) {
            return delegate.eigen(matrix, values);
        }

        @Override
        public double[] orderedCholesky(INDArray a, double[] norms, double dropTolerance) {
            return delegate.orderedCholesky(a, norms, dropTolerance);
        }

        @Override
        public INDArray solveLower(INDArray lower, INDArray rhs) {
            return delegate.solveLower(lower, rhs);
        }

        @Override
        public INDArray congruence(INDArray symmetric, INDArray vectors) {
            return delegate.congruence(symmetric, vectors);
        }

        @Override
        public String name() {
            return "test double of " + delegate.name();
        }
    }
}
