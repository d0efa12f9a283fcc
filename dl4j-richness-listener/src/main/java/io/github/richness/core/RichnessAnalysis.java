package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.BlockedMoments;
import io.github.richness.moments.ProbeMoments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns probe moments into a {@link RichnessResult}: D_LR, the debiased D_LR ({@link DebiasedCka}) and the
 * projection variant on the test probe ({@link LinearCka}), their jackknife standard errors when the test
 * probe is a {@link BlockedMoments} ({@link Jackknife}), the spectrum of the train probe ({@link Spectrum})
 * with its Nyström trust limit ({@link NystromTrust}), and Π*, Π̂ of the eigenfunctions on the test probe
 * ({@link EigenfunctionProjection}). The eigensolver and factorisation kernels are passed in; the overloads
 * without them use {@link SymmetricKernels#forBackend()}.
 *
 * <p>Bad input is an {@link IllegalArgumentException} naming the cause: fewer than 2 test samples, no
 * train sample, feature widths that differ, a test probe without outputs, NaN or infinite values (naming
 * the block). Quantities that are undefined for valid input (constant features or outputs, zero targets, the
 * debiased D_LR below 4 samples) are NaN with a warning in the result. Warnings also flag numbers to read
 * with care:
 * <ul>
 *   <li>a test probe with n ≤ p (plain linear CKA is then strongly biased towards 1, D_LR towards 0);</li>
 *   <li>outputs that are numerically zero: their spread is at most {@link #OUTPUT_ROUND_OFF_FACTOR} units of
 *       round-off of their magnitude (in the precision they were computed in), so D_LR measures rounding;</li>
 *   <li>output directions below the probe's resolution, left out of the projection variant;</li>
 *   <li>a train probe with n ≤ p (the Nyström approximation of section 5.2 needs n &gt; p; also logged once
 *       per JVM);</li>
 *   <li>a first eigenfunction that is not the constant mode, ⟨1|e₁⟩ &lt; {@link #CONSTANT_MODE_OVERLAP}
 *       (D_eff drops e₁ as the constant function, appendix D.2);</li>
 *   <li>D_eff(Q̂) &lt; C − 1: the last layer uses at least one feature fewer than the C of a rich C-class model,
 *       a collapse that reads "rich" on D_LR (D_eff is an entropy count, so a model using all C features
 *       unevenly reads a little below C: the warning allows one).</li>
 * </ul>
 */
public final class RichnessAnalysis {

    /** ⟨1|e₁⟩ below this means the first eigenfunction is not the constant mode (appendix D.2 reports > 0.95). */
    static final double CONSTANT_MODE_OVERLAP = 0.95;

    /** Outputs whose spread is at most this many units of round-off of their magnitude are numerically zero. */
    static final double OUTPUT_ROUND_OFF_FACTOR = 1e3;

    private static final Logger LOG = LoggerFactory.getLogger(RichnessAnalysis.class);
    private static final AtomicBoolean SMALL_PROBE_LOGGED = new AtomicBoolean();

    private RichnessAnalysis() {
    }

    /**
     * @param train moments of the probe defining the eigenfunctions (features only suffice)
     * @param test moments of the probe D_LR and Π are measured on (features and outputs; targets optional)
     * @return the result, computed with {@link SymmetricKernels#forBackend()}; no standard errors
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult analyze(ProbeMoments train, ProbeMoments test) {
        return analyze(train, test, SymmetricKernels.forBackend());
    }

    /**
     * @param train moments of the probe defining the eigenfunctions (features only suffice)
     * @param test moments of the probe D_LR and Π are measured on (features and outputs; targets optional)
     * @param kernels the eigensolver and factorisation kernels of the analysis
     * @return the result; no standard errors (NaN)
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult analyze(ProbeMoments train, ProbeMoments test, SymmetricKernels kernels) {
        validate(train, test);
        return result(train, test, null, kernels);
    }

    /**
     * The full analysis with standard errors: the test probe's {@link BlockedMoments#total()} is analysed as
     * by {@link #analyze(ProbeMoments, ProbeMoments, SymmetricKernels)} and its blocks give the jackknife
     * standard errors of D_LR and the debiased D_LR.
     *
     * @param train moments of the probe defining the eigenfunctions; may be {@code test.total()}
     * @param test the test probe's blocked moments
     * @param kernels the eigensolver and factorisation kernels of the analysis
     * @return the result
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult analyze(ProbeMoments train, BlockedMoments test, SymmetricKernels kernels) {
        validate(train, test.total());
        return result(train, test.total(), test, kernels);
    }

    /**
     * D_LR, its debiased and projection variants only, without the spectrum (no p × p eigendecomposition):
     * the spectrum of the result is {@link SpectrumSummary#notMeasured()}.
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
     * @return the result, without spectrum and standard errors
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult distancesOnly(ProbeMoments test, SymmetricKernels kernels) {
        requireMeasurable(test);
        return result(null, test, null, kernels);
    }

    /**
     * @param test the test probe's blocked moments
     * @param kernels the eigensolver of the projection variant
     * @return the result with standard errors, without spectrum
     * @throws IllegalArgumentException for bad input, as listed in the class documentation
     */
    public static RichnessResult distancesOnly(BlockedMoments test, SymmetricKernels kernels) {
        requireMeasurable(test.total());
        return result(null, test.total(), test, kernels);
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

    private static RichnessResult result(ProbeMoments train, ProbeMoments test, BlockedMoments blocked,
                                         SymmetricKernels kernels) {
        List<String> warnings = new ArrayList<>();
        Distances distances = distances(test, blocked, kernels, warnings);
        SpectrumSummary spectrum = train == null ? SpectrumSummary.notMeasured()
                : spectrum(train, test, kernels, warnings);
        return new RichnessResult(test.count(), train == null ? 0 : train.count(), test.layout().features(),
                test.layout().outputs(), distances, spectrum, warnings);
    }

    private static Distances distances(ProbeMoments test, BlockedMoments blocked, SymmetricKernels kernels,
                                       List<String> warnings) {
        int p = test.layout().features();
        if (test.count() <= p) {
            warnings.add("the test probe has n = " + test.count() + " ≤ p = " + p + " samples: linear CKA is"
                    + " strongly biased towards 1 there (D_LR towards 0); read the debiased D_LR");
        }
        warnIfOutputsAreRoundOff(test, warnings);
        LinearCka.Outcome paper = LinearCka.between(test, Block.FEATURES, Block.OUTPUTS);
        LinearCka.Outcome debiased = DebiasedCka.between(test);
        LinearCka.Projection projection = LinearCka.withProjection(test, Block.FEATURES, Block.OUTPUTS, kernels);
        addProblem(warnings, "D_LR", paper.problem());
        addProblem(warnings, "debiased D_LR", debiased.problem());
        addProblem(warnings, "projection D_LR", projection.outcome().problem());
        if (projection.belowResolution() > 0) {
            warnings.add("projection D_LR: " + projection.belowResolution() + " output direction(s) with at most"
                    + " 1/n of the largest variance left out of the span (below the resolution of n = "
                    + test.count() + " samples)");
        }
        StandardErrors errors = blocked == null ? StandardErrors.notMeasured() : Jackknife.of(blocked, warnings);
        return new Distances(1.0 - paper.value(), 1.0 - debiased.value(), 1.0 - projection.outcome().value(),
                projection.rank(), errors);
    }

    /**
     * Flags outputs whose spread √(Tr M_FF) is at most {@link #OUTPUT_ROUND_OFF_FACTOR} · u times their
     * magnitude √(Σ‖f̂‖²), u the unit round-off of the least precise output array accumulated.
     */
    private static void warnIfOutputsAreRoundOff(ProbeMoments test, List<String> warnings) {
        double spread = HostTransfer.scalar(test.diagonal(Block.OUTPUTS).sum());
        INDArray mean = test.mean(Block.OUTPUTS);
        double magnitude = spread + test.count() * HostTransfer.scalar(mean.mul(mean).sum());
        double limit = OUTPUT_ROUND_OFF_FACTOR * test.unitRoundOff(Block.OUTPUTS);
        if (spread > 0 && spread <= limit * limit * magnitude) {
            warnings.add("the outputs are numerically constant: their spread is " + String.format(
                    java.util.Locale.ROOT, "%.1e", Math.sqrt(spread / magnitude)) + " of their magnitude, within "
                    + (long) OUTPUT_ROUND_OFF_FACTOR + " units of round-off: D_LR measures rounding");
        }
    }

    private static SpectrumSummary spectrum(ProbeMoments train, ProbeMoments test, SymmetricKernels kernels,
                                            List<String> warnings) {
        int p = test.layout().features();
        if (train.count() <= p) {
            String message = "the spectrum probe has n = " + train.count() + " ≤ p = " + p
                    + " samples; the Nyström approximation needs n > p (section 5.2)";
            warnings.add(message);
            if (SMALL_PROBE_LOGGED.compareAndSet(false, true)) {
                LOG.warn("{} (logged once)", message);
            }
        }
        Spectrum spectrum = Spectrum.of(train, kernels);
        EigenfunctionProjection eigenfunctions = train == test
                ? EigenfunctionProjection.onItsOwnProbe(spectrum, test, kernels)
                : EigenfunctionProjection.of(spectrum, test, kernels);
        double[] utilization = eigenfunctions.cumulative(Block.OUTPUTS);
        double[] quality = test.layout().has(Block.TARGETS) ? eigenfunctions.cumulative(Block.TARGETS) : new double[0];
        if (Double.isNaN(utilization[0])) {
            warnings.add("outputs are zero on the probe: Π̂ is undefined");
        }
        if (quality.length > 0 && Double.isNaN(quality[0])) {
            warnings.add("targets are zero on the probe: Π* is undefined");
        }
        int dropped = eigenfunctions.droppedCount();
        if (dropped > 0) {
            warnings.add(dropped + " of " + p + " eigenfunctions dropped from Π (numerically zero eigenvalue"
                    + " or dependent on the test probe)");
        }
        double overlap = spectrum.constantModeOverlap(train.mean(Block.FEATURES));
        if (overlap < CONSTANT_MODE_OVERLAP) {
            warnings.add(String.format(java.util.Locale.ROOT, "the first eigenfunction is not the constant mode"
                    + " (⟨1|e₁⟩ = %.3f < %.2f): D_eff leaves e₁ out as the constant function (appendix D.2),"
                    + " which here drops a feature direction", overlap, CONSTANT_MODE_OVERLAP));
        }
        int classes = test.layout().outputs();
        double usedFeatures = Double.isNaN(utilization[0]) ? Double.NaN
                : EffectiveDimension.of(RichnessResult.differences(utilization));
        if (usedFeatures < classes - 1) {
            warnings.add(String.format(java.util.Locale.ROOT, "D_eff(Q̂) = %.2f < C − 1 = %d: the last layer uses"
                    + " fewer features than a rich %d-output model does (a collapse can read \"rich\" on D_LR)",
                    usedFeatures, classes - 1, classes));
        }
        int trusted = NystromTrust.trustedCount(spectrum.eigenvalues(), train.count(), spectrum.significantCount());
        return new SpectrumSummary(spectrum.eigenvalues(), quality, utilization, dropped, trusted, overlap);
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
