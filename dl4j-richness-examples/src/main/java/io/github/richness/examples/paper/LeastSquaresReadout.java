package io.github.richness.examples.paper;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The readout that last-layer-only training converges to: the least-squares fit f̂ = φW + b of the training
 * targets Y on the frozen features Φ₀. Gradient descent (and Adam, whose steps vanish with the gradient) on
 * the MSE of a linear readout converges to a minimiser of ‖Φ₀W + 1b − Y‖²; its fitted values are the same for
 * every minimiser, and when the centred features have full column rank (n &gt; p, as here) so is the readout.
 * Reaching it by iterating takes the longer the smaller the feature covariance's eigenvalues are (a direction
 * with eigenvalue λ relaxes at the rate of the learning rate times λ), which is why 400 Adam epochs on
 * label-encoded MNIST still sit below it (EXPERIMENTS.md).
 *
 * <p>Computed in double precision from the centred moments: with Φc = Φ₀ − 1φ̄ᵀ, Yc = Y − 1ȳᵀ and the
 * eigendecomposition Φcᵀ Φc = V Λ Vᵀ, W = V_r Λ_r⁻¹ V_rᵀ Φcᵀ Yc (the minimum-norm minimiser) and b = ȳ − φ̄ᵀW,
 * where r keeps the eigenvalues above max(n, p) · 2⁻⁵² · λ_max (the least-squares rank convention of LAPACK and
 * NumPy, as in the library's {@code LazyReference}).
 *
 * @param weights W, p × C, double
 * @param bias b, 1 × C, double
 * @param rank r, the number of feature directions used
 */
record LeastSquaresReadout(INDArray weights, INDArray bias, int rank) {

    private static final double MACHINE_EPSILON = Math.ulp(1.0);

    /**
     * @param features Φ₀, n × p
     * @param targets Y, n × C
     * @return the least-squares readout
     * @throws IllegalArgumentException if the row counts differ or n &lt; 2
     */
    static LeastSquaresReadout fit(INDArray features, INDArray targets) {
        long n = features.rows();
        if (n != targets.rows() || n < 2) {
            throw new IllegalArgumentException("least squares needs the same n ≥ 2 rows, got " + n + " and " + targets.rows());
        }
        INDArray phi = features.castTo(DataType.DOUBLE);
        INDArray y = targets.castTo(DataType.DOUBLE);
        INDArray featureMean = phi.mean(true, 0);
        INDArray targetMean = y.mean(true, 0);
        INDArray centred = phi.subRowVector(featureMean);
        INDArray gram = Nd4j.gemm(centred, centred, true, false).dup('f');
        INDArray cross = Nd4j.gemm(centred, y.subRowVector(targetMean), true, false);
        int p = (int) gram.rows();
        INDArray values = Nd4j.create(DataType.DOUBLE, p);
        int info = SymmetricKernels.forBackend().eigen(gram, values);
        if (info != 0) {
            throw new IllegalStateException("the eigendecomposition of the feature Gram matrix failed, info " + info);
        }
        double[] eigenvalues = HostTransfer.vector(values, p);
        double cutOff = Math.max(n, p) * MACHINE_EPSILON * eigenvalues[p - 1];
        double[] inverse = new double[p];
        int rank = 0;
        for (int k = 0; k < p; k++) {
            if (eigenvalues[k] > cutOff) {
                inverse[k] = 1.0 / eigenvalues[k];
                rank++;
            }
        }
        INDArray vectors = gram.dup('c');
        INDArray coordinates = Nd4j.gemm(vectors, cross, true, false)
                .mulColumnVector(Nd4j.createFromArray(inverse).reshape(p, 1));
        INDArray weights = Nd4j.gemm(vectors, coordinates, false, false);
        INDArray bias = targetMean.sub(Nd4j.gemm(featureMean, weights, false, false));
        return new LeastSquaresReadout(weights, bias, rank);
    }
}
