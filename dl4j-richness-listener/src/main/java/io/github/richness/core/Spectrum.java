package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Nyström approximation of the feature kernel operator's spectrum (Algorithm 1; eq. 6 and 60).
 *
 * <p>From the uncentred feature moment ΦᵀΦ = U S² Uᵀ of a "train" probe of n samples, the eigenvalues are
 * ρ_k = s_k² / n in descending order and the eigenfunctions e_k(x) = Φ(x)ᵀ u_k / s_k. The moment is
 * uncentred on purpose: the first eigenfunction is then (close to) the constant function, which the paper
 * keeps in the spectrum and drops from D_eff (appendix D.2). Round-off can make zero eigenvalues slightly
 * negative; they are reported as 0. The eigenvectors stay in the backend's memory; only the p eigenvalues
 * come to the host.
 *
 * @param eigenvalues ρ_k, descending, non-negative (length p)
 * @param eigenvectors the p × p matrix U of eigenvectors u_k (columns), in the backend's memory
 * @param sampleCount n, the size of the probe the spectrum comes from
 */
record Spectrum(double[] eigenvalues, INDArray eigenvectors, long sampleCount) {

    /**
     * Eigenvalues at or below this fraction of ρ_1 are numerically zero: their eigenfunctions Φᵀu_k/s_k
     * would be round-off divided by round-off, so they are dropped from Π* and Π̂ (they contribute 0).
     */
    static final double RELATIVE_EIGENVALUE_FLOOR = 1e-12;

    /**
     * @param train moments of the probe whose features define the eigenfunctions (at least 1 sample)
     * @param kernels the eigensolver
     * @return its spectrum
     */
    static Spectrum of(ProbeMoments train, SymmetricKernels kernels) {
        INDArray gram = train.uncentred(Block.FEATURES, Block.FEATURES);
        SymmetricEigen.Decomposition eigen = SymmetricEigen.decomposeOverwriting(gram, kernels);
        double[] values = eigen.values();
        double n = train.count();
        for (int k = 0; k < values.length; k++) {
            values[k] = Math.max(values[k], 0.0) / n;
        }
        return new Spectrum(values, eigen.vectors(), train.count());
    }

    /**
     * ⟨1|e₁⟩ = E[e₁] = μᵀu₁ / √ρ₁ on the spectrum's probe, in absolute value (u₁'s sign is arbitrary): at most
     * 1, since E[e₁²] = 1 there; 1 exactly when e₁ is the constant function (appendix D.2). One scalar transfer.
     *
     * @param mean the feature mean μ of the probe the spectrum comes from
     * @return the overlap in [0, 1], NaN when ρ₁ = 0
     */
    double constantModeOverlap(INDArray mean) {
        if (!(eigenvalues[0] > 0)) {
            return Double.NaN;
        }
        INDArray first = eigenvectors.getColumn(0);
        double projection = HostTransfer.scalar(first.mul(mean.reshape(first.shape())).sum());
        return Math.min(1.0, Math.abs(projection) / Math.sqrt(eigenvalues[0]));
    }

    /** @return the number of leading eigenvalues above {@link #RELATIVE_EIGENVALUE_FLOOR} × ρ_1 */
    int significantCount() {
        double threshold = RELATIVE_EIGENVALUE_FLOOR * eigenvalues[0];
        int m = 0;
        while (m < eigenvalues.length && eigenvalues[m] > threshold) {
            m++;
        }
        return m;
    }
}
