package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
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
 * <p>What a block keeps: with z = [φ, f̂] (width w = p + C), a = z − c about one centre c for all blocks (the
 * first minibatch's mean, within a few spreads of every block's mean, so nothing cancels at large offsets),
 * r = ‖a_φ‖², s = ‖a_f‖², and the augmented row u = [a, 1, r, s] (width w + 3), the block's Gram matrix
 * G_b = Σ_{i ∈ b} u_i u_iᵀ. Its entries are every plain sum the read-out needs: Σaaᵀ, Σa, n_b, Σ r a, Σ s a,
 * Σr, Σs, Σr², Σrs, Σs². Sums add, so the probe without block b has T − G_b with T = Σ_b G_b: no per-block
 * centring, no merge. Per minibatch the rows go into one kept, zeroed buffer of (m + B) × (w + 3), row i of the
 * probe at buffer row i − (seen − seen mod B) (the offset aligns the first row with its block), so that block b's
 * rows are every B-th buffer row from row b: a strided view, whose Gram matrix one rank-k update
 * ({@link SymmetricKernels#addGram}, {@code dsyrk} on the CPU) adds in place. The buffer's other rows are zero and
 * add nothing; the flops are those of one more accumulation of the minibatch, about ten backend operations plus
 * B rank-k updates. (One batched matrix product over an (m / B) × B × (w + 3) view of the same buffer, the
 * alternative, ran at about a quarter of the rate of a plain matrix product here.) The same rows a and their
 * norms r, s also give the total's row-norm sums ({@code RowNormSums}, about the same centre), which the total
 * would otherwise shift and square again.
 *
 * <p>The delete-one statistics follow from the centring identities M = S − n δδᵀ, δ = μ − c,
 * ‖M_xy‖² = ‖S_xy‖² − 2n δ_xᵀ S_xy δ_y + n² ‖δ_x‖² ‖δ_y‖² and the row-norm read-out of
 * {@link RowNormSums#centredFromSums}, for all blocks together in about thirty operations whatever B:
 * ‖(T − G_b)_xy‖² for the parts xy = φφ, φf, ff from contiguous copies of those parts of the blocks
 * ({@link #READOUT_COPY_BYTES} at a time), with T's part subtracted ({@code restPartSquares}), and Dᵀ(T − G_b)D = DᵀTD − DᵀG_bD. Chosen over Chan-merged block
 * moments with a delete-one accumulator (a merge or subtraction per block, about six times the operations)
 * because the identities lose nothing here: δ is of the order of the spread over √n.
 *
 * <p>Memory: B block-sized arrays of (w + 3)² doubles ({@link ErrorBarPlan}), besides the total, and while
 * reading them out one more (T), a copy of parts of the blocks ({@link #READOUT_COPY_BYTES}, or one block) and a
 * few arrays of B (w + 3) doubles; besides, the
 * kept rows buffer of (m + B)(w + 3) doubles for minibatches of m rows (a temporary of that size before). Not
 * thread-safe.
 */
public final class BlockedMoments {

    private static final String WORKSPACE = "RICHNESS_BLOCKS";
    private static final String PARTS_WORKSPACE = "RICHNESS_BLOCK_PARTS";
    /**
     * The most memory the read-out's copy of the blocks' parts takes at once, unless one block needs more: 8 MiB,
     * the quick start's B = 20 blocks (p = 128, C = 10) in one copy, three at a time at p = 512, one from p = 1024.
     */
    static final long READOUT_COPY_BYTES = 8L << 20;
    /** The columns of u after a: the constant 1, r and s. */
    private static final int EXTRA = 3;
    /** Values per block in the read-out's first transfer: see {@link #statistics}. */
    private static final int SUMS_PER_BLOCK = 11;
    /** Values per block in the read-out's second transfer: see {@link #statistics}. */
    private static final int SQUARES_PER_BLOCK = 7;
    private static final MMulTranspose FIRST_TRANSPOSED = MMulTranspose.builder().transposeA(true).build();

    private final ErrorBarPlan plan;
    private final ProbeMoments total;
    private final int features;
    private final int width;
    private final int augmented;
    private final long[] counts;
    private final INDArray grams;
    private final SymmetricKernels kernels;
    private final INDArray[] blockGrams;
    private INDArray rowBuffer;
    private INDArray[] blockRows;
    private boolean symmetric = true;
    private final INDArray centre;
    private final INDArray pattern;
    private long seen;
    private boolean hasCentre;

    /**
     * @param layout the probe's layout (with outputs)
     * @param plan the number of blocks; a plan that is not {@link ErrorBarPlan#measurable() measurable} keeps
     *        the total only
     * @param kernels the kernels of the total's rank-k updates
     * @throws IllegalArgumentException if the layout has no outputs
     */
    public BlockedMoments(MomentLayout layout, ErrorBarPlan plan, SymmetricKernels kernels) {
        this(layout, plan, kernels, null);
    }

    /**
     * @param layout the probe's layout (with outputs)
     * @param plan the number of blocks
     * @param kernels the kernels of the rank-k updates
     * @param classCounts the fixed probe's class counts for the total's class statistics
     *        ({@link ProbeMoments#ProbeMoments(MomentLayout, SymmetricKernels, double[])}), or null
     * @throws IllegalArgumentException if the layout has no outputs or the counts do not fit it
     */
    public BlockedMoments(MomentLayout layout, ErrorBarPlan plan, SymmetricKernels kernels, double[] classCounts) {
        if (!layout.has(Block.OUTPUTS)) {
            throw new IllegalArgumentException("error bars of D_LR need outputs in the layout: " + layout);
        }
        this.plan = plan;
        this.total = new ProbeMoments(layout, kernels, classCounts);
        this.features = layout.features();
        this.width = layout.features() + layout.outputs();
        this.augmented = width + EXTRA;
        int blocks = plan.blocks();
        this.counts = new long[blocks];
        this.kernels = kernels;
        try (MemoryWorkspace ignored = Scratch.detached()) {
            this.grams = blocks > 0 ? Nd4j.zeros(DataType.DOUBLE, blocks, augmented, augmented) : null;
            this.blockGrams = new INDArray[blocks];
            for (int b = 0; b < blocks; b++) {
                blockGrams[b] = grams.slice(b);
            }
            this.centre = Nd4j.zeros(DataType.DOUBLE, width);
            double[][] indicator = new double[width][2];
            for (int i = 0; i < width; i++) {
                indicator[i][i < features ? 0 : 1] = 1.0;
            }
            this.pattern = Nd4j.createFromArray(indicator);
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
        int rows = (int) features.rows();
        int blocks = counts.length;
        boolean measurable = blocks > 0 && rows > 0;
        total.accumulate(features, outputs, targets, reference, !measurable);
        if (!measurable) {
            seen += rows;
            return;
        }
        int lead = (int) (seen % blocks);
        for (int i = 0; i < rows; i++) {
            counts[(lead + i) % blocks]++;
        }
        int padded = (lead + rows + blocks - 1) / blocks * blocks;
        INDArray u = rowsFor(padded, lead, rows);
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray mine = u.get(NDArrayIndex.interval(lead, lead + rows), NDArrayIndex.all());
            INDArray a = mine.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width));
            kernels.copy(features, a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, this.features)));
            kernels.copy(outputs, a.get(NDArrayIndex.all(), NDArrayIndex.interval(this.features, width)));
            if (!hasCentre) {
                kernels.columnMeans(a, centre);
                hasCentre = true;
            }
            kernels.subtractFromRows(a, centre);
            INDArray aPhi = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, this.features));
            INDArray aOut = a.get(NDArrayIndex.all(), NDArrayIndex.interval(this.features, width));
            mine.getColumn(width).assign(1.0);
            RowNormSums.squaredRowNorms(aPhi, mine.getColumn(width + 1));
            RowNormSums.squaredRowNorms(aOut, mine.getColumn(width + 2));
            total.addRowNorms(centre, a, mine.get(NDArrayIndex.all(), NDArrayIndex.interval(width + 1, augmented)));
        }
        for (int b = 0; b < blocks; b++) {
            kernels.addGram(blockRows[b], blockGrams[b]);
        }
        symmetric = false;
        seen += rows;
    }

    /**
     * The kept rows buffer with at least {@code padded} rows (a multiple of B), zero outside the rows
     * [lead, lead + rows) that the minibatch is about to fill: grown, and its B strided block views made anew,
     * only when a minibatch is larger than every earlier one.
     */
    private INDArray rowsFor(int padded, int lead, int rows) {
        if (rowBuffer == null || rowBuffer.rows() < padded) {
            int blocks = counts.length;
            try (MemoryWorkspace ignored = Scratch.detached()) {
                rowBuffer = Nd4j.zeros(DataType.DOUBLE, padded, augmented);
                INDArray byBlock = rowBuffer.reshape('c', padded / blocks, blocks, augmented);
                blockRows = new INDArray[blocks];
                for (int b = 0; b < blocks; b++) {
                    blockRows[b] = byBlock.get(NDArrayIndex.all(), NDArrayIndex.point(b), NDArrayIndex.all());
                }
            }
        } else {
            if (lead > 0) {
                rowBuffer.get(NDArrayIndex.interval(0, lead), NDArrayIndex.all()).assign(0);
            }
            if (lead + rows < rowBuffer.rows()) {
                rowBuffer.get(NDArrayIndex.interval(lead + rows, rowBuffer.rows()), NDArrayIndex.all()).assign(0);
            }
        }
        return rowBuffer;
    }

    /** Forgets everything accumulated. */
    public void reset() {
        total.reset();
        java.util.Arrays.fill(counts, 0);
        if (grams != null) {
            grams.assign(0);
        }
        symmetric = true;
        centre.assign(0);
        seen = 0;
        hasCentre = false;
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
     * The statistics of the B delete-one probes (one transfer of 11B values and one of 7B), in about twenty
     * backend operations whatever B (see the class documentation).
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
            for (INDArray gram : blockGrams) {
                kernels.symmetrize(gram);
            }
            symmetric = true;
        }
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray all = Nd4j.createUninitialized(DataType.DOUBLE, (long) augmented * augmented);
            kernels.columnSums(grams.reshape(blocks, (long) augmented * augmented), all);
            all = all.reshape(augmented, augmented);
            INDArray restTail = Nd4j.createUninitialized(DataType.DOUBLE, blocks, EXTRA, augmented);
            restTail.assign(all.get(NDArrayIndex.interval(width, augmented), NDArrayIndex.all())
                    .reshape(1, EXTRA, augmented).sub(tail(grams)));
            INDArray nRest = Nd4j.createFromArray(restCountsAsDouble).reshape(blocks, 1);
            INDArray offsets = row(restTail, 0, 0, width).divColumnVector(nRest);
            INDArray sums = Nd4j.hstack(
                    offsets.mul(row(restTail, 1, 0, width)).mmul(pattern),
                    offsets.mul(row(restTail, 2, 0, width)).mmul(pattern),
                    offsets.mul(offsets).mmul(pattern),
                    row(restTail, 0, width + 1, augmented),
                    row(restTail, 1, width + 1, augmented),
                    row(restTail, 2, width + 2, augmented));
            double[] x = HostTransfer.vector(sums, (long) SUMS_PER_BLOCK * blocks);
            double[] y = HostTransfer.vector(restSquares(all, offsets), (long) SQUARES_PER_BLOCK * blocks);
            return statistics(restCounts, x, y);
        }
    }

    /**
     * Per block b, with S = T − G_b restricted to a and D = [δ_φ, 0; 0, δ_f] (w × 2): ‖S_φφ‖², ‖S_φf‖²,
     * ‖S_ff‖² and DᵀSD row-major, as a B × 7 array, from T and the G_b, without forming any S but in the
     * squares' contiguous copy ({@link #restPartSquares}).
     */
    private INDArray restSquares(INDArray all, INDArray offsets) {
        int blocks = counts.length;
        INDArray t = square(all, 0, width);
        INDArray d = offsets.reshape(blocks, width, 1).mul(pattern.reshape(1, width, 2));
        INDArray td = t.mmul(d.permute(1, 0, 2).dup('c').reshape(width, 2L * blocks));
        INDArray dtd = Nd4j.createUninitialized(DataType.DOUBLE, blocks, 2, 2);
        Nd4j.exec(new Mmul(d, td.reshape('c', width, blocks, 2).permute(1, 0, 2), dtd, FIRST_TRANSPOSED));
        INDArray gd = Nd4j.createUninitialized(DataType.DOUBLE, blocks, width, 2);
        Nd4j.exec(new Mmul(square(grams, 0, width), d, gd, MMulTranspose.allFalse()));
        INDArray dgd = Nd4j.createUninitialized(DataType.DOUBLE, blocks, 2, 2);
        Nd4j.exec(new Mmul(d, gd, dgd, FIRST_TRANSPOSED));
        return Nd4j.hstack(restPartSquares(all), dtd.subi(dgd).reshape(blocks, 4));
    }

    /**
     * ‖(T − G_b)_xy‖² for the parts xy = φφ, φf and ff of every block, a B × 3 array (the Gram matrices
     * symmetric): each block's parts copied and made contiguous ({@link #parts}), T's parts (copied from T the
     * same way) subtracted from their rows ({@link SymmetricKernels#subtractFromRows}) to G_b − T, whose squared
     * row norms are the results. About a dozen operations, each a pass over the parts' values, where products of
     * the flattened Gram matrices with a part indicator took three passes over all B (w + 3)² values and a
     * temporary of that size (the whole read-out of the quick start's blocks, B = 20, p = 128, C = 10, took
     * 2.8–3.4 ms against 3.3–3.9 ms with them); and no cancellation: the difference is formed before it is
     * squared. The blocks are copied {@link #READOUT_COPY_BYTES} at a time (at least one block), in a workspace
     * of their own.
     */
    private INDArray restPartSquares(INDArray all) {
        int blocks = counts.length;
        INDArray[] partsOfT = parts(all, 1);
        INDArray squares = Nd4j.createUninitialized(DataType.DOUBLE, blocks, partsOfT.length);
        INDArray stacked = grams.reshape((long) blocks * augmented, augmented);
        long copyBytes = (long) Double.BYTES * augmented * width;
        int chunk = (int) Math.max(1, Math.min(blocks, READOUT_COPY_BYTES / copyBytes));
        for (int first = 0; first < blocks; first += chunk) {
            int count = Math.min(chunk, blocks - first);
            try (MemoryWorkspace ignored = Scratch.open(PARTS_WORKSPACE)) {
                INDArray[] parts = parts(stacked.get(NDArrayIndex.interval((long) first * augmented,
                        (long) (first + count) * augmented), NDArrayIndex.all()), count);
                for (int k = 0; k < parts.length; k++) {
                    kernels.subtractFromRows(parts[k], partsOfT[k]);
                    RowNormSums.squaredRowNorms(parts[k],
                            squares.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.point(k)));
                }
            }
        }
        return squares;
    }

    /**
     * The parts φφ, fφ (the transpose of φf, of the same norm) and ff of m symmetric (w + 3) × (w + 3) matrices
     * that lie one after the other, their rows forming one (m (w + 3)) × (w + 3) matrix: two copies of its column
     * ranges φ and f ({@link SymmetricKernels#copy}) make each part of each matrix contiguous, p², C p and C²
     * values, the m matrices' ones at a constant distance.
     *
     * @return per part an m × L view of the copies, rows contiguous
     */
    private INDArray[] parts(INDArray stackedRows, int m) {
        int p = features;
        int c = width - features;
        INDArray phiColumns = Nd4j.createUninitialized(DataType.DOUBLE, (long) m * augmented, p);
        INDArray outputColumns = Nd4j.createUninitialized(DataType.DOUBLE, (long) m * augmented, c);
        kernels.copy(stackedRows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)), phiColumns);
        kernels.copy(stackedRows.get(NDArrayIndex.all(), NDArrayIndex.interval(p, width)), outputColumns);
        INDArray phiByMatrix = phiColumns.reshape(m, (long) augmented * p);
        INDArray outputByMatrix = outputColumns.reshape(m, (long) augmented * c);
        return new INDArray[] {
            phiByMatrix.get(NDArrayIndex.all(), NDArrayIndex.interval(0, (long) p * p)),
            phiByMatrix.get(NDArrayIndex.all(), NDArrayIndex.interval((long) p * p, (long) p * width)),
            outputByMatrix.get(NDArrayIndex.all(), NDArrayIndex.interval((long) p * c, (long) width * c)),
        };
    }

    /**
     * The centring identities per block, on the host. x row b: δ_φᵀR_φ, δ_fᵀR_φ, δ_φᵀR_f, δ_fᵀR_f, k_φ, k_f,
     * Σr, Σs, Σr², Σrs, Σs² (all of the delete-one probe, about c); y row b: ‖S_φφ‖², ‖S_φf‖², ‖S_ff‖² and
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
            int i = SUMS_PER_BLOCK * b;
            int j = SQUARES_PER_BLOCK * b;
            double kPhi = x[i + 4];
            double kOut = x[i + 5];
            double hPhiPhi = y[j + 3] - n * kPhi * kPhi;
            double hPhiOut = y[j + 4] - n * kPhi * kOut;
            double hOutOut = y[j + 6] - n * kOut * kOut;
            featureNorm[b] = y[j] - 2 * n * y[j + 3] + n * n * kPhi * kPhi;
            cross[b] = y[j + 1] - 2 * n * y[j + 4] + n * n * kPhi * kOut;
            outputNorm[b] = y[j + 2] - 2 * n * y[j + 6] + n * n * kOut * kOut;
            featureTrace[b] = x[i + 6] - n * kPhi;
            outputTrace[b] = x[i + 7] - n * kOut;
            rowNorms[b] = RowNormSums.centredFromSums(n, new double[] {x[i + 8], x[i + 9], x[i + 10]},
                    new double[] {x[i], x[i + 2], x[i + 1], x[i + 3]}, new double[] {hPhiPhi, hPhiOut, hOutOut},
                    kPhi, kOut, featureTrace[b], outputTrace[b]);
        }
        return new DeleteOneStatistics(restCounts, cross, featureNorm, outputNorm, featureTrace, outputTrace,
                rowNorms);
    }

    /** @return the rows w … w + 2 (the 1, r and s rows) of every block's G, a B × 3 × (w + 3) view */
    private INDArray tail(INDArray blockGrams) {
        return blockGrams.get(NDArrayIndex.all(), NDArrayIndex.interval(width, augmented), NDArrayIndex.all());
    }

    /** @return row k, columns [from, to) of each block of a B × 3 × (w + 3) array: a B × (to − from) view */
    private static INDArray row(INDArray perBlock, int k, int from, int to) {
        return perBlock.get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.interval(from, to));
    }

    /** @return the leading [from, to) square of a matrix, or of each matrix of a stack */
    private static INDArray square(INDArray matrices, int from, int to) {
        return matrices.rank() == 2 ? matrices.get(NDArrayIndex.interval(from, to), NDArrayIndex.interval(from, to))
                : matrices.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.interval(from, to));
    }
}
