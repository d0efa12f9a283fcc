package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.CumSum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-class statistics of the features for the neural-collapse baselines (appendix D, eq. 31 and 33): the
 * class of a sample is the argmax of its target row.
 *
 * <p>Two forms, chosen from the layout alone (so that equal layouts always merge):
 * <ul>
 *   <li><b>per-class moments</b>, when t · p² doubles fit in {@link #PER_CLASS_BUDGET_BYTES}: per class c,
 *       sums about a shift c_c, the class mean of the first minibatch that has the class (so nothing cancels
 *       at large offsets): s_c = Σ (φ − c_c) and S_c = Σ (φ − c_c)(φ − c_c)ᵀ. A minibatch is shifted by its
 *       rows' classes in one product (Φ − H C, H the one-hot classes, C the t shifts), summed per class in
 *       another (Hᵀ(Φ − H C)), grouped by class in one scatter and added with one rank-k update per class
 *       present, on its range of the grouped rows: about fifteen backend operations plus one per class, where
 *       centring and merging
 *       each class's rows on their own took about seventeen per class. They give the class means
 *       μ_c = c_c + s_c / n_c and the within-class covariance of eq. 33,
 *       Σ_W = Σ_c E_{x∈A_c}[(φ − μ_c)(φ − μ_c)ᵀ] = Σ_c M_c / n_c with M_c = S_c − s_c s_cᵀ / n_c, exactly,
 *       whatever the balance of the classes. Memory t · p² doubles; cost about one more accumulation of the
 *       features;</li>
 *   <li><b>weighted by known class counts</b>, when the caller gives the counts n_c of the probe about to be
 *       accumulated (the listener's fixed probe, counted once from its labels): the same shifts and sums, and
 *       instead of the t squares one p × p matrix W = Σ_c S_c / n_c, added per minibatch by one rank-k update of
 *       the shifted rows scaled by 1/√n_c (about six backend operations instead of the grouping's scatter and t
 *       updates). Σ_W = W − Σ_c (s_c / n_c)(s_c / n_c)ᵀ, exact as above, for any number of classes (memory p²
 *       doubles). It holds only if the probe's counts are the ones given: when they differ (a probe changed in
 *       place) {@link #countsProblem()} says so and Σ_W is not available. Not mergeable and not encoded (only a
 *       distributed probe's moments are);</li>
 *   <li><b>class sums</b> otherwise: per-class counts and feature sums (one GEMM per minibatch), whose quotient
 *       is the class means. Σ_W then has to be formed from the pooled scatter, which equals eq. 33 only for
 *       balanced classes ({@link #perClassMoments()} tells the caller which form it has).</li>
 * </ul>
 * Counts are kept in both forms as a t-vector in the backend's memory. Not thread-safe.
 */
final class ClassStatistics {

    /**
     * The most memory the per-class moments may take (t · p² doubles): 32 MiB, for example p = 512 with 16
     * classes, or p = 128 with 256 classes. Beyond it the class sums are kept instead. The per-class split moves
     * the minibatch's t class counts to the host (a vector of length t).
     */
    static final long PER_CLASS_BUDGET_BYTES = 32L << 20;

    private static final String WORKSPACE = "RICHNESS_CLASSES";

    private final int classes;
    private final int features;
    private final INDArray counts;
    private final INDArray means;
    private final INDArray sums;
    private final INDArray shifts;
    /** The t per-class S_c as one t × p × p stack, so that Σ_c S_c / n_c is one product. */
    private final INDArray stack;
    /** The stack's matrices, views. */
    private final INDArray[] squares;
    private final long[] hostCounts;
    /** The class counts W is weighted by; null unless weighted by known class counts. */
    private final double[] knownCounts;
    /** W = Σ_c S_c / n_c (p × p), weighted by {@link #knownCounts}; null in the other forms. */
    private final INDArray weighted;
    /** 1/√n_c per class (t × 1), 0 for a class without samples. */
    private final INDArray rootWeights;
    private final SymmetricKernels kernels;
    private boolean symmetric = true;
    private boolean meansCurrent = true;

    /**
     * @param layout a layout with class statistics
     * @param kernels the kernels of the per-class rank-k updates
     */
    ClassStatistics(MomentLayout layout, SymmetricKernels kernels) {
        this(layout, kernels, null);
    }

    /**
     * @param layout a layout with class statistics
     * @param kernels the kernels of the rank-k updates
     * @param knownCounts the t class counts of the probe to be accumulated (after every {@link #reset()}), for
     *        the form weighted by them; null for the others
     * @throws IllegalArgumentException if the counts are not t non-negative whole numbers
     */
    ClassStatistics(MomentLayout layout, SymmetricKernels kernels, double[] knownCounts) {
        this.classes = layout.targets();
        this.features = layout.features();
        this.kernels = kernels;
        this.hostCounts = new long[classes];
        this.knownCounts = knownCounts == null ? null : validCounts(knownCounts, classes);
        boolean moments = knownCounts == null && fitsPerClassMoments(layout);
        boolean shifted = moments || knownCounts != null;
        try (MemoryWorkspace ignored = Scratch.detached()) {
            this.counts = Nd4j.zeros(DataType.DOUBLE, classes);
            this.means = Nd4j.zeros(DataType.DOUBLE, classes, features);
            this.sums = Nd4j.zeros(DataType.DOUBLE, classes, features);
            this.shifts = shifted ? Nd4j.zeros(DataType.DOUBLE, classes, features) : null;
            this.weighted = knownCounts != null ? Nd4j.zeros(DataType.DOUBLE, features, features) : null;
            this.rootWeights = knownCounts != null ? Nd4j.createFromArray(Arrays.stream(this.knownCounts)
                    .map(n -> n > 0 ? 1 / Math.sqrt(n) : 0).toArray()).reshape(classes, 1) : null;
            this.stack = moments ? Nd4j.zeros(DataType.DOUBLE, classes, features, features) : null;
            this.squares = moments ? new INDArray[classes] : null;
            for (int c = 0; moments && c < classes; c++) {
                squares[c] = stack.slice(c);
            }
        }
    }

    private static double[] validCounts(double[] counts, int classes) {
        if (counts.length != classes) {
            throw new IllegalArgumentException(counts.length + " class counts for " + classes + " classes");
        }
        for (double n : counts) {
            if (!(n >= 0) || n != Math.rint(n)) {
                throw new IllegalArgumentException("class counts must be whole numbers ≥ 0: " + Arrays.toString(counts));
            }
        }
        return counts.clone();
    }

    /**
     * @param layout a layout with class statistics
     * @return whether its per-class moments fit {@link #PER_CLASS_BUDGET_BYTES}
     */
    static boolean fitsPerClassMoments(MomentLayout layout) {
        return (double) layout.targets() * layout.features() * layout.features() * Double.BYTES
                <= PER_CLASS_BUDGET_BYTES;
    }

    /**
     * Adds a minibatch.
     *
     * @param features its n_b × p features in double precision, not centred
     * @param targets its n_b × t targets
     */
    void accumulate(INDArray features, INDArray targets) {
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray oneHot = ClassLabels.oneHot(targets);
            INDArray batchCounts = oneHot.sum(0);
            counts.addi(batchCounts);
            if (shifts == null) {
                kernels.product(oneHot, true, features, sums, 1.0, 1.0);
            } else {
                accumulateShifted(features, oneHot, HostTransfer.vector(batchCounts, classes));
            }
        }
        meansCurrent = false;
    }

    /**
     * Shifts the rows by their classes' shifts (first setting the shifts of classes seen for the first time to
     * their means in this minibatch), adds the shifted rows' class sums, then adds their squares: scaled by
     * 1/√n_c in one rank-k update (weighted by known counts), or grouped by class ({@link #groupedByClass}) with
     * each class's Gram matrix from its range of rows (per-class moments).
     */
    private void accumulateShifted(INDArray features, INDArray oneHot, double[] batchCounts) {
        double[] firstSeen = new double[classes];
        boolean anyFirst = false;
        for (int c = 0; c < classes; c++) {
            if (hostCounts[c] == 0 && batchCounts[c] > 0) {
                firstSeen[c] = 1.0 / batchCounts[c];
                anyFirst = true;
            }
            hostCounts[c] += (long) batchCounts[c];
        }
        INDArray shifted = Nd4j.createUninitialized(DataType.DOUBLE, features.rows(), features.columns());
        kernels.copy(features, shifted);
        if (anyFirst) {
            INDArray weights = Nd4j.createFromArray(firstSeen).reshape(classes, 1);
            INDArray firstSums = Nd4j.createUninitialized(DataType.DOUBLE, classes, features.columns());
            kernels.product(oneHot, true, shifted, firstSums, 1.0, 0.0);
            shifts.addi(firstSums.muliColumnVector(weights));
        }
        kernels.product(oneHot, false, shifts, shifted, -1.0, 1.0);
        kernels.product(oneHot, true, shifted, sums, 1.0, 1.0);
        symmetric = false;
        if (weighted != null) {
            INDArray rowWeights = Nd4j.createUninitialized(DataType.DOUBLE, features.rows(), 1);
            kernels.product(oneHot, false, rootWeights, rowWeights, 1.0, 0.0);
            kernels.addGram(shifted.muliColumnVector(rowWeights), weighted);
            return;
        }
        INDArray grouped = groupedByClass(shifted, oneHot, batchCounts);
        long first = 0;
        for (int c = 0; c < classes; c++) {
            long size = (long) batchCounts[c];
            if (size > 0) {
                kernels.addGram(grouped.get(NDArrayIndex.interval(first, first + size), NDArrayIndex.all()),
                        squares[c]);
                first += size;
            }
        }
    }

    /**
     * The rows reordered class by class, in one scatter: row i, of class c, goes to o_c + e_i, where
     * o_c = n_0 + … + n_(c−1) is where class c starts and e_i the number of earlier rows of class c (an exclusive
     * cumulative sum of the one-hot classes down the rows, picked by the row's own class). Within a class the
     * rows keep their order. (ND4J's {@code dynamic_partition} does the same split but allocates its t outputs
     * outside every workspace, and took about 2 ms on 1024 × 128 features here, a tenth of the measurement.)
     *
     * @param rows the m × p rows
     * @param oneHot their m × t one-hot classes
     * @param batchCounts the m rows' class counts
     * @return a new m × p array in the current workspace
     */
    private INDArray groupedByClass(INDArray rows, INDArray oneHot, double[] batchCounts) {
        double[] starts = new double[classes];
        for (int c = 1; c < classes; c++) {
            starts[c] = starts[c - 1] + batchCounts[c - 1];
        }
        INDArray earlier = Nd4j.exec(new CumSum(oneHot, true, false, 0))[0];
        INDArray positions = earlier.addiRowVector(Nd4j.createFromArray(starts)).muli(oneHot).sum(1)
                .castTo(DataType.INT);
        INDArray grouped = Nd4j.createUninitialized(DataType.DOUBLE, rows.rows(), rows.columns());
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(grouped, positions, rows).addOutputs(grouped)
                .build());
        return grouped;
    }

    /** Completes the kernels' triangle of W or of every class's squares (once after accumulating). */
    private void symmetrize() {
        if (!symmetric) {
            if (weighted != null) {
                kernels.symmetrize(weighted);
            } else {
                for (INDArray square : squares) {
                    kernels.symmetrize(square);
                }
            }
            symmetric = true;
        }
    }

    /**
     * @return null, or, weighted by known class counts, why Σ_W is not available: the classes accumulated since
     *         the last {@link #reset()} do not have the counts W was weighted by (before any sample: none)
     */
    String countsProblem() {
        if (knownCounts == null || Arrays.stream(hostCounts).sum() == 0) {
            return null;
        }
        for (int c = 0; c < classes; c++) {
            if (hostCounts[c] != knownCounts[c]) {
                return "the probe's class counts " + Arrays.toString(hostCounts) + " differ from those counted"
                        + " from its labels before the pass, " + Arrays.toString(Arrays.stream(knownCounts)
                        .mapToLong(n -> (long) n).toArray()) + " (a probe changed in place): Σ_W is not available";
            }
        }
        return null;
    }

    /**
     * @param c a class with at least one sample
     * @return M_c = S_c − s_c s_cᵀ / n_c, a new p × p array
     */
    private INDArray centredMoment(int c) {
        symmetrize();
        INDArray sum = sums.getRow(c).reshape(1, features);
        INDArray moment = squares[c].dup('c');
        Nd4j.gemm(sum, sum, moment, true, false, -1.0 / hostCounts[c], 1.0);
        return moment;
    }

    /**
     * Adds another accumulator's statistics.
     *
     * @param other statistics of the same layout
     */
    void merge(ClassStatistics other) {
        requireUnweighted("merged");
        other.requireUnweighted("merged");
        counts.addi(other.counts);
        if (squares != null) {
            other.symmetrize();
            for (int c = 0; c < classes; c++) {
                mergeClass(other, c);
            }
        } else {
            sums.addi(other.sums);
        }
        meansCurrent = false;
    }

    /**
     * Adds the other accumulator's class c, moved to this shift: with d = c_other − c_this, its sums about
     * c_this are s + n d and S + s dᵀ + d sᵀ + n d dᵀ; a class this one has not seen takes the other's shift.
     */
    private void mergeClass(ClassStatistics other, int c) {
        long n = other.hostCounts[c];
        if (n == 0) {
            return;
        }
        INDArray otherSum = other.sums.getRow(c).reshape(1, features);
        if (hostCounts[c] == 0) {
            shifts.getRow(c).assign(other.shifts.getRow(c));
            sums.getRow(c).assign(otherSum);
            squares[c].addi(other.squares[c]);
        } else {
            INDArray d = other.shifts.getRow(c).sub(shifts.getRow(c)).reshape(1, features);
            squares[c].addi(other.squares[c]);
            Nd4j.gemm(otherSum, d, squares[c], true, false, 1.0, 1.0);
            Nd4j.gemm(d, otherSum, squares[c], true, false, 1.0, 1.0);
            Nd4j.gemm(d, d, squares[c], true, false, n, 1.0);
            sums.getRow(c).addi(otherSum.add(d.mul(n)).reshape(features));
        }
        hostCounts[c] += n;
    }

    /** Forgets everything accumulated. */
    void reset() {
        counts.assign(0);
        means.assign(0);
        sums.assign(0);
        Arrays.fill(hostCounts, 0);
        if (shifts != null) {
            shifts.assign(0);
        }
        if (squares != null) {
            stack.assign(0);
        }
        if (weighted != null) {
            weighted.assign(0);
        }
        symmetric = true;
        meansCurrent = true;
    }

    /** @return the t per-class counts (do not modify) */
    INDArray counts() {
        return counts;
    }

    /** @return the t × p class means; rows of absent classes are zero (do not modify) */
    INDArray means() {
        if (!meansCurrent) {
            means.assign(sums).diviColumnVector(Transforms.max(counts, 1.0).reshape(classes, 1));
            if (shifts != null) {
                means.addi(shifts);
            }
            meansCurrent = true;
        }
        return means;
    }

    /**
     * @return whether the exact Σ_W of eq. 33 is available: per-class moments are kept, or W is weighted by the
     *         counts the probe turned out to have
     */
    boolean perClassMoments() {
        return squares != null || weighted != null && countsProblem() == null;
    }

    /**
     * @return Σ_W = Σ_c M_c / n_c = Σ_c S_c / n_c − Σ_c (s_c / n_c)(s_c / n_c)ᵀ over the classes present (eq. 33;
     *         an absent class has zero sums), a new p × p array
     * @throws IllegalStateException without per-class moments
     */
    INDArray withinClassCovariance() {
        if (!perClassMoments()) {
            throw new IllegalStateException(weighted != null ? countsProblem()
                    : "the per-class moments of " + classes + " classes × p = " + features + " exceed "
                            + (PER_CLASS_BUDGET_BYTES >> 20) + " MiB: only class sums are kept");
        }
        symmetrize();
        INDArray inverseCounts = Transforms.max(counts, 1.0).rdivi(1.0).reshape(1, classes);
        INDArray sigma = weighted != null ? weighted.dup('c')
                : inverseCounts.mmul(stack.reshape(classes, (long) features * features))
                        .reshape('c', features, features).dup('c');
        INDArray scaledSums = sums.mulColumnVector(inverseCounts.reshape(classes, 1));
        Nd4j.gemm(scaledSums, scaledSums, sigma, true, false, -1.0, 1.0);
        return sigma;
    }

    /**
     * Writes the state for {@link MomentsCodec}: the counts, then each class's count, mean and centred moment
     * M_c as {@link CentredMoments} writes them, or the class sums. A reader takes the mean as the class's
     * shift, with zero sums about it.
     *
     * @param out where to write
     * @throws IOException if the output fails
     */
    void writeTo(DataOutput out) throws IOException {
        requireUnweighted("encoded");
        MomentIo.write(out, counts);
        if (squares == null) {
            MomentIo.write(out, sums);
            return;
        }
        INDArray classMeans = means();
        for (int c = 0; c < classes; c++) {
            if (hostCounts[c] == 0) {
                CentredMoments.write(out, 0, null, null);
            } else {
                CentredMoments.write(out, hostCounts[c], classMeans.getRow(c), centredMoment(c));
            }
        }
    }

    /**
     * Replaces the state with one written by {@link #writeTo} for the same layout.
     *
     * @param in where to read
     * @throws IOException if the input fails or ends early
     */
    void readFrom(DataInput in) throws IOException {
        requireUnweighted("decoded");
        reset();
        MomentIo.read(in, counts);
        if (squares == null) {
            MomentIo.read(in, sums);
        } else {
            for (int c = 0; c < classes; c++) {
                hostCounts[c] = CentredMoments.read(in, shifts.getRow(c), squares[c]);
            }
        }
        meansCurrent = false;
    }

    private void requireUnweighted(String what) {
        if (weighted != null) {
            throw new IllegalStateException("class statistics weighted by a fixed probe's class counts cannot be "
                    + what);
        }
    }

    /**
     * @param layout a layout with class statistics
     * @param presentClasses the number of classes with at least one sample
     * @return the bytes {@link #writeTo} writes
     */
    static long encodedBytes(MomentLayout layout, int presentClasses) {
        long t = layout.targets();
        long p = layout.features();
        if (!fitsPerClassMoments(layout)) {
            return (t + t * p) * Double.BYTES;
        }
        return t * Double.BYTES + (t - presentClasses) * Long.BYTES + presentClasses * CentredMoments.encodedBytes(p);
    }
}
