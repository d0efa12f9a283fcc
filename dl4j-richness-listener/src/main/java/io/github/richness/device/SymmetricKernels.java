package io.github.richness.device;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dense symmetric operations that dominate this library's cost, each done the fastest way the ND4J
 * backend allows: the rank-k update M += Zᵀ Z that accumulates probe moments (O(n d²), see
 * {@code io.github.richness.moments.ProbeMoments}), the symmetric eigendecomposition behind the spectrum
 * of Algorithm 1 (O(p³)) and the in-order Cholesky factorisation that orthonormalises the eigenfunctions
 * for Π (O(p³), appendix J.3.1).
 *
 * <p>{@link #forBackend()} picks the implementation once per JVM, by the backend ND4J loaded:
 * <ul>
 *   <li>CPU backend (nd4j-native, which ships OpenBLAS): {@link #openBlas()}, which calls OpenBLAS's
 *       {@code cblas_dsyrk} (fills one triangle, half the work of a GEMM), LAPACK's divide-and-conquer
 *       {@code dsyevd} and a {@code dpotrf}-structured Cholesky ({@code dtrsm}, {@code dsyrk}) directly on
 *       the arrays' own native buffers, without copying them, {@code dtrsm} for triangular solves and
 *       {@code dgemm} for congruences. Before first use these routines are checked against residuals
 *       computed in plain Java; where OpenBLAS's triangular level-3 routines are wrong (its "SkylakeX"
 *       kernels on AVX-512 Intel CPUs, see {@code KernelCheck}), the same work is done without them
 *       ({@link #openBlasAvoidingTriangularLevel3()}) and a warning says so once;</li>
 *   <li>any other backend (CUDA): {@link #plain()}, ND4J's own operations, which run on the device
 *       (GEMM and cuSOLVER {@code syevd} on CUDA).</li>
 * </ul>
 * Both give the same numbers to rounding (see PERFORMANCE.md of this module for why the plain CPU
 * eigensolver is slow: ND4J's CPU {@code syev} is LAPACK's QR-iteration {@code dsyev}; on the CPUs where
 * OpenBLAS's {@code dtrmm} is wrong it is wrong too, which is why the CPU backend never uses it).
 *
 * <p>Every array passed in must be a double-precision, contiguous, non-view matrix, except where a method says
 * otherwise; implementations are stateless and thread-safe.
 */
public interface SymmetricKernels {

    /** Columns of the diagonal block that {@link #orderedCholesky} factorises one at a time. */
    int CHOLESKY_BLOCK = 64;

    /**
     * Adds the Gram matrix of a block of rows: {@code target += rowsᵀ rows}. After the call only the
     * triangle this implementation maintains may be up to date; {@link #symmetrize(INDArray)} completes the
     * other one.
     *
     * @param rows an n × d double matrix whose rows are contiguous, at a constant distance of at least d: a
     *        'c'-order array, a range of its rows, or every k-th of its rows (a strided view)
     * @param target a d × d double matrix, 'c' order and contiguous: an array, or one matrix of a contiguous
     *        stack (a view)
     */
    void addGram(INDArray rows, INDArray target);

    /**
     * {@link #addGram} with the target's former value discarded: {@code target := rowsᵀ rows} in the triangle this
     * implementation maintains (the other one keeps what it held until {@link #symmetrize(INDArray)}), which saves
     * zeroing the target before a first update.
     *
     * @param rows as {@link #addGram}'s
     * @param target as {@link #addGram}'s
     */
    void setGram(INDArray rows, INDArray target);

    /**
     * Copies a matrix into another of the same shape, converting it to double precision: {@code target := source}
     * (a minibatch's block into the moments' row buffer, the step before {@link #addGram}).
     *
     * @param source an n × d floating-point matrix, any layout
     * @param target an n × d double matrix (typically a column block of a 'c'-order matrix: rows contiguous at a
     *        constant distance)
     */
    void copy(INDArray source, INDArray target);

    /**
     * The sum of the rows, {@code into := Σ_i rows_i}: of a minibatch, or of the jackknife's B block Gram matrices
     * flattened into rows.
     *
     * @param rows an n × d double matrix with rows contiguous at a constant distance (as {@link #addGram}'s)
     * @param into a double vector of d elements (a 1-d array or a row view)
     */
    void columnSums(INDArray rows, INDArray into);

    /**
     * The mean of the rows, {@code into := (1/n) Σ_i rows_i}: the centre a minibatch is shifted by before its
     * rank-k update. The sum of {@link #columnSums}, divided by n (as ND4J's {@code mean}: a column whose sum is
     * exact, such as a constant, gets its exact mean, and centring leaves exact zeros, which the checks for
     * constant features rely on).
     *
     * @param rows an n × d double matrix with rows contiguous at a constant distance (as {@link #addGram}'s)
     * @param into a double vector of d elements (a 1-d array or a row view)
     */
    default void columnMeans(INDArray rows, INDArray into) {
        columnSums(rows, into);
        into.divi(rows.rows());
    }

    /**
     * Subtracts a vector from every row, in place: {@code rows_i -= row}.
     *
     * @param rows an n × d double matrix with rows contiguous at a constant distance
     * @param row a double vector of d elements
     */
    void subtractFromRows(INDArray rows, INDArray row);

    /**
     * A general matrix product, {@code c := alpha · op(a) b + beta · c} with op(a) = a or aᵀ: the small products
     * with a minibatch's one-hot classes (n × t with t classes, where ND4J's {@code gemm} of such shapes took up
     * to four times as long as the BLAS call).
     *
     * @param a an m × k (or, transposed, k × m) double matrix with rows contiguous at a constant distance
     * @param transposeA whether op(a) is aᵀ
     * @param b a k × n double matrix with rows contiguous at a constant distance
     * @param c an m × n double matrix with rows contiguous at a constant distance, neither a nor b
     * @param alpha the factor of the product
     * @param beta the factor of c's former value (0: c is overwritten, whatever it held)
     * @throws IllegalArgumentException if the shapes do not fit
     */
    void product(INDArray a, boolean transposeA, INDArray b, INDArray c, double alpha, double beta);

    /**
     * The inner products of the same part of every matrix of a stack, {@code target := X Xᵀ}, row b of X being the
     * part [rowFrom, rowTo) × [columnFrom, columnTo) of matrix b, flattened: target[b][b'] = Σ_ij S_b[i][j] S_b'[i][j],
     * both triangles. The jackknife's read-out takes ‖Σ_{b' ≠ b} G_b'‖² for parts of its B block Gram matrices from
     * these, without copying the blocks.
     *
     * @param stack a B × m × m' double array in 'c' order, not a view
     * @param rowFrom the part's first row
     * @param rowTo one past its last row (0 ≤ rowFrom &lt; rowTo ≤ m)
     * @param columnFrom the part's first column
     * @param columnTo one past its last column (0 ≤ columnFrom &lt; columnTo ≤ m')
     * @param target a B × B double matrix, 'c' order and contiguous: an array, or one matrix of a contiguous stack (a
     *        view); overwritten, whatever it held
     * @throws IllegalArgumentException if the stack is not such an array or the part does not lie within it
     */
    void partInnerProducts(INDArray stack, int rowFrom, int rowTo, int columnFrom, int columnTo, INDArray target);

    /**
     * The sum of the squares of all elements, accumulated in double precision (whatever the array's type): ‖θ‖²
     * of a model's flattened parameters. One scalar comes to the host.
     *
     * @param array a floating-point array of any shape and layout
     * @return Σ x²
     */
    double squaredSum(INDArray array);

    /**
     * Copies the triangle that {@link #addGram(INDArray, INDArray)} maintains onto the other one, making
     * {@code target} symmetric; a no-op where {@code addGram} updates the full matrix.
     *
     * @param target a d × d double matrix, 'c' order and contiguous (as {@code addGram}'s target)
     */
    void symmetrize(INDArray target);

    /**
     * Eigendecomposition of a symmetric matrix, in place: on return {@code matrix} holds the orthonormal
     * eigenvectors as columns and {@code values} the eigenvalues in ascending order.
     *
     * @param matrix a k × k double matrix in 'f' (column-major) order, not a view; only its lower triangle
     *        is read
     * @param values a double vector of length k, not a view
     * @return LAPACK's info: 0 on success, positive if the algorithm failed to converge
     */
    int eigen(INDArray matrix, INDArray values);

    /**
     * Cholesky factorisation A = L Lᵀ in the columns' given order, in place, dropping each column whose
     * residual diagonal (its squared distance to the span of the kept columns before it) is at most
     * {@code dropTolerance × norms[j]}, or whose {@code norms[j]} is not positive: a dropped column of L is
     * the unit vector, so it passes nothing to later columns. Defined for singular input.
     *
     * @param a an m × m symmetric double matrix in 'c' order, not a view; overwritten with L (its upper
     *        triangle set to zero)
     * @param norms the m original diagonal entries (squared norms of the vectors whose Gram matrix A is)
     * @param dropTolerance the relative residual at or below which a column is dropped
     * @return per column, 1 if kept and 0 if dropped
     */
    double[] orderedCholesky(INDArray a, double[] norms, double dropTolerance);

    /**
     * Solves L X = B for X by forward substitution.
     *
     * @param lower an m × m lower-triangular double matrix in 'c' order, not a view (its upper triangle is
     *        not read); a factor from {@link #orderedCholesky}
     * @param rhs B, an m × r double matrix in 'c' order, not a view; not modified
     * @return X, a new m × r matrix
     */
    INDArray solveLower(INDArray lower, INDArray rhs);

    /**
     * The congruence Vᵀ A V of a symmetric matrix: the Gram matrix, under A's inner product, of V's columns.
     *
     * @param symmetric A, a p × p symmetric double matrix in 'c' order, not a view
     * @param vectors V, a p × m double matrix in 'c' order, not a view
     * @return Vᵀ A V, a new m × m matrix in 'c' order
     */
    INDArray congruence(INDArray symmetric, INDArray vectors);

    /** @return a short name for logs and benchmark tables */
    String name();

    /** @return the implementation for the backend ND4J has loaded (decided once per JVM) */
    static SymmetricKernels forBackend() {
        return Selection.FOR_BACKEND.get();
    }

    /** @return ND4J's own operations: GEMM and the backend's {@code syev} (works on every backend) */
    static SymmetricKernels plain() {
        return NdKernels.INSTANCE;
    }

    /**
     * @return the OpenBLAS kernels of the CPU backend that are right on this CPU: every routine where the
     *         check of {@code KernelCheck} passes, else {@link #openBlasAvoidingTriangularLevel3()}
     * @throws IllegalStateException if ND4J's backend is not the CPU one, the OpenBLAS bindings are not on the
     *         class path, or not even the routines without triangular level-3 BLAS give right answers
     */
    static SymmetricKernels openBlas() {
        Selection.requireOpenBlas();
        return Selection.CHECKED.get();
    }

    /**
     * @return the OpenBLAS kernels that never call {@code dtrsm} or {@code dtrmm} (not even through LAPACK):
     *         right on every CPU, slower where those routines are right; for comparisons and tests
     * @throws IllegalStateException if ND4J's backend is not the CPU one or the OpenBLAS bindings are not
     *         on the class path
     */
    static SymmetricKernels openBlasAvoidingTriangularLevel3() {
        Selection.requireOpenBlas();
        return OpenBlasKernels.avoidingTriangularLevel3();
    }

    /** Decides once which implementation the backend gets. */
    final class Selection {

        private static final Logger LOG = LoggerFactory.getLogger(SymmetricKernels.class);
        private static final String OPENBLAS_BINDINGS = "org.bytedeco.openblas.global.openblas";
        /** The OpenBLAS kernels that passed their {@link KernelCheck}, chosen at first use (the check runs only on CPU). */
        private static final Once<SymmetricKernels> CHECKED = new Once<>(Selection::checkedOpenBlas);
        private static final Once<SymmetricKernels> FOR_BACKEND = new Once<>(Selection::select);

        private Selection() {
        }

        private static SymmetricKernels select() {
            SymmetricKernels kernels = openBlasUsable() ? CHECKED.get() : NdKernels.INSTANCE;
            LOG.debug("symmetric kernels for backend {}: {}", Nd4j.getBackend().getClass().getSimpleName(),
                    kernels.name());
            return kernels;
        }

        private static SymmetricKernels checkedOpenBlas() {
            KernelCheck full = KernelCheck.of(OpenBlasKernels.full());
            if (full.passed()) {
                return OpenBlasKernels.full();
            }
            SymmetricKernels fallback = OpenBlasKernels.avoidingTriangularLevel3();
            KernelCheck safe = KernelCheck.of(fallback);
            if (!safe.passed()) {
                throw new IllegalStateException("OpenBLAS gives wrong results on this CPU, even without its triangular"
                        + " level-3 routines: " + full.failures() + ", then " + safe.failures()
                        + "; start the JVM with the environment variable OPENBLAS_CORETYPE=Haswell");
            }
            LOG.warn("OpenBLAS returned wrong results on this CPU for {}: a known problem of the OpenBLAS that"
                    + " nd4j-native bundles on AVX-512 CPUs. dl4j-richness avoids those routines (its spectra cost"
                    + " up to twice as much); ND4J's own LAPACK-based operations (for example"
                    + " Eigen.symmetricGeneralizedEigenvalues) are affected too. Setting the environment variable"
                    + " OPENBLAS_CORETYPE=Haswell before the JVM starts makes OpenBLAS right again.", full.failures());
            return fallback;
        }

        private static void requireOpenBlas() {
            if (!openBlasUsable()) {
                throw new IllegalStateException("the OpenBLAS kernels need ND4J's CPU backend (nd4j-native) and"
                        + " org.bytedeco:openblas on the class path");
            }
        }

        private static boolean openBlasUsable() {
            if (!Nd4j.getEnvironment().isCPU()) {
                return false;
            }
            try {
                Class.forName(OPENBLAS_BINDINGS, false, SymmetricKernels.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }

        /**
         * A value computed at first use, then kept; a failure is not kept, so every caller sees its own exception
         * (a static initialiser's failure would instead surface later as a bare {@code NoClassDefFoundError}).
         *
         * @param <T> the value's type
         */
        private static final class Once<T> {

            private final java.util.function.Supplier<T> supplier;
            private volatile T value;

            Once(java.util.function.Supplier<T> supplier) {
                this.supplier = supplier;
            }

            synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        }
    }
}
