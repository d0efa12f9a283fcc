package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Quadratic forms of a symmetric matrix in given directions: what NC1 (appendix H.2) needs of Σ_W besides its trace.
 */
public final class QuadraticForms {

    private QuadraticForms() {
    }

    /**
     * @param symmetric a p × p symmetric double matrix A
     * @param directions a p × r double matrix whose columns are d_k
     * @return the r values d_kᵀ A d_k, the diagonal of Dᵀ A D (one transfer of r values)
     */
    public static double[] diagonal(INDArray symmetric, INDArray directions) {
        return HostTransfer.vector(directions.mul(symmetric.mmul(directions)).sum(0), directions.columns());
    }
}
