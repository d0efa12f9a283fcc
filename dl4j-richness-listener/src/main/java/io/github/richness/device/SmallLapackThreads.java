package io.github.richness.device;

import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a LAPACK call on a small matrix with OpenBLAS on one thread. The eigendecomposition's reduction to
 * tridiagonal form ({@code dsytrd}) and its back-transformation are mostly level-2 BLAS with a thread hand-off
 * per column; on a matrix of up to {@link #LIMIT} rows those hand-offs cost more than a second thread gains, and
 * far more when the cores are shared: on the 2-core machine of PERFORMANCE.md, a 128 × 128 eigendecomposition took
 * 1.33 ms on one thread against 1.72 ms on two at best, and 3.3 ms against 120–290 ms on average with other
 * processes running (load average 6–8); at 512 × 512, 43 against 52 ms at best.
 *
 * <p>OpenBLAS's thread count is process-wide: for the duration of the call, BLAS calls of other threads run
 * single-threaded too (slower, not otherwise changed); the count ND4J set is restored afterwards, also when the call
 * throws. Larger matrices keep OpenBLAS's threads. The count is set through OpenBLAS's
 * {@code openblas_set_num_threads}, looked up once (a pair of calls takes 0.1 µs): ND4J's {@code Blas.setMaxThreads}
 * looks the symbol up again at every call (a pair took 0.1–5 ms here, the upper figure under load). Where the symbol is missing (a BLAS other than
 * OpenBLAS) the call runs as it is.
 */
final class SmallLapackThreads {

    /** The largest matrix dimension run on one thread. */
    static final int LIMIT = 512;

    private static final openblas_nolapack.SetNumThreads SET_THREADS = lookUp();

    private SmallLapackThreads() {
    }

    /**
     * @param dimension the matrix's number of rows
     * @param call the LAPACK call
     * @param <T> its result's type
     * @return the call's result
     */
    static <T> T run(int dimension, Supplier<T> call) {
        int threads = Nd4j.factory().blas().getMaxThreads();
        if (dimension > LIMIT || threads <= 1 || SET_THREADS == null) {
            return call.get();
        }
        SET_THREADS.call(1);
        try {
            return call.get();
        } finally {
            SET_THREADS.call(threads);
        }
    }

    private static openblas_nolapack.SetNumThreads lookUp() {
        Loader.load(openblas_nolapack.class);
        Pointer address = Loader.addressof("openblas_set_num_threads");
        if (address == null || address.isNull()) {
            return null;
        }
        openblas_nolapack.SetNumThreads function = new openblas_nolapack.SetNumThreads() {
        };
        function.put(address);
        return function;
    }
}
