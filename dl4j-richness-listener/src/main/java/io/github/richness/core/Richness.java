package io.github.richness.core;

import io.github.richness.moments.Block;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.device.SymmetricKernels;
import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plain entry point for people who already have activations: D_LR and the spectra of Nam et al.
 * (ICLR 2026) from feature and output matrices. Rows are samples.
 *
 * <p>Features Φ (n × p) are the input of the network's last layer; outputs f̂ (n × C) its linear output
 * before any softmax; targets (n × t) usually one-hot labels. Inputs of any floating-point type are
 * processed in double precision on the ND4J backend; only scalars and vectors of length p or C come back.
 * For a probe too large for one matrix, accumulate {@link ProbeMoments} in minibatches (or
 * {@link io.github.richness.moments.BlockedMoments}, for standard errors) and call
 * {@link RichnessAnalysis#analyze(ProbeMoments, ProbeMoments)}; for ‖θ‖² of a DL4J model without batch-norm
 * statistics see {@link ParameterNorm}.
 */
public final class Richness {

    private Richness() {
    }

    /**
     * D_LR = 1 − CKA(Φ, f̂), eq. 4 computed as in appendix E.1: 0 richest, 1 laziest.
     *
     * @param features n × p features
     * @param outputs n × C outputs
     * @return D_LR in [0, 1], or NaN if the features or the outputs are constant over the samples
     * @throws IllegalArgumentException if the row counts differ, n &lt; 2, an input is not a floating-point
     *         matrix, or an input holds NaN or infinite values
     */
    public static double lowRankDistance(INDArray features, INDArray outputs) {
        ProbeMoments moments = accumulate(features, outputs, null);
        RichnessAnalysis.requireMeasurable(moments);
        return 1.0 - LinearCka.between(moments, Block.FEATURES, Block.OUTPUTS).value();
    }

    /**
     * The debiased D_LR = 1 − CKA_u(Φ, f̂), linear CKA with the unbiased HSIC of Song et al. (2012), computed
     * exactly for the whole probe (see {@link Distances#debiasedLowRankDistance()}): the small-probe bias of
     * the plain D_LR removed. Not clamped to [0, 1].
     *
     * @param features n × p features
     * @param outputs n × C outputs
     * @return the debiased D_LR, or NaN for n &lt; 4 and when undefined (constant features or outputs)
     * @throws IllegalArgumentException if the row counts differ, n &lt; 2, an input is not a floating-point
     *         matrix, or an input holds NaN or infinite values
     */
    public static double debiasedLowRankDistance(INDArray features, INDArray outputs) {
        ProbeMoments moments = accumulate(features, outputs, null);
        RichnessAnalysis.requireMeasurable(moments);
        return 1.0 - DebiasedCka.between(moments).value();
    }

    /**
     * The lazy reference d_lr_lazy: the D_LR of the initial model's features with the least-squares readout
     * (with bias) of the targets on them, the value a network whose features never moved would read with its
     * last layer trained to convergence (see {@link LazyReference}).
     *
     * @param initialFeatures n × p features of the probe under the initial model Φ₀
     * @param targets n × t targets Y (for example one-hot labels)
     * @return d_lr_lazy, or NaN when the initial features are constant or the targets have no component in
     *         their span
     * @throws IllegalArgumentException if the row counts differ, n &lt; 2, an input is not a floating-point
     *         matrix, or an input holds NaN or infinite values
     */
    public static double lazyReference(INDArray initialFeatures, INDArray targets) {
        int p = columns("initialFeatures", initialFeatures);
        int t = columns("targets", targets);
        ProbeMoments moments = new ProbeMoments(new MomentLayout(p, 0, t, false, false));
        moments.accumulate(initialFeatures, null, targets, null);
        Set<Block> bad = moments.nonFiniteBlocks();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("NaN or infinite values in " + bad);
        }
        return LazyReference.of(moments, Block.FEATURES, Block.TARGETS, SymmetricKernels.forBackend())
                .lowRankDistance();
    }

    /**
     * D_LR, its projection variant, the spectrum and the cumulative quality and utilisation (section 5).
     *
     * <p>When both feature arguments are the same array (the same instance, or views of the same buffer with
     * the same offset, shape, strides, order and data type), the spectrum is that of
     * the test probe itself: its features are accumulated once and Π takes the own-probe path of
     * {@link EigenfunctionProjection#onItsOwnProbe}, where the eigenfunctions are orthonormal by construction
     * (no Gram matrix, no congruence, no ordered Cholesky). The result equals that of the general path on a copy
     * of the features up to round-off. An equal array in other memory (a {@code dup()}) takes the general path.
     *
     * @param trainFeatures features of the probe defining the eigenfunctions (Algorithm 1), n_train × p
     * @param testFeatures features of the probe the measures are taken on, n × p
     * @param testOutputs outputs on that probe, n × C
     * @param testTargets targets on that probe, n × t, or null (then Π* is empty)
     * @return the result
     * @throws IllegalArgumentException for mismatched shapes, n &lt; 2, or NaN/infinite values
     */
    public static RichnessResult analyze(INDArray trainFeatures, INDArray testFeatures, INDArray testOutputs,
                                         INDArray testTargets) {
        requireMatrix("trainFeatures", trainFeatures);
        ProbeMoments test = accumulate(testFeatures, testOutputs, testTargets);
        if (sameArray(trainFeatures, testFeatures)) {
            return RichnessAnalysis.analyze(test, test);
        }
        ProbeMoments train = new ProbeMoments(MomentLayout.featuresOnly(columns("trainFeatures", trainFeatures)));
        train.accumulate(trainFeatures, null, null, null);
        return RichnessAnalysis.analyze(train, test);
    }

    /**
     * Whether two arrays are the same elements of the same memory: the same instance, or buffers at the same
     * platform address ({@link org.nd4j.linalg.api.buffer.DataBuffer#platformAddress()}, read without moving
     * data) with the same offset, shape, strides, order and data type, as a reshape to the same shape or a
     * second view of the same rows. Both the address and the offset must agree, so whether the buffer of a view
     * reports its start with or without the offset, a match means the same first element. Equal values in
     * other memory are not the same array (a missed shortcut only, never a wrong result).
     */
    static boolean sameArray(INDArray a, INDArray b) {
        if (a == b) {
            return true;
        }
        return !a.isEmpty() && !b.isEmpty() && a.data().platformAddress() == b.data().platformAddress()
                && a.offset() == b.offset() && a.dataType() == b.dataType()
                && a.ordering() == b.ordering() && Arrays.equals(a.shape(), b.shape())
                && Arrays.equals(a.stride(), b.stride());
    }

    private static ProbeMoments accumulate(INDArray features, INDArray outputs, INDArray targets) {
        int p = columns("features", features);
        int c = columns("outputs", outputs);
        int t = targets == null ? 0 : columns("targets", targets);
        ProbeMoments moments = new ProbeMoments(new MomentLayout(p, c, t, false, false));
        moments.accumulate(features, outputs, targets, null);
        return moments;
    }

    private static int columns(String name, INDArray matrix) {
        requireMatrix(name, matrix);
        return (int) matrix.columns();
    }

    private static void requireMatrix(String name, INDArray matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix (rows are samples), got shape "
                    + Arrays.toString(matrix.shape()));
        }
    }
}
