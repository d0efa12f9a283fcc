package io.github.richness.core;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns probe moments into a {@link RichnessResult}: D_LR and its projection variant on the test probe
 * ({@link LinearCka}), the spectrum of the train probe ({@link Spectrum}), and Π*, Π̂ of the eigenfunctions
 * on the test probe ({@link EigenfunctionProjection}).
 *
 * <p>Bad input is an {@link IllegalArgumentException} naming the cause: fewer than 2 test samples, no
 * train sample, feature widths that differ, a test probe without outputs, NaN or infinite values (naming
 * the block). Quantities that are undefined for valid input (constant features or outputs, zero targets) are
 * NaN with a warning in the result. When the train probe has n ≤ p samples the Nyström approximation of
 * section 5.2 is unreliable: the result says so, and the log says so once per JVM.
 */
public final class RichnessAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(RichnessAnalysis.class);
    private static final AtomicBoolean SMALL_PROBE_LOGGED = new AtomicBoolean();

    private RichnessAnalysis() {
    }

    /**
     * @param train moments of the probe defining the eigenfunctions (features only suffice)
     * @param test moments of the probe D_LR and Π are measured on (features and outputs; targets optional)
     * @return the result, computed with {@link SymmetricKernels#forBackend()}
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult analyze(ProbeMoments train, ProbeMoments test) {
        return analyze(train, test, SymmetricKernels.forBackend());
    }

    /**
     * @param train moments of the probe defining the eigenfunctions (features only suffice)
     * @param test moments of the probe D_LR and Π are measured on (features and outputs; targets optional)
     * @param kernels the eigensolver and factorisation kernels of the analysis
     * @return the result
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult analyze(ProbeMoments train, ProbeMoments test, SymmetricKernels kernels) {
        validate(train, test);
        List<String> warnings = new ArrayList<>();
        int p = test.layout().features();
        if (train.count() <= p) {
            String message = "the spectrum probe has n = " + train.count() + " ≤ p = " + p
                    + " samples; the Nyström approximation needs n > p (section 5.2)";
            warnings.add(message);
            if (SMALL_PROBE_LOGGED.compareAndSet(false, true)) {
                LOG.warn("{} (logged once)", message);
            }
        }
        RichnessResult distances = distances(test, kernels);
        warnings.addAll(distances.warnings());

        Spectrum spectrum = Spectrum.of(train, kernels);
        EigenfunctionProjection eigenfunctions = train == test ? EigenfunctionProjection.onItsOwnProbe(spectrum, test, kernels)
                : EigenfunctionProjection.of(spectrum, test, kernels);
        double[] utilization = eigenfunctions.cumulative(Block.OUTPUTS);
        double[] quality = test.layout().has(Block.TARGETS) ? eigenfunctions.cumulative(Block.TARGETS) : null;
        if (Double.isNaN(utilization[0])) {
            warnings.add("outputs are zero on the probe: Π̂ is undefined");
        }
        if (quality != null && Double.isNaN(quality[0])) {
            warnings.add("targets are zero on the probe: Π* is undefined");
        }
        int dropped = eigenfunctions.droppedCount();
        if (dropped > 0) {
            warnings.add(dropped + " of " + p + " eigenfunctions dropped from Π (numerically zero eigenvalue"
                    + " or dependent on the test probe)");
        }
        return new RichnessResult(test.count(), train.count(), p, test.layout().outputs(),
                distances.lowRankDistance(), distances.projectionLowRankDistance(), spectrum.eigenvalues(), quality,
                utilization,
                dropped, warnings);
    }

    /**
     * D_LR and its projection variant only, without the spectrum (no p × p eigendecomposition): the
     * spectrum arrays of the result are empty.
     *
     * @param test moments of the probe (features and outputs)
     * @return the result, computed with {@link SymmetricKernels#forBackend()}
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult distancesOnly(ProbeMoments test) {
        return distancesOnly(test, SymmetricKernels.forBackend());
    }

    /**
     * @param test moments of the probe (features and outputs)
     * @param kernels the eigensolver of the projection variant
     * @return the result
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult distancesOnly(ProbeMoments test, SymmetricKernels kernels) {
        requireMeasurable(test);
        return distances(test, kernels);
    }

    private static RichnessResult distances(ProbeMoments test, SymmetricKernels kernels) {
        List<String> warnings = new ArrayList<>();
        LinearCka.Outcome paper = LinearCka.between(test, Block.FEATURES, Block.OUTPUTS);
        LinearCka.Outcome projection = LinearCka.withProjection(test, Block.FEATURES, Block.OUTPUTS, kernels);
        addProblem(warnings, "D_LR", paper.problem());
        addProblem(warnings, "projection D_LR", projection.problem());
        return new RichnessResult(test.count(), 0, test.layout().features(), test.layout().outputs(),
                1.0 - paper.value(), 1.0 - projection.value(), new double[0], null, new double[0], 0, warnings);
    }

    /**
     * Checks that D_LR can be measured on a probe: at least 2 samples, outputs present, all values finite.
     *
     * @param test the probe's moments
     * @throws IllegalArgumentException naming the cause otherwise
     */
    static void requireMeasurable(ProbeMoments test) {
        if (test.count() < 2) {
            throw new IllegalArgumentException("D_LR needs at least 2 test samples, got " + test.count());
        }
        if (!test.layout().has(Block.OUTPUTS)) {
            throw new IllegalArgumentException("the test probe has no outputs: D_LR compares features with outputs");
        }
        rejectNonFinite("test probe", test.nonFiniteBlocks());
    }

    private static void validate(ProbeMoments train, ProbeMoments test) {
        requireMeasurable(test);
        if (train.count() < 1) {
            throw new IllegalArgumentException("the spectrum needs at least 1 train sample, got 0");
        }
        if (train.layout().features() != test.layout().features()) {
            throw new IllegalArgumentException("train features have " + train.layout().features()
                    + " columns but test features have " + test.layout().features());
        }
        if (train != test) {
            rejectNonFinite("train probe", train.nonFiniteBlocks());
        }
    }

    private static void rejectNonFinite(String probe, Set<Block> blocks) {
        if (!blocks.isEmpty()) {
            throw new IllegalArgumentException("the " + probe + " has NaN or infinite values in " + blocks);
        }
    }

    private static void addProblem(List<String> warnings, String quantity, String problem) {
        if (problem != null) {
            warnings.add(quantity + ": " + problem);
        }
    }
}
