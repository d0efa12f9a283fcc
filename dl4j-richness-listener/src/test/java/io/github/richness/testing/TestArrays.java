package io.github.richness.testing;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between plain Java matrices and ND4J arrays, and small data generators, for tests. */
public final class TestArrays {

    private TestArrays() {
    }

    /** @return the matrix as a DOUBLE INDArray (rows are samples) */
    public static INDArray matrix(double[][] rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    }

    /** @return labels as one-hot rows of width {@code classes} */
    public static double[][] oneHot(int[] labels, int classes) {
        double[][] rows = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            rows[i][labels[i]] = 1.0;
        }
        return rows;
    }

    /** @return balanced labels 0, 1, …, classes − 1, 0, 1, … in a seeded random order */
    public static int[] balancedLabels(long seed, int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return labels;
    }

    /** @return f = φ W + b for every row φ, with Gaussian W (p × c) and b */
    public static double[][] linearMap(double[][] phi, int c, long seed) {
        int p = phi[0].length;
        double[][] w = DenseReference.randomGaussian(seed, p, c);
        double[] b = DenseReference.randomGaussian(seed + 1, 1, c)[0];
        double[][] f = DenseReference.matmul(phi, w);
        for (double[] row : f) {
            for (int j = 0; j < c; j++) {
                row[j] += b[j];
            }
        }
        return f;
    }

    /** @return the rows [from, to) of a matrix */
    public static double[][] rows(double[][] matrix, int from, int to) {
        return java.util.Arrays.copyOfRange(matrix, from, to);
    }

    /** @return each row with {@code shift} added to every element and multiplied by {@code scale} */
    public static double[][] affine(double[][] matrix, double scale, double shift) {
        double[][] result = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            result[i] = new double[matrix[i].length];
            for (int j = 0; j < matrix[i].length; j++) {
                result[i][j] = matrix[i][j] * scale + shift;
            }
        }
        return result;
    }

    /** @return |a − b| / max(|b|, floor): relative error with an absolute floor for values near zero */
    public static double relativeError(double a, double b, double floor) {
        return Math.abs(a - b) / Math.max(Math.abs(b), floor);
    }
}
