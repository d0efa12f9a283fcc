package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.examples.data.RowsDataSetIterator;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lazy readout's two shortcuts against what they replace: training the cut-out output layer on cached
 * features against DL4J's own frozen-layer training of the whole network, and the least-squares readout
 * against the normal equations solved by Gaussian elimination.
 */
class LazyReadoutTest {

    /** Float training of two equal computations in different operation orders. */
    private static final double SAME_TRAINING = 1e-4;
    /** Double-precision least squares, eigendecomposition against elimination. */
    private static final double SAME_SOLUTION = 1e-9;

    @Test
    void readoutOnCachedFeaturesTrainsAsTheFrozenNetwork() {
        MnistDigits digits = MnistDigits.embeddedTrain().subset(300);
        MultiLayerNetwork initial = LabelEncodedMnist.network(16, 1e-2, 3);
        int last = initial.getnLayers() - 1;
        MultiLayerNetwork frozen = new TransferLearning.Builder(initial.clone()).setFeatureExtractor(last - 1).build();
        frozen.getLayerWiseConfigurations().setValidateOutputLayerConfig(false);
        frozen.fit(new MnistDataSetIterator(digits, 64, 7));
        MultiLayerNetwork readout = ReadoutNetwork.of(initial);
        readout.fit(RowsDataSetIterator.shuffled(
                FrozenFeatures.of(initial, new MnistDataSetIterator(digits, 100)), 64, 7));
        assertArrayEquals(frozen.getLayer(last).params().toDoubleVector(), readout.params().toDoubleVector(),
                SAME_TRAINING);
    }

    @Test
    void leastSquaresReadoutSolvesTheNormalEquations() {
        int n = 50;
        int p = 6;
        int c = 3;
        Random random = new Random(11);
        double[][] phi = new double[n][p];
        double[][] y = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                phi[i][j] = random.nextGaussian() + 3;
            }
            for (int k = 0; k < c; k++) {
                y[i][k] = random.nextGaussian();
            }
        }
        LeastSquaresReadout fit = LeastSquaresReadout.fit(Nd4j.createFromArray(phi), Nd4j.createFromArray(y));
        double[][] expected = normalEquations(phi, y);
        INDArray weights = fit.weights();
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < p; j++) {
                assertEquals(expected[j][k], weights.getDouble(j, k), SAME_SOLUTION, "W[" + j + "][" + k + "]");
            }
            assertEquals(expected[p][k], fit.bias().getDouble(0, k), SAME_SOLUTION, "b[" + k + "]");
        }
        assertEquals(p, fit.rank());
        assertEquals(DataType.DOUBLE, weights.dataType());
    }

    /** [W; b] from ([Φ 1]ᵀ[Φ 1]) x = [Φ 1]ᵀ Y by Gaussian elimination with partial pivoting. */
    private static double[][] normalEquations(double[][] phi, double[][] y) {
        int n = phi.length;
        int q = phi[0].length + 1;
        int c = y[0].length;
        double[][] a = new double[q][q + c];
        for (int i = 0; i < n; i++) {
            double[] row = new double[q];
            System.arraycopy(phi[i], 0, row, 0, q - 1);
            row[q - 1] = 1;
            for (int r = 0; r < q; r++) {
                for (int s = 0; s < q; s++) {
                    a[r][s] += row[r] * row[s];
                }
                for (int k = 0; k < c; k++) {
                    a[r][q + k] += row[r] * y[i][k];
                }
            }
        }
        for (int col = 0; col < q; col++) {
            int pivot = col;
            for (int r = col + 1; r < q; r++) {
                pivot = Math.abs(a[r][col]) > Math.abs(a[pivot][col]) ? r : pivot;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < q; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int s = col; s < q + c; s++) {
                        a[r][s] -= factor * a[col][s];
                    }
                }
            }
        }
        double[][] x = new double[q][c];
        for (int r = 0; r < q; r++) {
            for (int k = 0; k < c; k++) {
                x[r][k] = a[r][q + k] / a[r][r];
            }
        }
        return x;
    }
}
