package io.github.richness.device;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SymmetricKernels} through ND4J's generic operations, on whatever backend is loaded: a full GEMM
 * for the Gram update, the backend's {@code syev} for the eigendecomposition (host LAPACK's QR-iteration
 * {@code dsyev} on CPU, cuSOLVER {@code syevd} on CUDA) and {@link NdOrderedCholesky}.
 */
final class NdKernels implements SymmetricKernels {

    static final NdKernels INSTANCE = new NdKernels();

    private NdKernels() {
    }

    @Override
    public void addGram(INDArray rows, INDArray target) {
        Nd4j.gemm(rows, rows, target, true, false, 1.0, 1.0);
    }

    @Override
    public void copy(INDArray source, INDArray target) {
        target.assign(source);
    }

    @Override
    public void columnMeans(INDArray rows, INDArray into) {
        rows.mean(into, 0);
    }

    @Override
    public void subtractFromRows(INDArray rows, INDArray row) {
        rows.subiRowVector(row);
    }

    @Override
    public void symmetrize(INDArray target) {
        // addGram updates the whole matrix: nothing to complete.
    }

    @Override
    public int eigen(INDArray matrix, INDArray values) {
        return Nd4j.getBlasWrapper().lapack().syev('V', 'L', matrix, values);
    }

    @Override
    public double[] orderedCholesky(INDArray a, double[] norms, double dropTolerance) {
        return NdOrderedCholesky.factor(a, norms, dropTolerance);
    }

    @Override
    public INDArray solveLower(INDArray lower, INDArray rhs) {
        return Nd4j.exec(new TriangularSolve(lower, rhs.dup(), true, false))[0];
    }

    @Override
    public INDArray congruence(INDArray symmetric, INDArray vectors) {
        return vectors.transpose().mmul(symmetric).mmul(vectors);
    }

    @Override
    public String name() {
        return "nd4j";
    }
}
