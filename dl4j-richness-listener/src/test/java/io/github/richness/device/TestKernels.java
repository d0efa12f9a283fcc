package io.github.richness.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel sets a test can compare: every implementation that gives right answers on this machine by
 * {@link KernelCheck}, whose residuals are computed in plain Java. ND4J's plain {@code syev} is left out where
 * it is wrong (on the CPUs where OpenBLAS's {@code dtrmm} is), with a line in the log saying so.
 */
public final class TestKernels {

    private static final Logger LOG = LoggerFactory.getLogger(TestKernels.class);

    private TestKernels() {
    }

    /** @return the OpenBLAS variants of the CPU backend that are right here: the selected one and the level-2 one */
    public static Stream<SymmetricKernels> openBlasVariants() {
        Map<String, SymmetricKernels> variants = new LinkedHashMap<>();
        variants.put(SymmetricKernels.openBlas().name(), SymmetricKernels.openBlas());
        variants.put(OpenBlasKernels.avoidingTriangularLevel3().name(), OpenBlasKernels.avoidingTriangularLevel3());
        return variants.values().stream();
    }

    /** @return {@link #openBlasVariants()} and, where it is right here, ND4J's plain implementation */
    public static Stream<SymmetricKernels> rightOnThisMachine() {
        List<SymmetricKernels> kernels = new ArrayList<>(openBlasVariants().toList());
        KernelCheck plain = KernelCheck.of(SymmetricKernels.plain());
        if (plain.passed()) {
            kernels.add(SymmetricKernels.plain());
        } else {
            LOG.warn("ND4J's plain kernels are wrong on this CPU, left out of the comparison: {}", plain.failures());
        }
        return kernels.stream();
    }
}
