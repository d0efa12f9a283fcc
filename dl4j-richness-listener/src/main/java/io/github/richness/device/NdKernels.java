package io.github.richness.device;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
    public void setGram(INDArray rows, INDArray target) {
        Nd4j.gemm(rows, rows, target, true, false, 1.0, 0.0);
    }

    @Override
    public void copy(INDArray source, INDArray target) {
        target.assign(source);
    }

    @Override
    public void columnSums(INDArray rows, INDArray into) {
        rows.sum(into, 0);
    }

    @Override
    public void product(INDArray a, boolean transposeA, INDArray b, INDArray c, double alpha, double beta) {
        requireProductShapes(a, transposeA, b, c);
        gemm(a, transposeA, b, c, alpha, beta);
    }

    /**
     * ND4J's {@code gemm} into c, or, where c is a view (which {@code gemm} refuses), into a new matrix combined
     * with c (with beta = 0 c is overwritten, NaN included, as by BLAS).
     */
    static void gemm(INDArray a, boolean transposeA, INDArray b, INDArray c, double alpha, double beta) {
        if (!c.isView()) {
            Nd4j.gemm(a, b, c, transposeA, false, alpha, beta);
            return;
        }
        INDArray product = Nd4j.gemm(a, b, transposeA, false).muli(alpha);
        if (beta == 0) {
            c.assign(product);
        } else {
            c.muli(beta).addi(product);
        }
    }

    /** The part copied out of the stack and multiplied with its transpose. */
    @Override
    public void partInnerProducts(INDArray stack, int rowFrom, int rowTo, int columnFrom, int columnTo,
                                  INDArray target) {
        requirePart(stack, rowFrom, rowTo, columnFrom, columnTo);
        INDArray part = stack.get(NDArrayIndex.all(), NDArrayIndex.interval(rowFrom, rowTo),
                NDArrayIndex.interval(columnFrom, columnTo)).dup('c')
                .reshape(stack.size(0), (long) (rowTo - rowFrom) * (columnTo - columnFrom));
        target.assign(part.mmul(part.transpose()));
    }

    /** ND4J's {@code Norm2} with a double output, in which the backend's reduction accumulates, squared. */
    @Override
    public double squaredSum(INDArray array) {
        INDArray norm = Nd4j.scalar(DataType.DOUBLE, 0.0);
        Nd4j.getExecutioner().exec(new Norm2(array, norm));
        double value = HostTransfer.scalar(norm);
        return value * value;
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

    /**
     * The check of {@link #partInnerProducts}, shared with the BLAS implementation.
     *
     * @throws IllegalArgumentException if the stack is not a B × m × m' double 'c'-order array that is not a view,
     *         or the part does not lie within its matrices
     */
    static void requirePart(INDArray stack, int rowFrom, int rowTo, int columnFrom, int columnTo) {
        if (stack.rank() != 3 || stack.dataType() != DataType.DOUBLE || stack.ordering() != 'c' || stack.isView()
                || stack.size(1) * stack.size(2) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a stack of double matrices in 'c' order that is not a view,"
                    + " got " + stack.dataType() + " " + Arrays.toString(stack.shape()) + " in '" + stack.ordering()
                    + "' order" + (stack.isView() ? " (a view)" : ""));
        }
        if (rowFrom < 0 || rowFrom >= rowTo || rowTo > stack.size(1) || columnFrom < 0 || columnFrom >= columnTo
                || columnTo > stack.size(2)) {
            throw new IllegalArgumentException("part [" + rowFrom + ", " + rowTo + ") × [" + columnFrom + ", "
                    + columnTo + ") is empty or outside matrices of " + stack.size(1) + " × " + stack.size(2));
        }
    }

    /**
     * The shape check of {@link #product}, shared with the BLAS implementation.
     *
     * @throws IllegalArgumentException if op(a) b does not fit c
     */
    static void requireProductShapes(INDArray a, boolean transposeA, INDArray b, INDArray c) {
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || k != b.rows() || m != c.rows()
                || b.columns() != c.columns()) {
            throw new IllegalArgumentException("product of " + Arrays.toString(a.shape()) + (transposeA ? "ᵀ" : "")
                    + " and " + Arrays.toString(b.shape()) + " does not fit " + Arrays.toString(c.shape()));
        }
    }
}
