package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.DynamicPartition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A probe's moments together with B blocks of sums of its features and outputs, for the delete-one-block
 * jackknife standard errors of D_LR and the debiased D_LR ({@code io.github.richness.core.Jackknife}).
 *
 * <p>{@link #total()} is an ordinary {@link ProbeMoments} of the whole layout, accumulated as usual, so the
 * analysis of a blocked probe is the analysis of an unblocked one. Besides it, sample i of the probe (counted from
 * the first accumulated, across minibatches) goes to block i mod B: the blocks are interleaved, so they do not
 * depend on the minibatch size, a probe ordered by class still gives every block every class, and their sizes
 * differ by at most one.
 *
 * <p>What a block keeps: with z = [φ, f̂] (width w = p + C) and a = z − c about one centre c for all blocks (the
 * first minibatch's mean, within a few spreads of every block's mean, so nothing cancels at large offsets),
 * r = ‖a_φ‖², s = ‖a_f‖², the plain sums n_b, Σa, Σaaᵀ, Σr, Σs, Σ r a, Σ s a, Σr², Σrs, Σs². Sums add, so
 * the probe without block b is the total minus block b: no per-block centring, no merge. Per minibatch that is a
 * handful of backend operations for all blocks together (one-hot products) and one rank-k update per block
 * (the rows split with ND4J's {@code dynamic_partition}). The delete-one statistics then follow from the
 * centring identities M = S − n δδᵀ, δ = μ − c, ‖M_xy‖² = ‖S_xy‖² − 2n δ_xᵀ S_xy δ_y + n² ‖δ_x‖² ‖δ_y‖² and the
 * row-norm read-out of {@link RowNormSums#centredFromSums}: about eight operations per block. Chosen over
 * Chan-merged block moments with a delete-one accumulator (a merge or subtraction per block, about six times
 * the operations) because the identities lose nothing here: δ is of the order of the spread over √n.
 *
 * <p>Memory: (B + 2) block-sized arrays of w² doubles ({@link ErrorBarPlan}), besides the total; the blocks'
 * rank-k updates are the same O(n (p + C)²) flops as one more accumulation. Not thread-safe.
 */
public final class BlockedMoments {

    private static final String WORKSPACE = "RICHNESS_BLOCKS";

    private final ErrorBarPlan plan;
    private final ProbeMoments total;
    private final SymmetricKernels kernels;
    private final int features;
    private final int width;
    private final long[] counts;
    private final INDArray[] squares;
    private final INDArray centre;
    private final INDArray sums;
    private final INDArray normSums;
    private final INDArray weightedR;
    private final INDArray weightedS;
    private final INDArray fourth;
    private final INDArray pattern;
    private final INDArray rest;
    private final INDArray[] restBlocks;
    private long seen;
    private boolean hasCentre;
    private boolean symmetric = true;

    /**
     * @param layout the probe's layout (with outputs)
     * @param plan the number of blocks; a plan that is not {@link ErrorBarPlan#measurable() measurable} keeps
     *        the total only
     * @param kernels the kernels of every rank-k update
     * @throws IllegalArgumentException if the layout has no outputs
     */
    public BlockedMoments(MomentLayout layout, ErrorBarPlan plan, SymmetricKernels kernels) {
        if (!layout.has(Block.OUTPUTS)) {
            throw new IllegalArgumentException("error bars of D_LR need outputs in the layout: " + layout);
        }
        this.plan = plan;
        this.total = new ProbeMoments(layout, kernels);
        this.kernels = kernels;
        this.features = layout.features();
        this.width = layout.features() + layout.outputs();
        int blocks = plan.blocks();
        this.counts = new long[blocks];
        this.squares = new INDArray[blocks];
        try (MemoryWorkspace ignored = Scratch.detached()) {
            for (int b = 0; b < blocks; b++) {
                squares[b] = Nd4j.zeros(DataType.DOUBLE, width, width);
            }
            this.centre = Nd4j.zeros(DataType.DOUBLE, width);
            this.sums = Nd4j.zeros(DataType.DOUBLE, blocks, width);
            this.normSums = Nd4j.zeros(DataType.DOUBLE, blocks, 2);
            this.weightedR = Nd4j.zeros(DataType.DOUBLE, blocks, width);
            this.weightedS = Nd4j.zeros(DataType.DOUBLE, blocks, width);
            this.fourth = Nd4j.zeros(DataType.DOUBLE, blocks, 3);
            double[][] indicator = new double[width][2];
            for (int i = 0; i < width; i++) {
                indicator[i][i < features ? 0 : 1] = 1.0;
            }
            this.pattern = Nd4j.createFromArray(indicator);
            this.rest = blocks > 0 ? Nd4j.zeros(DataType.DOUBLE, width, width) : null;
            this.restBlocks = blocks > 0 ? new INDArray[] {
                rest.get(NDArrayIndex.interval(0, features), NDArrayIndex.interval(0, features)),
                rest.get(NDArrayIndex.interval(0, features), NDArrayIndex.interval(features, width)),
                rest.get(NDArrayIndex.interval(features, width), NDArrayIndex.interval(features, width))} : null;
        }
    }

    /**
     * Adds one minibatch to the total and its rows to their blocks, as {@link ProbeMoments#accumulate}.
     *
     * @param features n_b × p features
     * @param outputs n_b × C outputs
     * @param targets n_b × t targets, or null
     * @param reference n_b × p reference features, or null
     * @throws IllegalArgumentException as {@link ProbeMoments#accumulate} does
     */
    public void accumulate(INDArray features, INDArray outputs, INDArray targets, INDArray reference) {
        total.accumulate(features, outputs, targets, reference);
        int rows = (int) features.rows();
        if (counts.length == 0 || rows == 0) {
            seen += rows;
            return;
        }
        int[] assignment = new int[rows];
        for (int i = 0; i < rows; i++) {
            assignment[i] = (int) ((seen + i) % counts.length);
            counts[assignment[i]]++;
        }
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray z = Nd4j.hstack(features.castTo(DataType.DOUBLE), outputs.castTo(DataType.DOUBLE));
            if (!hasCentre) {
                centre.assign(z.mean(0));
                hasCentre = true;
            }
            INDArray a = z.subiRowVector(centre);
            INDArray aPhi = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, this.features));
            INDArray aOut = a.get(NDArrayIndex.all(), NDArrayIndex.interval(this.features, width));
            INDArray r = aPhi.mul(aPhi).sum(true, 1);
            INDArray s = aOut.mul(aOut).sum(true, 1);
            INDArray blockOf = Nd4j.createFromArray(assignment);
            INDArray oneHot = Nd4j.exec(new OneHot(blockOf, counts.length, -1, 1.0, 0.0, DataType.DOUBLE))[0];
            Nd4j.gemm(oneHot, a, sums, true, false, 1.0, 1.0);
            Nd4j.gemm(oneHot, Nd4j.hstack(r, s), normSums, true, false, 1.0, 1.0);
            Nd4j.gemm(oneHot, a.mulColumnVector(r), weightedR, true, false, 1.0, 1.0);
            Nd4j.gemm(oneHot, a.mulColumnVector(s), weightedS, true, false, 1.0, 1.0);
            Nd4j.gemm(oneHot, Nd4j.hstack(r.mul(r), r.mul(s), s.mul(s)), fourth, true, false, 1.0, 1.0);
            addGrams(a, blockOf, assignment);
        }
        symmetric = false;
        seen += rows;
    }

    /** Forgets everything accumulated. */
    public void reset() {
        total.reset();
        java.util.Arrays.fill(counts, 0);
        for (INDArray square : squares) {
            square.assign(0);
        }
        for (INDArray array : new INDArray[] {centre, sums, normSums, weightedR, weightedS, fourth}) {
            array.assign(0);
        }
        seen = 0;
        hasCentre = false;
        symmetric = true;
    }

    /** @return the plan: how many blocks, and why fewer than requested if so */
    public ErrorBarPlan plan() {
        return plan;
    }

    /** @return the moments of the whole probe, of the full layout */
    public ProbeMoments total() {
        return total;
    }

    /** @return B, the number of blocks (0 when the plan is not measurable) */
    public int blockCount() {
        return counts.length;
    }

    /**
     * @param b a block index
     * @return the number of samples in block b
     */
    public long blockSize(int b) {
        return counts[b];
    }

    /**
     * The statistics of the B delete-one probes (one transfer of 7B values and one of 11B), in about
     * 8 B + 20 backend operations.
     *
     * @return per block b, the statistics of the probe without it
     * @throws IllegalStateException if a delete-one probe would be empty
     */
    public DeleteOneStatistics deleteOne() {
        int blocks = counts.length;
        long n = total.count();
        long[] restCounts = new long[blocks];
        double[] restCountsAsDouble = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            restCounts[b] = n - counts[b];
            restCountsAsDouble[b] = restCounts[b];
            if (restCounts[b] == 0) {
                throw new IllegalStateException("block " + b + " holds the whole probe");
            }
        }
        if (!symmetric) {
            for (INDArray square : squares) {
                kernels.symmetrize(square);
            }
            symmetric = true;
        }
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray totalOffset = total.meanLeading(width).sub(centre).reshape(width, 1);
            INDArray totalSquares = total.centredLeading(width).dup('c');
            Nd4j.gemm(totalOffset, totalOffset, totalSquares, false, true, n, 1.0);
            INDArray nRest = Nd4j.createFromArray(restCountsAsDouble).reshape(blocks, 1);
            INDArray offsets = sums.neg().addiRowVector(totalOffset.reshape(1, width).mul(n)).diviColumnVector(nRest);
            INDArray restR = weightedR.neg().addiRowVector(weightedR.sum(true, 0));
            INDArray restS = weightedS.neg().addiRowVector(weightedS.sum(true, 0));
            INDArray batched = Nd4j.hstack(
                    offsets.mul(restR).mmul(pattern), offsets.mul(restS).mmul(pattern),
                    offsets.mul(offsets).mmul(pattern),
                    normSums.neg().addiRowVector(normSums.sum(true, 0)),
                    fourth.neg().addiRowVector(fourth.sum(true, 0)));
            List<INDArray> perBlock = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                rest.assign(totalSquares).subi(squares[b]);
                INDArray d = pattern.mulColumnVector(offsets.getRow(b).reshape(width, 1));
                perBlock.add(Nd4j.hstack(restBlocks[0].norm2(true, 0, 1), restBlocks[1].norm2(true, 0, 1),
                        restBlocks[2].norm2(true, 0, 1), Nd4j.gemm(d, rest.mmul(d), true, false).reshape(1, 4)));
            }
            double[] x = HostTransfer.vector(batched, 11L * blocks);
            double[] y = HostTransfer.vector(Nd4j.vstack(perBlock.toArray(new INDArray[0])), 7L * blocks);
            return statistics(restCounts, x, y);
        }
    }

    /**
     * The centring identities per block, on the host. x row b: δ_φᵀR_φ, δ_fᵀR_φ, δ_φᵀR_f, δ_fᵀR_f, k_φ, k_f,
     * Σr, Σs, Σr², Σrs, Σs² (all of the delete-one probe, about c); y row b: ‖S_φφ‖, ‖S_φf‖, ‖S_ff‖ and
     * DᵀSD row-major.
     */
    private static DeleteOneStatistics statistics(long[] restCounts, double[] x, double[] y) {
        int blocks = restCounts.length;
        double[] cross = new double[blocks];
        double[] featureNorm = new double[blocks];
        double[] outputNorm = new double[blocks];
        double[] featureTrace = new double[blocks];
        double[] outputTrace = new double[blocks];
        RowNormMoments[] rowNorms = new RowNormMoments[blocks];
        for (int b = 0; b < blocks; b++) {
            double n = restCounts[b];
            int i = 11 * b;
            int j = 7 * b;
            double kPhi = x[i + 4];
            double kOut = x[i + 5];
            double hPhiPhi = y[j + 3] - n * kPhi * kPhi;
            double hPhiOut = y[j + 4] - n * kPhi * kOut;
            double hOutOut = y[j + 6] - n * kOut * kOut;
            featureNorm[b] = y[j] * y[j] - 2 * n * y[j + 3] + n * n * kPhi * kPhi;
            cross[b] = y[j + 1] * y[j + 1] - 2 * n * y[j + 4] + n * n * kPhi * kOut;
            outputNorm[b] = y[j + 2] * y[j + 2] - 2 * n * y[j + 6] + n * n * kOut * kOut;
            featureTrace[b] = x[i + 6] - n * kPhi;
            outputTrace[b] = x[i + 7] - n * kOut;
            rowNorms[b] = RowNormSums.centredFromSums(n, new double[] {x[i + 8], x[i + 9], x[i + 10]},
                    new double[] {x[i], x[i + 2], x[i + 1], x[i + 3]}, new double[] {hPhiPhi, hPhiOut, hOutOut},
                    kPhi, kOut, featureTrace[b], outputTrace[b]);
        }
        return new DeleteOneStatistics(restCounts, cross, featureNorm, outputNorm, featureTrace, outputTrace,
                rowNorms);
    }

    /**
     * Σaaᵀ of each block's rows: the rows split by block outside the workspace, one rank-k update each (a single
     * row, which ND4J may give row-vector strides the kernels do not take, by a GEMM; it updates both triangles,
     * so the kernels' triangle stays current).
     */
    private void addGrams(INDArray a, INDArray blockOf, int[] assignment) {
        if (assignment.length == 1) {
            addGram(a, assignment[0]);
            return;
        }
        INDArray[] parts;
        try (MemoryWorkspace ignored = Scratch.detached()) {
            parts = Nd4j.exec(new DynamicPartition(a, blockOf, counts.length));
        }
        boolean[] present = new boolean[counts.length];
        for (int block : assignment) {
            present[block] = true;
        }
        for (int b = 0; b < counts.length; b++) {
            if (present[b]) {
                addGram(parts[b], b);
            }
        }
    }

    private void addGram(INDArray rows, int block) {
        if (rows.rows() == 1) {
            Nd4j.gemm(rows, rows, squares[block], true, false, 1.0, 1.0);
        } else {
            kernels.addGram(rows, squares[block]);
        }
    }
}
