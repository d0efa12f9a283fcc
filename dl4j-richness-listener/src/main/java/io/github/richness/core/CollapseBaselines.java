package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.Diagonals;
import io.github.richness.moments.ProbeMoments;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The neural-collapse baselines the paper compares D_LR with (section 4.1, appendix H.2):
 * NC1 = Tr(Σ_b⁺ Σ_W) with Σ_b⁺ ≈ (Σ_b + εI)⁻¹, ε = {@link #BETWEEN_CLASS_RIDGE}, and Tr(Σ_W).
 *
 * <p>Definitions of appendix D (eq. 33, 34), over the classes present in the probe (C' of them, the class
 * of a sample being the argmax of its target row): class means μ_c, μ̄ = (1/C') Σ_c μ_c,
 * Σ_b = (1/C') Σ_c (μ_c − μ̄)(μ_c − μ̄)ᵀ and Σ_W = Σ_c E_{x∈A_c}[(φ − μ_c)(φ − μ_c)ᵀ] = Σ_c S_c / n_c with
 * S_c the scatter of class c. Where the moments keep per-class moments
 * ({@link ProbeMoments#hasWithinClassCovariance()}), Σ_W is exactly that, for classes of any balance. Otherwise
 * (t · p² doubles over the moments' budget) only the pooled scatter S_W = Σ_c S_c
 * = M_ΦΦ − Σ_c n_c (μ_c − μ)(μ_c − μ)ᵀ is available and Σ_W = (C'/n) S_W, which is eq. 33 for balanced
 * classes (the paper's setting, appendix D.1) and Papyan et al.'s sample-weighted average times C'
 * otherwise: then, if the counts differ, the outcome says so.
 *
 * <p>Σ_b has rank at most C' − 1, so with Q an orthonormal basis of its range (p × r) and λ_i its non-zero
 * eigenvalues, (Σ_b + εI)⁻¹ = Q diag(1/(λ_i + ε)) Qᵀ + (I − QQᵀ)/ε and
 * NC1 = Σ_i q_iᵀΣ_W q_i / (λ_i + ε) + (Tr Σ_W − Σ_i q_iᵀΣ_W q_i) / ε: only p × C' products, never a p × p
 * inverse. When Σ_W lies almost entirely in Σ_b's range the second term is a difference of nearly equal
 * numbers; its absolute error is about 1e-16 · Tr(Σ_W) / ε.
 */
final class CollapseBaselines {

    /** The ridge ε added to Σ_b before inversion, as in appendix H.2 of the paper. */
    static final double BETWEEN_CLASS_RIDGE = 1e-4;

    private CollapseBaselines() {
    }

    /** NC1 and Tr(Σ_W), or NaN with the reason; {@code problem} may also qualify finite values. */
    record Outcome(double nc1, double withinClassTrace, String problem) {
    }

    /**
     * @param moments test-probe moments with class statistics
     * @param kernels the eigensolver for the between-class range
     * @return the baselines
     */
    static Outcome of(ProbeMoments moments, SymmetricKernels kernels) {
        if (!moments.layout().classStatistics()) {
            return new Outcome(Double.NaN, Double.NaN, "no class labels: NC1 and Tr(Σ_W) need one-hot targets");
        }
        if (moments.classCountsProblem() != null) {
            return new Outcome(Double.NaN, Double.NaN, "NC1 and Tr(Σ_W): " + moments.classCountsProblem());
        }
        double[] counts = HostTransfer.vector(moments.classCounts(), moments.layout().targets());
        int[] present = IntStream.range(0, counts.length).filter(c -> counts[c] > 0).toArray();
        if (present.length < 2) {
            return new Outcome(Double.NaN, Double.NaN, "fewer than 2 classes in the probe: NC1 is undefined");
        }
        double classes = present.length;
        INDArray means = present.length == counts.length ? moments.classMeans() : moments.classMeans().getRows(present);
        String problem = null;
        INDArray withinClass;
        if (moments.hasWithinClassCovariance()) {
            withinClass = moments.withinClassCovariance();
        } else {
            withinClass = pooledWithinClass(moments, means, present, counts, classes);
            double fewest = Arrays.stream(present).mapToDouble(c -> counts[c]).min().orElseThrow();
            double most = Arrays.stream(present).mapToDouble(c -> counts[c]).max().orElseThrow();
            if (fewest != most) {
                problem = "NC1 and Tr(Σ_W): the classes are unbalanced (" + (long) fewest + " to " + (long) most
                        + " samples) and their per-class moments exceed the memory budget, so Σ_W is C' times the"
                        + " sample-weighted within-class covariance, not eq. 33";
            }
        }
        double withinTrace = HostTransfer.scalar(Diagonals.of(withinClass).sum());

        INDArray betweenRows = means.subRowVector(means.mean(0));
        OrthonormalBasis range = OrthonormalBasis.ofGram(Nd4j.gemm(betweenRows, betweenRows, false, true), kernels);
        if (range.rank() == 0) {
            return new Outcome(withinTrace / BETWEEN_CLASS_RIDGE, withinTrace, problem);
        }
        INDArray basis = Nd4j.gemm(betweenRows, range.whitening(), true, false);
        double[] inRange = HostTransfer.vector(basis.mul(withinClass.mmul(basis)).sum(0), range.rank());
        double nc1 = 0;
        double inRangeTotal = 0;
        for (int i = 0; i < inRange.length; i++) {
            nc1 += inRange[i] / (range.eigenvalues()[i] / classes + BETWEEN_CLASS_RIDGE);
            inRangeTotal += inRange[i];
        }
        nc1 += (withinTrace - inRangeTotal) / BETWEEN_CLASS_RIDGE;
        return new Outcome(nc1, withinTrace, problem);
    }

    /** (C'/n) (M_ΦΦ − Σ_c n_c (μ_c − μ)(μ_c − μ)ᵀ), a new p × p array. */
    private static INDArray pooledWithinClass(ProbeMoments moments, INDArray means, int[] present, double[] counts,
                                              double classes) {
        double[] rootCounts = Arrays.stream(present).mapToDouble(c -> Math.sqrt(counts[c])).toArray();
        INDArray weightedDeviation = means.subRowVector(moments.mean(Block.FEATURES))
                .muliColumnVector(Nd4j.create(rootCounts, new long[] {present.length, 1}, DataType.DOUBLE));
        INDArray scatter = moments.centred(Block.FEATURES, Block.FEATURES).dup();
        Nd4j.gemm(weightedDeviation, weightedDeviation, scatter, true, false, -1.0, 1.0);
        return scatter.muli(classes / moments.count());
    }
}
