package io.github.richness.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that a set of {@link SymmetricKernels} gives right answers on this machine, with residuals computed
 * in plain Java from the inputs, never by the routines under test. {@link SymmetricKernels} runs it once per
 * JVM on the CPU backend's OpenBLAS kernels before using them (there the arrays are in host memory, so
 * reading them element by element moves nothing between devices).
 *
 * <p>Why: the OpenBLAS 0.3.19 that nd4j-native 1.0.0-M2.1 bundles selects its "SkylakeX" kernels on
 * AVX-512 Intel CPUs, and there its level-3 triangular routines ({@code dtrsm}, {@code dtrmm}) return wrong
 * results (measured on an AVX-512 Xeon: relative errors of order 1 already for a 5 × 5 {@code dtrsm}), a
 * known problem of OpenBLAS's DYNAMIC_ARCH builds on such CPUs (OpenBLAS issues 2986 and 3454). LAPACK's
 * blocked back-transformation ({@code dlarfb}) calls {@code dtrmm}, so {@code dsyevd}, and ND4J's own
 * {@code syev}, return wrong eigenvectors there from about 100 × 100 on, while {@code dgemm}, {@code dsyrk}
 * and the level-2 {@code dtrsv} stay right. With the environment variable {@code OPENBLAS_CORETYPE=Haswell}
 * set before the JVM starts, every routine is right again.
 *
 * <p>What is checked, each to {@value #TOLERANCE} relative to the data's scale: {@code solveLower} on a
 * {@value #TRIANGLE} × {@value #TRIANGLE} factor with {@value #RIGHT_HAND_SIDES} right-hand sides;
 * {@code orderedCholesky} of a {@value #CHOLESKY_SIZE} × {@value #CHOLESKY_SIZE} positive-definite matrix
 * (more than one {@link SymmetricKernels#CHOLESKY_BLOCK}, so that the panel solves run), by L Lᵀ = A; and
 * {@code eigen} of a {@value #EIGEN_SIZE} × {@value #EIGEN_SIZE} one (large enough for LAPACK's blocked
 * code), by A V = V Λ and VᵀV = I. The whole check takes a few tens of milliseconds.
 *
 * @param kernels the name of the kernels checked
 * @param failures the operations that gave wrong results, each with its relative error; empty when all are right
 */
record KernelCheck(String kernels, List<String> failures) {

    /** A residual, relative to the data's scale, above this means a wrong routine, not round-off. */
    static final double TOLERANCE = 1e-9;
    private static final int TRIANGLE = 37;
    private static final int RIGHT_HAND_SIDES = 5;
    private static final int CHOLESKY_SIZE = 150;
    private static final int EIGEN_SIZE = 160;

    /** Copies the list. */
    KernelCheck {
        failures = List.copyOf(failures);
    }

    /**
     * @param kernels the kernels to check
     * @return the verdict
     */
    static KernelCheck of(SymmetricKernels kernels) {
        List<String> failures = new ArrayList<>();
        record(failures, "triangular solve", solveError(kernels));
        record(failures, "ordered Cholesky factorisation", choleskyError(kernels));
        record(failures, "eigendecomposition", eigenError(kernels));
        return new KernelCheck(kernels.name(), failures);
    }

    /** @return whether every checked operation was right */
    boolean passed() {
        return failures.isEmpty();
    }

    private static double solveError(SymmetricKernels kernels) {
        double[][] lower = lowerTriangle(TRIANGLE);
        double[][] rhs = gaussian(TRIANGLE, RIGHT_HAND_SIDES, 3);
        double[][] x = host(kernels.solveLower(device(lower, 'c'), device(rhs, 'c')));
        double error = 0;
        for (int i = 0; i < TRIANGLE; i++) {
            for (int c = 0; c < RIGHT_HAND_SIDES; c++) {
                double product = 0;
                for (int j = 0; j <= i; j++) {
                    product += lower[i][j] * x[j][c];
                }
                error = Math.max(error, Math.abs(product - rhs[i][c]));
            }
        }
        return error;
    }

    private static double choleskyError(SymmetricKernels kernels) {
        double[][] a = randomGram(CHOLESKY_SIZE, 2 * CHOLESKY_SIZE, 5);
        double[] norms = new double[CHOLESKY_SIZE];
        for (int i = 0; i < CHOLESKY_SIZE; i++) {
            norms[i] = a[i][i];
        }
        INDArray factor = device(a, 'c');
        double[] keep = kernels.orderedCholesky(factor, norms, 0.0);
        double[][] l = host(factor);
        double error = 0;
        for (int i = 0; i < CHOLESKY_SIZE; i++) {
            error = Math.max(error, Math.abs(keep[i] - 1.0));
            for (int j = 0; j <= i; j++) {
                double product = 0;
                for (int k = 0; k <= j; k++) {
                    product += l[i][k] * l[j][k];
                }
                error = Math.max(error, Math.abs(product - a[i][j]) / Math.sqrt(norms[i] * norms[j]));
            }
        }
        return error;
    }

    private static double eigenError(SymmetricKernels kernels) {
        int k = EIGEN_SIZE;
        double[][] a = randomGram(k, 2 * k + 3, 11);
        INDArray vectors = device(a, 'f');
        INDArray values = Nd4j.create(DataType.DOUBLE, k);
        if (kernels.eigen(vectors, values) != 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[][] v = host(vectors);
        double[] lambda = values.toDoubleVector();
        double scale = 0;
        for (double value : lambda) {
            scale = Math.max(scale, Math.abs(value));
        }
        double error = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < k; i++) {
                double av = 0;
                double orthogonality = 0;
                for (int j = 0; j < k; j++) {
                    av += a[i][j] * v[j][c];
                    orthogonality += v[j][i] * v[j][c];
                }
                error = Math.max(error, Math.abs(av - lambda[c] * v[i][c]) / scale);
                error = Math.max(error, Math.abs(orthogonality - (i == c ? 1.0 : 0.0)));
            }
        }
        return error;
    }

    private static void record(List<String> failures, String operation, double error) {
        if (!(error <= TOLERANCE)) {
            failures.add(operation + " (relative error " + String.format(Locale.ROOT, "%.2g", error) + ")");
        }
    }

    private static INDArray device(double[][] values, char order) {
        INDArray array = Nd4j.create(DataType.DOUBLE, new long[] {values.length, values[0].length}, order);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[0].length; j++) {
                array.putScalar(i, j, values[i][j]);
            }
        }
        return array;
    }

    private static double[][] host(INDArray array) {
        double[][] values = new double[(int) array.rows()][(int) array.columns()];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[0].length; j++) {
                values[i][j] = array.getDouble(i, j);
            }
        }
        return values;
    }

    /** A well-conditioned lower triangle: diagonal in [2, 3], small entries below. */
    private static double[][] lowerTriangle(int m) {
        Random random = new Random(1);
        double[][] lower = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i][j] = i == j ? 2 + random.nextDouble() : 0.1 * random.nextGaussian();
            }
        }
        return lower;
    }

    /** FᵀF / rows for a Gaussian F (rows × k): positive definite with high probability for rows ≥ 2k. */
    private static double[][] randomGram(int k, int rows, long seed) {
        double[][] factor = gaussian(rows, k, seed);
        double[][] gram = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (double[] row : factor) {
                    sum += row[i] * row[j];
                }
                gram[i][j] = sum / rows;
                gram[j][i] = sum / rows;
            }
        }
        return gram;
    }

    private static double[][] gaussian(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return values;
    }
}
