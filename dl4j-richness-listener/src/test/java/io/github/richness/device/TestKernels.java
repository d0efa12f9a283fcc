package io.github.richness.device;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel sets a test can compare: every implementation that gives right answers on this machine by
 * {@link KernelCheck}, whose residuals are computed in plain Java. ND4J's plain {@code syev} is left out where
 * it is wrong (on the CPUs where OpenBLAS's {@code dtrmm} is), with a line in the log saying so. The OpenBLAS
 * kernels exist on ND4J's CPU backend only: on another backend (CUDA) the tests of them are skipped, saying why
 * ({@link #assumeOpenBlas()}), and the comparisons run with ND4J's own kernels alone.
 */
public final class TestKernels {

    private static final Logger LOG = LoggerFactory.getLogger(TestKernels.class);

    private TestKernels() {
    }

    /** Skips the calling test (or parameter source) where ND4J's backend is not the CPU one, saying why. */
    public static void assumeOpenBlas() {
        assumeTrue(Nd4j.getEnvironment().isCPU(), () -> "the OpenBLAS kernels exist only on ND4J's CPU backend "
                + "(nd4j-native); this backend is " + Nd4j.getBackend().getClass().getSimpleName());
    }

    /**
     * @return the OpenBLAS variants of the CPU backend that are right here: the selected one and the level-2 one
     *         (on another backend, the calling test is skipped)
     */
    public static Stream<SymmetricKernels> openBlasVariants() {
        assumeOpenBlas();
        Map<String, SymmetricKernels> variants = new LinkedHashMap<>();
        variants.put(SymmetricKernels.openBlas().name(), SymmetricKernels.openBlas());
        variants.put(OpenBlasKernels.avoidingTriangularLevel3().name(), OpenBlasKernels.avoidingTriangularLevel3());
        return variants.values().stream();
    }

    /**
     * @return ND4J's plain implementation and, on the CPU backend, {@link #openBlasVariants()}: for the kernels
     *         that never call the routines {@link KernelCheck} examines (rank-k updates, copies, sums, products)
     */
    public static Stream<SymmetricKernels> everyImplementation() {
        List<SymmetricKernels> kernels = new ArrayList<>(List.of(SymmetricKernels.plain()));
        if (Nd4j.getEnvironment().isCPU()) {
            kernels.addAll(openBlasVariants().toList());
        }
        return kernels.stream();
    }

    /** @return {@link #openBlasVariants()} and, where it is right here, ND4J's plain implementation */
    public static Stream<SymmetricKernels> rightOnThisMachine() {
        List<SymmetricKernels> kernels = new ArrayList<>(Nd4j.getEnvironment().isCPU() ? openBlasVariants().toList()
                : List.of());
        KernelCheck plain = KernelCheck.of(SymmetricKernels.plain());
        if (plain.passed()) {
            kernels.add(SymmetricKernels.plain());
        } else {
            LOG.warn("ND4J's plain kernels are wrong on this CPU, left out of the comparison: {}", plain.failures());
        }
        return kernels.stream();
    }
}
