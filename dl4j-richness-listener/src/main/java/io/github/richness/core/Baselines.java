package io.github.richness.core;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prior measures of rich dynamics the paper compares D_LR with (section 4.1, tables 1 and 2).
 *
 * @param kernelSimilarityToInit S_init: linear CKA between the centred feature kernels of the same probe
 *        samples under the reference model (the initialisation) and now (eq. 7); 1 at initialisation, smaller
 *        the more the features moved; NaN when no reference features were accumulated
 * @param parameterNormSquared ‖θ‖², the squared Euclidean norm of the model's parameters (for a DL4J model
 *        without the batch-normalisation running statistics: {@link ParameterNorm}); NaN when not measured
 * @param nc1 NC1 = Tr(Σ_b⁺ Σ_W) with Σ_b⁺ ≈ (Σ_b + 10⁻⁴ I)⁻¹ (appendix H.2); see {@link CollapseBaselines}
 * @param withinClassTrace Tr(Σ_W), the within-class variability (appendix H.2)
 * @param warnings why a value is NaN, if one is
 */
public record Baselines(double kernelSimilarityToInit, double parameterNormSquared, double nc1,
                        double withinClassTrace, List<String> warnings) {

    /** Copies the warnings. */
    public Baselines {
        warnings = List.copyOf(warnings);
    }

    /**
     * @param test test-probe moments; S_init needs the {@link Block#REFERENCE} block, NC1 and Tr(Σ_W) need
     *        class statistics
     * @param parameterNormSquared ‖θ‖² measured by the caller (see {@link #squaredNorm(Iterable)}), or NaN
     * @return the baselines, computed with {@link SymmetricKernels#forBackend()}
     */
    public static Baselines measure(ProbeMoments test, double parameterNormSquared) {
        return measure(test, parameterNormSquared, SymmetricKernels.forBackend());
    }

    /**
     * @param test test-probe moments; S_init needs the {@link Block#REFERENCE} block, NC1 and Tr(Σ_W) need
     *        class statistics
     * @param parameterNormSquared ‖θ‖² measured by the caller (see {@link #squaredNorm(Iterable)}), or NaN
     * @param kernels the eigensolver for the between-class range of NC1
     * @return the baselines
     */
    public static Baselines measure(ProbeMoments test, double parameterNormSquared, SymmetricKernels kernels) {
        return measure(test, test, parameterNormSquared, kernels);
    }

    /**
     * The baselines with NC1 and Tr(Σ_W) measured on another probe: the paper defines neural collapse on
     * training features (Proposition 1, appendix H.2), so a listener given a training probe measures them there.
     *
     * @param test test-probe moments; S_init needs the {@link Block#REFERENCE} block
     * @param collapse the moments NC1 and Tr(Σ_W) are measured on (they need class statistics); may be {@code test}
     * @param parameterNormSquared ‖θ‖² measured by the caller, or NaN
     * @param kernels the eigensolver for the between-class range of NC1
     * @return the baselines
     */
    public static Baselines measure(ProbeMoments test, ProbeMoments collapse, double parameterNormSquared,
                                    SymmetricKernels kernels) {
        List<String> warnings = new ArrayList<>();
        double similarity = Double.NaN;
        if (test.layout().has(Block.REFERENCE)) {
            LinearCka.Outcome outcome = LinearCka.between(test, Block.REFERENCE, Block.FEATURES);
            similarity = outcome.value();
            if (outcome.problem() != null) {
                warnings.add("S_init: " + outcome.problem());
            }
        }
        CollapseBaselines.Outcome classes = CollapseBaselines.of(collapse, kernels);
        if (classes.problem() != null) {
            warnings.add(classes.problem());
        }
        return new Baselines(similarity, parameterNormSquared, classes.nc1(), classes.withinClassTrace(), warnings);
    }

    /** @return baselines that were not measured: every value NaN, no warning */
    public static Baselines notMeasured() {
        return new Baselines(Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
    }

    /**
     * ‖θ‖² accumulated in double precision: one {@link SymmetricKernels#squaredSum} per array (a float array is
     * never copied whole: on the CPU it is converted 65,536 elements at a time into a scratch buffer and summed by a
     * BLAS dot product, elsewhere reduced by ND4J's {@code Norm2} with a double output).
     *
     * @param parameters the parameter arrays (for example a model's flattened {@code params()})
     * @return the sum of their squared elements
     */
    public static double squaredNorm(Iterable<INDArray> parameters) {
        SymmetricKernels kernels = SymmetricKernels.forBackend();
        double total = 0;
        for (INDArray array : parameters) {
            total += kernels.squaredSum(array);
        }
        return total;
    }
}
