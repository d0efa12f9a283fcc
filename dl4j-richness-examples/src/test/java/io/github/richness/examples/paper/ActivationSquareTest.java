package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationSquareTest {

    private static final double TOLERANCE = 1e-6;
    private static final double STEP = 1e-5;
    private static final double[] Z = {-2, -0.5, 0, 0.3, 1.5};
    private static final double[] EPSILON = {1, -2, 0.5, 3, -1};

    @Test
    void activationIsTheSquare() {
        INDArray out = new ActivationSquare().getActivation(Nd4j.createFromArray(Z), false);
        double[] expected = new double[Z.length];
        for (int i = 0; i < Z.length; i++) {
            expected[i] = Z[i] * Z[i];
        }
        assertArrayEquals(expected, out.toDoubleVector(), TOLERANCE);
    }

    @Test
    void backpropMatchesCentralDifferences() {
        INDArray gradient = new ActivationSquare().backprop(Nd4j.createFromArray(Z), Nd4j.createFromArray(EPSILON)).getFirst();
        double[] expected = new double[Z.length];
        for (int i = 0; i < Z.length; i++) {
            double up = (Z[i] + STEP) * (Z[i] + STEP);
            double down = (Z[i] - STEP) * (Z[i] - STEP);
            expected[i] = EPSILON[i] * (up - down) / (2 * STEP);
        }
        assertArrayEquals(expected, gradient.castTo(DataType.DOUBLE).toDoubleVector(), TOLERANCE);
    }
}
