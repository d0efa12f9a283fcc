package io.github.richness.device;

import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dlacpy_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dormtr_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dstedc;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsytrd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_slag2d_work;
import static org.bytedeco.openblas.global.openblas.cblas_dcopy;
import static org.bytedeco.openblas.global.openblas.cblas_ddot;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas.cblas_dger;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsm;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsv;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SymmetricKernels} for ND4J's CPU backend: OpenBLAS called directly on the arrays' own native
 * buffers (the library nd4j-native itself links), with no copy.
 *
 * <ul>
 *   <li>Gram update: {@code cblas_dsyrk} computes only the upper triangle of Zᵀ Z (row-major), half the
 *       floating-point work of the GEMM; {@link #symmetrize(INDArray)} mirrors it onto the lower triangle
 *       with one strided {@code cblas_dcopy} per row, once, when the moments are read.</li>
 *   <li>Eigendecomposition: LAPACK's divide-and-conquer {@code dsyevd}, whose eigenvector work is
 *       matrix–matrix products, instead of the QR-iteration {@code dsyev} that ND4J's CPU {@code syev}
 *       calls (plane rotations, memory-bound; 3.5–5.5 × slower at p = 512–2048 on this machine).</li>
 *   <li>In-order Cholesky: {@link OpenBlasOrderedCholesky}, a few BLAS-3 calls per block of columns
 *       instead of several ND4J operations per column; triangular solves by {@code cblas_dtrsm}, where
 *       ND4J's {@code triangular_solve} op is an unblocked loop; congruences Vᵀ A V by {@code cblas_dgemm}
 *       on the buffers as they lie (ND4J's {@code mmul} of a transposed view ran at about half OpenBLAS's
 *       rate here), the symmetric result by column panels on and below the diagonal only (3p³ instead of
 *       4p³ flops for p × p inputs), mirrored.</li>
 * </ul>
 *
 * <p>Small calls run on one OpenBLAS thread ({@link OpenBlasThreads}): LAPACK on matrices of up to
 * {@link OpenBlasThreads#LAPACK_LIMIT} rows, rank-k updates of up to {@link OpenBlasThreads#GRAM_FLOPS_LIMIT} flops.
 *
 * <p>Where OpenBLAS's level-3 triangular routines are wrong ({@link KernelCheck}),
 * {@link #avoidingTriangularLevel3()} does the same work without {@code dtrsm} and {@code dtrmm}: triangular
 * solves by the level-2 {@code dtrsv}, one right-hand side (or one panel row) at a time, and the
 * eigendecomposition as {@code dsyevd}'s steps taken one by one, reduction to tridiagonal form
 * ({@code dsytrd}), divide and conquer on the tridiagonal matrix ({@code dstedc}), and the back-transformation
 * by {@code dormtr} given the minimum workspace, which makes LAPACK apply the Householder reflectors one by
 * one ({@code dorm2l}, level 2) instead of in blocks through {@code dtrmm}. On a 1024 × 1024 matrix that
 * costs about twice {@code dsyevd}'s time, and the numbers agree with it to round-off where both are right.
 *
 * <p>The class is loaded only when {@link SymmetricKernels} selects it, so the OpenBLAS bindings need not be on
 * the class path of other backends.
 */
final class OpenBlasKernels implements SymmetricKernels {

    private static final OpenBlasKernels FULL = new OpenBlasKernels(true);
    private static final OpenBlasKernels LEVEL2_TRIANGULAR = new OpenBlasKernels(false);

    private static final byte COMPUTE_VECTORS = 'V';
    private static final byte INITIAL_IDENTITY = 'I';
    private static final byte LOWER = 'L';
    private static final byte LEFT = 'L';
    private static final byte NO_TRANSPOSE = 'N';
    /** LAPACK's {@code uplo} for a whole matrix. */
    private static final byte ALL = 'A';
    private static final String WORKSPACE = "RICHNESS_KERNELS";
    /** Columns of Vᵀ A V computed per product; only the panels' parts on and below the diagonal are. */
    private static final int CONGRUENCE_PANEL = 256;
    /** Per thread, a vector of ones for {@link #columnSums} and {@link #subtractFromRows} ({@link #ones}). */
    private static final ThreadLocal<INDArray> ONES = new ThreadLocal<>();
    /** Float elements converted to double at a time by {@link #squaredSum}: 512 KiB of doubles. */
    private static final int SQUARED_SUM_CHUNK = 1 << 16;

    private final boolean triangularLevel3;

    private OpenBlasKernels(boolean triangularLevel3) {
        this.triangularLevel3 = triangularLevel3;
    }

    /** @return the kernels with every OpenBLAS routine, {@code dtrsm} and {@code dsyevd} included */
    static OpenBlasKernels full() {
        return FULL;
    }

    /** @return the kernels that never call {@code dtrsm} or {@code dtrmm}, directly or through LAPACK */
    static OpenBlasKernels avoidingTriangularLevel3() {
        return LEVEL2_TRIANGULAR;
    }

    @Override
    public void addGram(INDArray rows, INDArray target) {
        gram(rows, target, 1.0);
    }

    @Override
    public void setGram(INDArray rows, INDArray target) {
        gram(rows, target, 0.0);
    }

    /** {@code dsyrk} of the rows into the upper triangle, the target's former value scaled by beta (0 or 1). */
    private static void gram(INDArray rows, INDArray target, double beta) {
        int d = (int) rows.columns();
        requireRowMajorRows(rows);
        requireRowMajorSquare(target, d);
        int k = (int) rows.rows();
        OpenBlasThreads.singleIf((long) k * d * d <= OpenBlasThreads.GRAM_FLOPS_LIMIT, () -> cblas_dsyrk(
                CblasRowMajor, CblasUpper, CblasTrans, d, k, 1.0, pointer(rows), rowDistance(rows), beta,
                pointer(target), d));
    }

    /**
     * LAPACK's {@code slag2d} (float) or {@code dlacpy} (double) when both matrices have contiguous rows at a
     * constant distance, else ND4J's {@code assign}. The rows are handed over as the columns of the transposed
     * column-major matrix, the same memory, which the routines copy without LAPACKE's row-major temporary (the
     * {@code _work} forms, which also skip LAPACKE's scan for NaN): 1024 × 128 floats into a column block of a
     * 1024 × 276 double matrix took about 50 µs against 250 µs for the {@code assign}.
     */
    @Override
    public void copy(INDArray source, INDArray target) {
        boolean rows = hasRowMajorRows(source) && hasRowMajorRows(target) && target.dataType() == DataType.DOUBLE
                && Arrays.equals(source.shape(), target.shape());
        int m = (int) source.rows();
        int n = (int) source.columns();
        if (rows && source.dataType() == DataType.FLOAT) {
            LAPACKE_slag2d_work(LAPACK_COL_MAJOR, n, m, (FloatPointer) source.data().addressPointer(),
                    rowDistance(source), pointer(target), rowDistance(target));
        } else if (rows && source.dataType() == DataType.DOUBLE) {
            LAPACKE_dlacpy_work(LAPACK_COL_MAJOR, ALL, n, m, pointer(source), rowDistance(source), pointer(target),
                    rowDistance(target));
        } else {
            target.assign(source);
        }
    }

    /**
     * {@code dgemv} of the rows with a vector of ones ({@link #ones}); ND4J's {@code sum(into, 0)} where the
     * rows are not row-major (a mean by it took about 30 µs against 260 µs for ND4J's {@code mean(into, 0)} of
     * 1024 × 276).
     */
    @Override
    public void columnSums(INDArray rows, INDArray into) {
        if (!rowsAndVectorForBlas(rows, into)) {
            rows.sum(into, 0);
            return;
        }
        int m = (int) rows.rows();
        cblas_dgemv(CblasRowMajor, CblasTrans, m, (int) rows.columns(), 1.0, pointer(rows), rowDistance(rows),
                ones(m), 1, 0.0, pointer(into), increment(into));
    }

    /**
     * {@code cblas_dgemm} on the buffers as they lie, on one thread up to {@link OpenBlasThreads#GRAM_FLOPS_LIMIT}
     * flops; ND4J's {@code gemm} where a matrix is not double with row-major rows (1024 × 10 one-hot classes times
     * a 10 × 128 matrix took 54 µs against 234 µs for ND4J's {@code gemm}, the transposed product into 10 × 128
     * 127 against 184 µs).
     */
    @Override
    public void product(INDArray a, boolean transposeA, INDArray b, INDArray c, double alpha, double beta) {
        NdKernels.requireProductShapes(a, transposeA, b, c);
        if (!(rowsForBlas(a) && rowsForBlas(b) && rowsForBlas(c))) {
            NdKernels.gemm(a, transposeA, b, c, alpha, beta);
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) b.rows();
        OpenBlasThreads.singleIf((long) m * n * k <= OpenBlasThreads.GRAM_FLOPS_LIMIT, () -> cblas_dgemm(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans, m, n, k, alpha, pointer(a),
                rowDistance(a), pointer(b), rowDistance(b), beta, pointer(c), rowDistance(c)));
    }

    /**
     * One {@code dsyrk} per row of the part, on the stack as it lies: row i of the part, across the B matrices, is a
     * B × (columnTo − columnFrom) matrix whose rows are m m' apart, and its outer Gram matrix adds to the upper
     * triangle, mirrored at the end; on one thread when each call is at most {@link OpenBlasThreads#GRAM_FLOPS_LIMIT}
     * flops. No copy of the stack: the three parts φφ, φf and ff of the quick start's B = 20 block Gram matrices
     * (p = 128, C = 10) took 0.55 ms against 0.8 ms for copying each part out and one {@code dsyrk} of the copy.
     */
    @Override
    public void partInnerProducts(INDArray stack, int rowFrom, int rowTo, int columnFrom, int columnTo,
                                  INDArray target) {
        NdKernels.requirePart(stack, rowFrom, rowTo, columnFrom, columnTo);
        int blocks = (int) stack.size(0);
        requireRowMajorSquare(target, blocks);
        int width = columnTo - columnFrom;
        int columns = (int) stack.size(2);
        int distance = (int) (stack.size(1) * columns);
        DoublePointer rows = new DoublePointer(pointer(stack));
        DoublePointer into = pointer(target);
        OpenBlasThreads.singleIf((long) blocks * blocks * width <= OpenBlasThreads.GRAM_FLOPS_LIMIT, () -> {
            for (int i = rowFrom; i < rowTo; i++) {
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, blocks, width, 1.0,
                        rows.position((long) i * columns + columnFrom), distance, i == rowFrom ? 0.0 : 1.0, into,
                        blocks);
            }
        });
        symmetrize(target);
    }

    /**
     * {@code cblas_ddot} of the elements with themselves where they lie one after the other (in either order); a
     * float array is converted ({@code slag2d}) {@link #SQUARED_SUM_CHUNK} elements at a time into a scratch
     * buffer first, since OpenBLAS's {@code dsdot} accumulated in single precision here (relative error 5e-8 on
     * 65 float values); {@link NdKernels#squaredSum} otherwise. The quick start's 235,146 float parameters took
     * 0.19 ms against 0.28 ms for ND4J's {@code Norm2}.
     */
    @Override
    public double squaredSum(INDArray array) {
        boolean contiguous = array.length() > 0 && array.elementWiseStride() == 1;
        long n = array.length();
        if (contiguous && array.dataType() == DataType.DOUBLE && n <= Integer.MAX_VALUE) {
            return HostTransfer.computed(cblas_ddot((int) n, pointer(array), 1, pointer(array), 1));
        }
        if (!contiguous || array.dataType() != DataType.FLOAT) {
            return NdKernels.INSTANCE.squaredSum(array);
        }
        FloatPointer values = (FloatPointer) array.data().addressPointer();
        double total = 0;
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray chunk = Nd4j.createUninitialized(DataType.DOUBLE, Math.min(n, SQUARED_SUM_CHUNK));
            DoublePointer doubles = pointer(chunk);
            for (long start = 0; start < n; start += SQUARED_SUM_CHUNK) {
                int length = (int) Math.min(SQUARED_SUM_CHUNK, n - start);
                LAPACKE_slag2d_work(LAPACK_COL_MAJOR, length, 1, new FloatPointer(values).position(start), length,
                        doubles, length);
                total += cblas_ddot(length, doubles, 1, doubles, 1);
            }
        }
        return HostTransfer.computed(total);
    }

    /**
     * A rank-one update {@code dger} with a vector of ones ({@link #ones}); ND4J's {@code subiRowVector}
     * where the rows are not row-major (about 25 µs against 230 µs for 1024 × 276).
     */
    @Override
    public void subtractFromRows(INDArray rows, INDArray row) {
        if (!rowsAndVectorForBlas(rows, row)) {
            rows.subiRowVector(row);
            return;
        }
        int m = (int) rows.rows();
        cblas_dger(CblasRowMajor, m, (int) rows.columns(), -1.0, ones(m), 1, pointer(row), increment(row),
                pointer(rows), rowDistance(rows));
    }

    /**
     * @param m the number of ones needed
     * @return at least m ones in double precision: this thread's kept vector, grown (detached) when a call needs
     *         more, so that the sums and subtractions make no array (a {@code Nd4j.ones} per call had been one more
     *         backend operation and allocation each)
     */
    private static DoublePointer ones(int m) {
        INDArray kept = ONES.get();
        if (kept == null || kept.length() < m) {
            try (MemoryWorkspace ignored = Scratch.detached()) {
                kept = Nd4j.ones(DataType.DOUBLE, Math.max(m, kept == null ? 0 : 2 * kept.length()));
            }
            ONES.set(kept);
        }
        return pointer(kept);
    }

    /** @return whether BLAS can take the double rows and the double vector of one element per column directly */
    private static boolean rowsAndVectorForBlas(INDArray rows, INDArray vector) {
        return rowsForBlas(rows) && vector.dataType() == DataType.DOUBLE
                && vector.length() == rows.columns()
                && (vector.rank() == 1 || vector.rank() == 2 && (vector.rows() == 1 || vector.columns() == 1));
    }

    /** @return whether BLAS can take the matrix directly: double, rows contiguous at a constant distance */
    private static boolean rowsForBlas(INDArray rows) {
        return rows.dataType() == DataType.DOUBLE && hasRowMajorRows(rows);
    }

    /** @return the distance between a vector's consecutive elements */
    private static int increment(INDArray vector) {
        if (vector.length() == 1) {
            return 1;
        }
        return (int) (vector.rank() == 1 ? vector.stride(0) : vector.rows() == 1 ? vector.stride(1) : vector.stride(0));
    }

    @Override
    public void symmetrize(INDArray target) {
        int d = (int) target.rows();
        requireRowMajorSquare(target, d);
        DoublePointer base = pointer(target);
        DoublePointer column = new DoublePointer(base);
        DoublePointer row = new DoublePointer(base);
        for (int i = 1; i < d; i++) {
            cblas_dcopy(i, column.position(i), d, row.position((long) i * d), 1);
        }
    }

    @Override
    public int eigen(INDArray matrix, INDArray values) {
        int k = (int) matrix.rows();
        requireDense(matrix, 'f', k, k);
        requireDense(values, values.ordering(), values.length(), 1);
        DoublePointer a = pointer(matrix);
        DoublePointer w = pointer(values);
        return OpenBlasThreads.singleIf(k <= OpenBlasThreads.LAPACK_LIMIT, () -> triangularLevel3
                ? LAPACKE_dsyevd(LAPACK_COL_MAJOR, COMPUTE_VECTORS, LOWER, k, a, k, w)
                : eigenByTridiagonalSteps(k, a, w));
    }

    /**
     * {@code dsyevd}'s steps without its blocked back-transformation: A = Q T Qᵀ ({@code dsytrd}, Q kept as
     * reflectors in A), T = Z Λ Zᵀ ({@code dstedc}), then Q Z by {@code dormtr} with a k-element workspace, the
     * least it accepts, so that it applies the reflectors one at a time.
     */
    private static int eigenByTridiagonalSteps(int k, DoublePointer matrix, DoublePointer values) {
        int offDiagonal = Math.max(1, k - 1);
        try (DoublePointer sub = new DoublePointer(offDiagonal); DoublePointer tau = new DoublePointer(offDiagonal);
             DoublePointer tridiagonalVectors = new DoublePointer((long) k * k);
             DoublePointer work = new DoublePointer(Math.max(1, k))) {
            int info = LAPACKE_dsytrd(LAPACK_COL_MAJOR, LOWER, k, matrix, k, values, sub, tau);
            if (info == 0) {
                info = LAPACKE_dstedc(LAPACK_COL_MAJOR, INITIAL_IDENTITY, k, values, sub, tridiagonalVectors, k);
            }
            if (info == 0) {
                info = LAPACKE_dormtr_work(LAPACK_COL_MAJOR, LEFT, LOWER, NO_TRANSPOSE, k, k, matrix, k, tau,
                        tridiagonalVectors, k, work, Math.max(1, k));
            }
            if (info == 0) {
                cblas_dcopy(k * k, tridiagonalVectors, 1, matrix, 1);
            }
            return info;
        }
    }

    @Override
    public double[] orderedCholesky(INDArray a, double[] norms, double dropTolerance) {
        int m = (int) a.rows();
        requireDense(a, 'c', m, m);
        return OpenBlasThreads.singleIf(m <= OpenBlasThreads.LAPACK_LIMIT,
                () -> OpenBlasOrderedCholesky.factor(a, norms, dropTolerance, triangularLevel3));
    }

    @Override
    public INDArray solveLower(INDArray lower, INDArray rhs) {
        int m = (int) lower.rows();
        int r = (int) rhs.columns();
        requireDense(lower, 'c', m, m);
        requireDense(rhs, 'c', m, r);
        INDArray solution = rhs.dup('c');
        if (triangularLevel3) {
            cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, m, r, 1.0, pointer(lower),
                    m, pointer(solution), r);
            return solution;
        }
        DoublePointer column = new DoublePointer(pointer(solution));
        for (int c = 0; c < r; c++) {
            cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, m, pointer(lower), m,
                    column.position(c), r);
        }
        return solution;
    }

    @Override
    public INDArray congruence(INDArray symmetric, INDArray vectors) {
        int p = (int) symmetric.rows();
        int m = (int) vectors.columns();
        requireDense(symmetric, 'c', p, p);
        requireDense(vectors, 'c', p, m);
        INDArray product = Nd4j.createUninitialized(DataType.DOUBLE, p, m);
        INDArray result = Nd4j.createUninitialized(DataType.DOUBLE, m, m);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, p, m, p, 1.0, pointer(symmetric), p,
                pointer(vectors), m, 0.0, pointer(product), m);
        DoublePointer left = new DoublePointer(pointer(vectors));
        DoublePointer right = new DoublePointer(pointer(product));
        DoublePointer target = new DoublePointer(pointer(result));
        for (int start = 0; start < m; start += CONGRUENCE_PANEL) {
            int width = Math.min(CONGRUENCE_PANEL, m - start);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m - start, width, p, 1.0, left.position(start), m,
                    right.position(start), m, 0.0, target.position((long) start * m + start), m);
        }
        mirrorLowerOntoUpper(result);
        return result;
    }

    private static void mirrorLowerOntoUpper(INDArray square) {
        int d = (int) square.rows();
        DoublePointer base = pointer(square);
        DoublePointer row = new DoublePointer(base);
        DoublePointer column = new DoublePointer(base);
        for (int i = 1; i < d; i++) {
            cblas_dcopy(i, row.position((long) i * d), 1, column.position(i), d);
        }
    }

    @Override
    public String name() {
        return triangularLevel3 ? "openblas" : "openblas-level2-triangular";
    }

    private static DoublePointer pointer(INDArray array) {
        return (DoublePointer) array.data().addressPointer();
    }

    /**
     * Rows of a row-major matrix, each contiguous, at a constant distance of at least a row: the array itself, a
     * range of its rows or every k-th row (the address pointer of a view starts at its first element).
     */
    private static void requireRowMajorRows(INDArray rows) {
        if (rows.dataType() != DataType.DOUBLE || !hasRowMajorRows(rows)) {
            throw new IllegalArgumentException("expected double rows with contiguous elements, got "
                    + rows.dataType() + " " + Arrays.toString(rows.shape()) + " with strides "
                    + Arrays.toString(rows.stride()) + " and offset " + rows.offset());
        }
    }

    /** @return whether the matrix's rows are each contiguous, at a constant distance of at least a row */
    private static boolean hasRowMajorRows(INDArray rows) {
        return rows.rank() == 2 && rows.length() > 0 && (rows.stride(1) == 1 || rows.columns() == 1)
                && rowDistance(rows) >= rows.columns();
    }

    /** @return the distance between consecutive rows (ND4J gives a single row's view any row stride) */
    private static int rowDistance(INDArray rows) {
        return rows.rows() == 1 ? (int) rows.columns() : (int) rows.stride(0);
    }

    /** A d × d row-major matrix whose elements lie one after the other: an array, or one matrix of a stack. */
    private static void requireRowMajorSquare(INDArray target, int d) {
        if (target.dataType() != DataType.DOUBLE || target.rank() != 2 || target.rows() != d || target.columns() != d
                || target.stride(0) != d || target.stride(1) != 1) {
            throw new IllegalArgumentException("expected a contiguous " + d + " × " + d + " double matrix in 'c' order, got "
                    + target.dataType() + " " + Arrays.toString(target.shape()) + " with strides "
                    + Arrays.toString(target.stride()));
        }
    }

    private static void requireDense(INDArray array, char order, long rows, long columns) {
        boolean matrixShape = array.rank() == 2 ? array.rows() == rows && array.columns() == columns
                : array.length() == rows * columns;
        if (array.dataType() != DataType.DOUBLE || array.isView() || array.ordering() != order || !matrixShape) {
            throw new IllegalArgumentException("expected a " + rows + " × " + columns + " double array in '" + order
                    + "' order that is not a view, got " + array.dataType() + " " + Arrays.toString(array.shape())
                    + " in '" + array.ordering() + "' order" + (array.isView() ? " (a view)" : ""));
        }
    }
}
