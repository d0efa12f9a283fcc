package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Additive second moments of a probe set, accumulated from minibatches in the backend's memory.
 *
 * <p>Every quantity of the paper (D_LR, eq. 4 with appendix E; the spectrum of Algorithm 1; Π* and Π̂ of
 * eq. 5; S_init, NC1 and Tr(Σ_W)) is a function of these moments, so a probe of any size n streams through
 * in O(d²) memory, where d = p + C + t (+ p with reference features) is the width of the concatenated
 * sample vector z = [φ, f̂, y, φ₀] (see {@link Block}).
 *
 * <p>What is kept, all in double precision whatever the input type:
 * <ul>
 *   <li>the count n, the mean vector μ (d) and the centred co-moment M = Σ (z − μ)(z − μ)ᵀ (d × d), merged
 *       minibatch by minibatch with Chan, Golub and LeVeque's pairwise update
 *       M = M_a + M_b + δδᵀ n_a n_b / n, δ = μ_b − μ_a, where each minibatch is centred on its own mean
 *       first. This keeps centred quantities exact to rounding even when the means are large compared with
 *       the spread, unlike raw sums minus n μ μᵀ;</li>
 *   <li>optionally (for the neural-collapse baselines) per-class counts and per-class feature sums, the
 *       class of a sample being the argmax of its target row; the per-class means are their quotient, formed
 *       when read. Sums (one in-place GEMM per minibatch) rather than Chan-merged means keep the per-batch
 *       cost to a few backend operations; a class mean's rounding error is the same order either way.</li>
 * </ul>
 * {@link #merge(ProbeMoments)} gives the same result as accumulating both inputs into one accumulator.
 *
 * <p>The minibatch term Σ (z − μ_b)(z − μ_b)ᵀ + w δδᵀ, the O(n d²) part of the cost, is one symmetric
 * rank-(n_b + 1) update of the centred rows and the row √w δ, done by the backend's {@link SymmetricKernels}
 * (on the CPU backend OpenBLAS's {@code dsyrk}, which fills one triangle only); the other triangle is
 * completed once, when the moments are next read.
 *
 * <p>Not thread-safe: accumulate from one thread (DL4J calls listeners from the training thread).
 * Non-finite input is not rejected batch by batch (that would cost a device-to-host copy per batch): it
 * propagates into the mean, and {@link #nonFiniteBlocks()} reports it when the moments are used.
 */
public final class ProbeMoments {

    private static final String WORKSPACE = "RICHNESS_MOMENTS";

    private final MomentLayout layout;
    private final SymmetricKernels kernels;
    private final INDArray mean;
    private final INDArray comoment;
    private final INDArray classCounts;
    private final INDArray classSums;
    private final INDArray classMeans;
    private final BlockViews views;
    private final double[] centredNorms = new double[Block.values().length];
    private final INDArray wholeDiagonal;
    private final INDArray[] batchColumns = new INDArray[Block.values().length];
    private INDArray batchStorage;
    private INDArray batch;
    private long batchRows = -1;
    private INDArray batchSamples;
    private INDArray spareRow;
    private long count;
    private boolean symmetric = true;
    private boolean classMeansCurrent = true;

    /**
     * Creates an empty accumulator using the fastest kernels of the loaded backend; its arrays live outside
     * any workspace.
     *
     * @param layout the widths of the blocks to accumulate
     */
    public ProbeMoments(MomentLayout layout) {
        this(layout, SymmetricKernels.forBackend());
    }

    /**
     * Creates an empty accumulator that uses the given kernels for its own updates and hands them to the
     * analysis of its moments (the eigendecompositions of {@code io.github.richness.core}).
     *
     * @param layout the widths of the blocks to accumulate
     * @param kernels the symmetric kernels, for example {@link SymmetricKernels#plain()} to compare with
     */
    public ProbeMoments(MomentLayout layout, SymmetricKernels kernels) {
        this.layout = layout;
        this.kernels = kernels;
        int d = layout.totalWidth();
        try (MemoryWorkspace ignored = Scratch.detached()) {
            this.mean = Nd4j.zeros(DataType.DOUBLE, d);
            this.comoment = Nd4j.zeros(DataType.DOUBLE, d, d);
            if (layout.classStatistics()) {
                this.classCounts = Nd4j.zeros(DataType.DOUBLE, layout.targets());
                this.classSums = Nd4j.zeros(DataType.DOUBLE, layout.targets(), layout.features());
                this.classMeans = Nd4j.zeros(DataType.DOUBLE, layout.targets(), layout.features());
            } else {
                this.classCounts = null;
                this.classSums = null;
                this.classMeans = null;
            }
            this.views = new BlockViews(layout, mean, comoment);
            Arrays.fill(centredNorms, Double.NaN);
            this.wholeDiagonal = Diagonals.of(comoment);
        }
    }

    /**
     * Adds one minibatch. Rows are samples; arrays of any floating-point type are converted to double.
     * Pass {@code null} for blocks the layout does not have.
     *
     * @param features n_b × p features
     * @param outputs n_b × C outputs, or null
     * @param targets n_b × t targets, or null
     * @param reference n_b × p reference features, or null
     * @throws IllegalArgumentException if a block is missing, unexpected, not a matrix, or of the wrong shape
     */
    public void accumulate(INDArray features, INDArray outputs, INDArray targets, INDArray reference) {
        INDArray[] blocks = {features, outputs, targets, reference};
        long rows = validate(blocks);
        if (rows == 0) {
            return;
        }
        prepareBatchBuffer(rows);
        for (Block block : Block.values()) {
            if (layout.has(block)) {
                batchColumns[block.ordinal()].assign(blocks[block.ordinal()]);
            }
        }
        if (layout.classStatistics()) {
            try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
                accumulateClasses(batchColumns[Block.FEATURES.ordinal()], batchColumns[Block.TARGETS.ordinal()]);
            }
        }
        batchSamples.mean(spareRow, 0);
        batchSamples.subiRowVector(spareRow);
        mergeBatch(rows);
    }

    /**
     * Adds everything another accumulator holds, as if its minibatches had been accumulated here.
     *
     * @param other an accumulator with the same layout
     * @throws IllegalArgumentException if the layouts differ
     */
    public void merge(ProbeMoments other) {
        if (!layout.equals(other.layout)) {
            throw new IllegalArgumentException("cannot merge moments of layout " + other.layout + " into " + layout);
        }
        if (other.count == 0) {
            return;
        }
        if (layout.classStatistics()) {
            classCounts.addi(other.classCounts);
            classSums.addi(other.classSums);
            classMeansCurrent = false;
        }
        mergeCentred(other.count, other.mean, other.symmetricComoment());
    }

    /** Forgets everything accumulated, keeping the allocated arrays for reuse. */
    public void reset() {
        count = 0;
        Arrays.fill(centredNorms, Double.NaN);
        mean.assign(0);
        comoment.assign(0);
        symmetric = true;
        if (classCounts != null) {
            classCounts.assign(0);
            classSums.assign(0);
            classMeans.assign(0);
            classMeansCurrent = true;
        }
    }

    /** @return the layout of this accumulator */
    public MomentLayout layout() {
        return layout;
    }

    /** @return the symmetric kernels this accumulator uses, and its moments' analysis should use */
    public SymmetricKernels kernels() {
        return kernels;
    }

    /** @return the number of samples accumulated */
    public long count() {
        return count;
    }

    /**
     * @param block a block of the layout
     * @return a view of the block's mean vector (do not modify)
     */
    public INDArray mean(Block block) {
        requireBlock(block);
        return views.mean(block);
    }

    /**
     * The centred co-moment Σ (a − μ_a)(b − μ_b)ᵀ of two blocks.
     *
     * @param a the row block
     * @param b the column block
     * @return a view (width(a) × width(b)) into the accumulator (do not modify)
     */
    public INDArray centred(Block a, Block b) {
        requireBlock(a);
        requireBlock(b);
        symmetricComoment();
        return views.block(a, b);
    }

    /**
     * The Frobenius norm ‖Σ (a − μ_a)(a − μ_a)ᵀ‖_F of a block's own centred co-moment (one scalar transfer),
     * remembered until the moments next change: D_LR, its projection variant and S_init all need the
     * features' norm.
     *
     * @param block a block of the layout
     * @return the norm
     */
    public double centredNorm(Block block) {
        requireBlock(block);
        int i = block.ordinal();
        if (Double.isNaN(centredNorms[i])) {
            centredNorms[i] = HostTransfer.scalar(centred(block, block).norm2());
        }
        return centredNorms[i];
    }

    /**
     * The uncentred second moment Σ a bᵀ = centred + n μ_a μ_bᵀ of two blocks.
     *
     * @param a the row block
     * @param b the column block
     * @return a new width(a) × width(b) array
     */
    public INDArray uncentred(Block a, Block b) {
        INDArray result = centred(a, b).dup();
        Nd4j.gemm(views.meanColumn(a), views.meanRow(b), result, false, false, count, 1.0);
        return result;
    }

    /**
     * The diagonal Σ (a_i − μ_i)² of a block's centred co-moment, as a strided view (no copy).
     *
     * @param block a block of the layout
     * @return a view of width(block) elements (do not modify)
     */
    public INDArray diagonal(Block block) {
        requireBlock(block);
        symmetricComoment();
        return views.diagonal(block);
    }

    /** @return per-class sample counts (t), a view; null without class statistics */
    public INDArray classCounts() {
        return classCounts;
    }

    /** @return per-class feature means (t × p), a view; rows of absent classes are zero; null without class statistics */
    public INDArray classMeans() {
        if (classMeans != null && !classMeansCurrent) {
            classMeans.assign(classSums)
                    .diviColumnVector(Transforms.max(classCounts, 1.0).reshape(layout.targets(), 1));
            classMeansCurrent = true;
        }
        return classMeans;
    }

    /**
     * Checks every block for NaN or infinite input (which propagates into its mean or its co-moment's
     * trace). Costs two scalar transfers when every block is finite (the sums of the whole mean and of the
     * whole diagonal), and two more per block otherwise.
     *
     * @return the blocks that received non-finite values; empty if all are finite
     */
    public Set<Block> nonFiniteBlocks() {
        Set<Block> bad = EnumSet.noneOf(Block.class);
        symmetricComoment();
        if (finite(mean, wholeDiagonal)) {
            return bad;
        }
        for (Block block : Block.values()) {
            if (!layout.has(block)) {
                continue;
            }
            if (!finite(mean(block), diagonal(block))) {
                bad.add(block);
            }
        }
        return bad;
    }

    private static boolean finite(INDArray means, INDArray diagonal) {
        return Double.isFinite(HostTransfer.scalar(means.sum())) && Double.isFinite(HostTransfer.scalar(diagonal.sum()));
    }

    /**
     * Chan's update with a centred minibatch whose spare row holds the minibatch's mean μ_b: the row becomes
     * δ = μ_b − μ, moves the mean by δ n_b / n, and is then scaled to √w δ, w = n_a n_b / n, so that the
     * single rank-(n_b + 1) update adds Σ (z − μ_b)(z − μ_b)ᵀ and the correction w δδᵀ in one pass over the
     * co-moment. Every step is in place on the kept buffer: no array is created.
     */
    private void mergeBatch(long rows) {
        long total = count + rows;
        spareRow.subi(mean).muli((double) rows / total);
        mean.addi(spareRow);
        spareRow.muli(Math.sqrt((double) count * total / rows));
        kernels.addGram(batch, comoment);
        symmetric = false;
        count = total;
        Arrays.fill(centredNorms, Double.NaN);
    }

    private void mergeCentred(long otherCount, INDArray otherMean, INDArray otherComoment) {
        long total = count + otherCount;
        INDArray delta = otherMean.sub(mean).reshape(1, mean.length());
        comoment.addi(otherComoment);
        if (count > 0) {
            double weight = (double) count * otherCount / total;
            Nd4j.gemm(delta, delta, comoment, true, false, weight, 1.0);
        }
        mean.addi(delta.reshape(mean.length()).muli((double) otherCount / total));
        count = total;
        Arrays.fill(centredNorms, Double.NaN);
    }

    /**
     * Keeps a double-precision buffer of (rows + 1) × d for the largest minibatch seen, detached and reused,
     * and views of its leading rows + 1 rows for the current minibatch size (the samples, the spare row of
     * {@link #mergeBatch}, each block's columns), rebuilt only when the size changes: a probe of full
     * minibatches costs no allocation and no view construction, and a shorter last minibatch only views.
     */
    private void prepareBatchBuffer(long rows) {
        if (rows == batchRows) {
            return;
        }
        try (MemoryWorkspace ignored = Scratch.detached()) {
            int d = layout.totalWidth();
            if (batchStorage == null || batchStorage.rows() < rows + 1) {
                batchStorage = Nd4j.createUninitialized(DataType.DOUBLE, rows + 1, d);
            }
            batch = batchStorage.rows() == rows + 1 ? batchStorage
                    : batchStorage.get(NDArrayIndex.interval(0, rows + 1), NDArrayIndex.all());
            batchSamples = batch.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
            spareRow = batch.get(NDArrayIndex.point(rows), NDArrayIndex.all()).reshape(d);
            for (Block block : Block.values()) {
                batchColumns[block.ordinal()] = layout.has(block) ? columns(batchSamples, block) : null;
            }
            batchRows = rows;
        }
    }

    private INDArray symmetricComoment() {
        if (!symmetric) {
            kernels.symmetrize(comoment);
            symmetric = true;
        }
        return comoment;
    }

    /** Adds the minibatch's per-class counts and feature sums, from its double-precision copy before centring. */
    private void accumulateClasses(INDArray features, INDArray targets) {
        INDArray classes = targets.argMax(1);
        INDArray oneHot = Nd4j.exec(new OneHot(classes, layout.targets(), -1, 1.0, 0.0, DataType.DOUBLE))[0];
        classCounts.addi(oneHot.sum(0));
        Nd4j.gemm(oneHot, features, classSums, true, false, 1.0, 1.0);
        classMeansCurrent = false;
    }

    private long validate(INDArray[] blocks) {
        long rows = -1;
        for (Block block : Block.values()) {
            INDArray array = blocks[block.ordinal()];
            int width = layout.width(block);
            if (width == 0) {
                if (array != null) {
                    throw new IllegalArgumentException(block + " given, but the layout has no " + block + " block: "
                            + layout.widths());
                }
                continue;
            }
            if (array == null) {
                throw new IllegalArgumentException(block + " missing: the layout expects " + width + " columns");
            }
            if (array.rank() != 2 || array.columns() != width) {
                throw new IllegalArgumentException(block + " must be a matrix with " + width
                        + " columns (rows are samples), got shape " + Arrays.toString(array.shape()));
            }
            if (!array.dataType().isFPType()) {
                throw new IllegalArgumentException(block + " must be floating point, got " + array.dataType());
            }
            if (rows >= 0 && array.rows() != rows) {
                throw new IllegalArgumentException("row counts differ: " + block + " has " + array.rows()
                        + " rows, FEATURES has " + rows);
            }
            rows = array.rows();
        }
        return rows;
    }

    private void requireBlock(Block block) {
        if (!layout.has(block)) {
            throw new IllegalArgumentException("the layout has no " + block + " block: " + layout.widths());
        }
    }

    private INDArray columns(INDArray z, Block block) {
        int offset = layout.offset(block);
        return z.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + layout.width(block)));
    }
}
