package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ActivationExactGelu} against z Φ(z) with Φ by Simpson's rule, and its derivative by central differences. */
class ActivationExactGeluTest {

    private static final double TOLERANCE = 1e-9;
    private static final double STEP = 1e-5;
    private static final double[] Z = {-3, -2, -0.5, 0, 0.3, 1.5, 4};
    private static final double[] EPSILON = {1, -2, 0.5, 3, -1, 2, 0.7};
    private static final int INTERVALS = 2000;

    @Test
    void activationIsZTimesTheNormalCdf() {
        INDArray out = new ActivationExactGelu().getActivation(Nd4j.createFromArray(Z), false);
        double[] expected = new double[Z.length];
        for (int i = 0; i < Z.length; i++) {
            expected[i] = gelu(Z[i]);
        }
        assertArrayEquals(expected, out.toDoubleVector(), TOLERANCE);
    }

    @Test
    void backpropMatchesCentralDifferences() {
        INDArray gradient = new ActivationExactGelu().backprop(Nd4j.createFromArray(Z), Nd4j.createFromArray(EPSILON))
                .getFirst();
        double[] expected = new double[Z.length];
        for (int i = 0; i < Z.length; i++) {
            expected[i] = EPSILON[i] * (gelu(Z[i] + STEP) - gelu(Z[i] - STEP)) / (2 * STEP);
        }
        assertArrayEquals(expected, gradient.castTo(DataType.DOUBLE).toDoubleVector(), 1e-7);
    }

    /** z Φ(z), Φ(z) = 1/2 + ∫₀^z φ by Simpson's rule. */
    private static double gelu(double z) {
        double h = z / INTERVALS;
        double sum = density(0) + density(z);
        for (int k = 1; k < INTERVALS; k++) {
            sum += (k % 2 == 1 ? 4 : 2) * density(k * h);
        }
        return z * (0.5 + sum * h / 3);
    }

    private static double density(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }
}
