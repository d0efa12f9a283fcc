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
 * ‖(T − G_b)_xy‖² for the parts xy = φφ, φf, ff as sums of the inner products of the blocks' parts over the other
 * blocks ({@code restPartSquares}), and Dᵀ(T − G_b)D = DᵀTD − DᵀG_bD. Chosen over Chan-merged block
 * moments with a delete-one accumulator (a merge or subtraction per block, about six times the operations)
 * because the identities lose nothing here: δ is of the order of the spread over √n.
 *
 * <p>Memory: B block-sized arrays of (w + 3)² doubles ({@link ErrorBarPlan}), besides the total, and while
 * reading them out one more (T) and a few arrays of B (w + 3) and 3B² doubles; besides, the
 * kept rows buffer of (m + B)(w + 3) doubles for minibatches of m rows (a temporary of that size before). Not
 * thread-safe.
 */
public final class BlockedMoments {

    private static final String WORKSPACE = "RICHNESS_BLOCKS";
    /** The columns of u after a: the constant 1, r and s. */
    private static final int EXTRA = 3;
    /** Values per block in the read-out's first transfer: see {@link #statistics}. */
    private static final int SUMS_PER_BLOCK = 11;
    /** Values per block of DᵀSD, the read-out's second transfer. */
    private static final int CENTRING_PER_BLOCK = 4;
    /** The parts of the blocks' [φ, f̂] square whose delete-one squared norms D_LR needs. */
    private static final Part[] PARTS = Part.values();
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
    /**
     * Whether no minibatch was added since the last reset: the next one sets every block's Gram matrix (its rows
     * outside the minibatch are zero) instead of adding to it, so that a reset need not zero the B (w + 3)² values.
     * Until then the stale matrices are never read: the delete-one statistics of an empty probe are refused.
     */
    private boolean blocksCleared = true;
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
            if (blocksCleared) {
                kernels.setGram(blockRows[b], blockGrams[b]);
            } else {
                kernels.addGram(blockRows[b], blockGrams[b]);
            }
        }
        blocksCleared = false;
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
        blocksCleared = true;
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
     * The statistics of the B delete-one probes (one transfer of 11B values, one of 4B and one of 3B²), in about twenty
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
            return statistics(restCounts, x, restPartSquares(), centringTerms(all, offsets));
        }
    }

    /**
     * Per block b, with S = T − G_b restricted to a and D = [δ_φ, 0; 0, δ_f] (w × 2): DᵀSD = DᵀTD − DᵀG_bD row-major,
     * on the host as B rows of 4 values, without forming any S.
     */
    private double[] centringTerms(INDArray all, INDArray offsets) {
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
        return HostTransfer.vector(dtd.subi(dgd), (long) CENTRING_PER_BLOCK * blocks);
    }

    /**
     * ‖(T − G_b)_xy‖² for the parts xy = φφ, φf and ff of every block, on the host as B rows of 3 values, from the
     * inner products of the blocks' parts, K_xy[b][b'] = ⟨(G_b)_xy, (G_b')_xy⟩
     * ({@link SymmetricKernels#partInnerProducts}, on the Gram matrices as they lie, one transfer of 3B² values):
     * ‖(T − G_b)_xy‖² = ‖Σ_{b' ≠ b} (G_b')_xy‖² = Σ_{b' ≠ b} Σ_{b'' ≠ b} K_xy[b'][b'']. Nothing cancels for φφ and
     * ff: those parts of the Gram matrices are positive semi-definite, so every entry of K is at least 0 and only
     * non-negative terms are added; for φf the terms have either sign and the relative error is at most about
     * B² ε Σ|K| over the result. (The former read-out copied the parts out, subtracted T's and took squared row
     * norms on the backend: 1.6–1.8 ms of the quick start's 3.3 ms read-out, B = 20, p = 128, C = 10, against
     * 0.55 ms for the three K here; the sums are 3B³ additions on the host, nothing at B = 20.) Called inside
     * {@link #deleteOne}'s workspace.
     */
    private double[] restPartSquares() {
        int blocks = counts.length;
        long perPart = (long) blocks * blocks;
        INDArray products = Nd4j.createUninitialized(DataType.DOUBLE, (long) PARTS.length * blocks, blocks);
        for (int k = 0; k < PARTS.length; k++) {
            int[] part = PARTS[k].bounds(features, width);
            kernels.partInnerProducts(grams, part[0], part[1], part[2], part[3], products.get(
                    NDArrayIndex.interval((long) k * blocks, (long) (k + 1) * blocks), NDArrayIndex.all()));
        }
        double[] inner = HostTransfer.vector(products, PARTS.length * perPart);
        double[] squares = new double[PARTS.length * blocks];
        for (int k = 0; k < PARTS.length; k++) {
            int first = (int) (k * perPart);
            for (int b = 0; b < blocks; b++) {
                double sum = 0;
                for (int i = 0; i < blocks; i++) {
                    for (int j = 0; j < blocks; j++) {
                        if (i != b && j != b) {
                            sum += inner[first + i * blocks + j];
                        }
                    }
                }
                squares[PARTS.length * b + k] = sum;
            }
        }
        return squares;
    }

    /**
     * The centring identities per block, on the host. x row b: δ_φᵀR_φ, δ_fᵀR_φ, δ_φᵀR_f, δ_fᵀR_f, k_φ, k_f,
     * Σr, Σs, Σr², Σrs, Σs² (all of the delete-one probe, about c); squares row b: ‖S_φφ‖², ‖S_φf‖², ‖S_ff‖²;
     * centring row b: DᵀSD row-major.
     */
    private static DeleteOneStatistics statistics(long[] restCounts, double[] x, double[] squares,
                                                  double[] centring) {
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
            int j = PARTS.length * b;
            int l = CENTRING_PER_BLOCK * b;
            double kPhi = x[i + 4];
            double kOut = x[i + 5];
            double hPhiPhi = centring[l] - n * kPhi * kPhi;
            double hPhiOut = centring[l + 1] - n * kPhi * kOut;
            double hOutOut = centring[l + 3] - n * kOut * kOut;
            featureNorm[b] = squares[j] - 2 * n * centring[l] + n * n * kPhi * kPhi;
            cross[b] = squares[j + 1] - 2 * n * centring[l + 1] + n * n * kPhi * kOut;
            outputNorm[b] = squares[j + 2] - 2 * n * centring[l + 3] + n * n * kOut * kOut;
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

    /** A part of the [φ, f̂] square of a Gram matrix: its rows and columns. */
    private enum Part {
        FEATURES_FEATURES, FEATURES_OUTPUTS, OUTPUTS_OUTPUTS;

        /**
         * @param features p
         * @param width p + C
         * @return the part's first row, row bound, first column and column bound
         */
        int[] bounds(int features, int width) {
            return switch (this) {
                case FEATURES_FEATURES -> new int[] {0, features, 0, features};
                case FEATURES_OUTPUTS -> new int[] {0, features, features, width};
                case OUTPUTS_OUTPUTS -> new int[] {features, width, features, width};
            };
        }
    }
}
