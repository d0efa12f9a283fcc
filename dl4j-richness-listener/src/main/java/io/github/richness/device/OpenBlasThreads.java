package io.github.richness.device;

import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an OpenBLAS or LAPACK call on one thread. Small calls pay more for OpenBLAS's thread hand-offs than a
 * second thread gains, and far more when the cores are shared; {@link OpenBlasKernels} decides which calls are
 * small ({@link #LAPACK_LIMIT}, {@link #GRAM_FLOPS_LIMIT}). Measured on the 2-core machine of PERFORMANCE.md
 * (one thread against two):
 * <ul>
 *   <li>eigendecomposition ({@code dsytrd}, {@code dstedc}, {@code dormtr}, mostly level-2 BLAS with a hand-off
 *       per column): 128 × 128, 1.33 against 1.72 ms at best, and 3.3 against 120–290 ms on average with other
 *       processes running (load average 6–8); 512 × 512, 43 against 52 ms at best;</li>
 *   <li>rank-k updates ({@code dsyrk}): 20 of 52 rows × 141 columns (the jackknife blocks of one minibatch),
 *       0.55 against 0.75 ms; 10 of 102 × 128 (the classes), 0.40 against 0.43 ms; but one of 1024 × 276 (a
 *       whole minibatch), 1.41 against 1.11 ms, so large updates keep both threads.</li>
 * </ul>
 *
 * <p>OpenBLAS's thread count is process-wide: for the duration of the call, BLAS calls of other threads run
 * single-threaded too (slower, not otherwise changed); the count ND4J set is restored afterwards, also when the call
 * throws. The count is set through OpenBLAS's {@code openblas_set_num_threads}, looked up once (a pair of calls
 * takes 0.1 µs): ND4J's {@code Blas.setMaxThreads} looks the symbol up again at every call (a pair took 0.1–5 ms
 * here, the upper figure under load). Where the symbol is missing (a BLAS other than OpenBLAS) the call runs as it
 * is.
 */
final class OpenBlasThreads {

    /** The largest matrix dimension whose LAPACK calls run on one thread. */
    static final int LAPACK_LIMIT = 512;

    /** The most flops (rows × columns² of a rank-k update, m n k of a product) run on one thread. */
    static final long GRAM_FLOPS_LIMIT = 1L << 22;

    private static final openblas_nolapack.SetNumThreads SET_THREADS = lookUp();

    private OpenBlasThreads() {
    }

    /**
     * @param small whether the call is small enough for one thread
     * @param call the call
     * @param <T> its result's type
     * @return the call's result
     */
    static <T> T singleIf(boolean small, Supplier<T> call) {
        int threads = Nd4j.factory().blas().getMaxThreads();
        if (!small || threads <= 1 || SET_THREADS == null) {
            return call.get();
        }
        SET_THREADS.call(1);
        try {
            return call.get();
        } finally {
            SET_THREADS.call(threads);
        }
    }

    /**
     * @param small whether the call is small enough for one thread
     * @param call the call
     */
    static void singleIf(boolean small, Runnable call) {
        singleIf(small, () -> {
            call.run();
            return null;
        });
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
