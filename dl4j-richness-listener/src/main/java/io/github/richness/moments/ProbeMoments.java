package io.github.richness.moments;

import io.github.richness.device.SymmetricKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Additive statistics of a probe set, accumulated from minibatches in the backend's memory.
 *
 * <p>Every quantity of the paper (D_LR, eq. 4 with appendix E; the spectrum of Algorithm 1; Π* and Π̂ of
 * eq. 5; S_init, NC1 and Tr(Σ_W)) and the debiased D_LR are functions of these statistics, so a probe of any
 * size n streams through in O(d²) memory, where d = p + C + t (+ p with reference features) is the width of
 * the concatenated sample vector z = [φ, f̂, y, φ₀] (see {@link Block}).
 *
 * <p>A facade over separate parts, each with its own invariants, all in double precision whatever the input
 * type:
 * <ul>
 *   <li>{@link CentredMoments}: the count n, the mean μ and the centred co-moment M = Σ (z − μ)(z − μ)ᵀ,
 *       Chan-merged minibatch by minibatch, fed from a {@link MinibatchBuffer} (the reusable double-precision
 *       copy of one minibatch);</li>
 *   <li>{@link RowNormSums} (when the layout has outputs): Σ‖x_i‖⁴, Σ‖x_i‖²‖y_i‖², Σ‖y_i‖⁴ of the centred
 *       feature and output rows, for the unbiased HSIC;</li>
 *   <li>{@link ClassStatistics} (with class statistics): per-class counts and feature means, and the
 *       within-class covariance of eq. 33 where it fits, the class of a sample being the argmax of its target
 *       row.</li>
 * </ul>
 * {@link #merge(ProbeMoments)} gives the same result as accumulating both inputs into one accumulator.
 *
 * <p>Not thread-safe: accumulate from one thread (DL4J calls listeners from the training thread).
 * Non-finite input is not rejected batch by batch (that would cost a device-to-host copy per batch): it
 * propagates into the mean, and {@link #nonFiniteBlocks()} reports it when the moments are used.
 */
public final class ProbeMoments {

    private final MomentLayout layout;
    private final CentredMoments moments;
    private final MinibatchBuffer batch;
    private final RowNormSums rowNorms;
    private final ClassStatistics classes;
    private final double[] unitRoundOff = new double[Block.values().length];

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
     * Creates an empty accumulator that uses the given kernels for its rank-k updates.
     *
     * @param layout the widths of the blocks to accumulate
     * @param kernels the symmetric kernels, for example {@link SymmetricKernels#plain()} to compare with
     */
    public ProbeMoments(MomentLayout layout, SymmetricKernels kernels) {
        this(layout, kernels, null);
    }

    /**
     * Creates an empty accumulator for a fixed probe whose class counts are known before it is accumulated: its
     * within-class covariance is accumulated as one matrix weighted by them ({@code ClassStatistics}), cheaper
     * than per-class moments and exact for any number of classes, but not mergeable nor encodable.
     *
     * @param layout the widths of the blocks to accumulate
     * @param kernels the symmetric kernels
     * @param classCounts the t counts of the probe's classes (argmax of the target rows,
     *        {@link ClassLabels#counts}), the same after every {@link #reset()}; null for an ordinary accumulator;
     *        ignored without class statistics
     * @throws IllegalArgumentException if the counts do not fit the layout's t classes
     */
    public ProbeMoments(MomentLayout layout, SymmetricKernels kernels, double[] classCounts) {
        this.layout = layout;
        this.moments = new CentredMoments(layout, kernels);
        this.batch = new MinibatchBuffer(layout, kernels);
        this.rowNorms = layout.has(Block.OUTPUTS) ? new RowNormSums(layout) : null;
        this.classes = layout.classStatistics() ? new ClassStatistics(layout, kernels, classCounts) : null;
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
        accumulate(features, outputs, targets, reference, true);
    }

    /**
     * {@link #accumulate(INDArray, INDArray, INDArray, INDArray)}, leaving out the row-norm sums when the caller
     * adds them itself ({@link #addRowNorms}).
     */
    void accumulate(INDArray features, INDArray outputs, INDArray targets, INDArray reference, boolean withRowNorms) {
        INDArray[] blocks = {features, outputs, targets, reference};
        long rows = validate(blocks);
        if (rows == 0) {
            return;
        }
        batch.load(blocks, rows);
        for (Block block : Block.values()) {
            if (layout.has(block)) {
                int i = block.ordinal();
                unitRoundOff[i] = Math.max(unitRoundOff[i], unitRoundOff(blocks[i].dataType()));
            }
        }
        if (classes != null) {
            classes.accumulate(batch.columns(Block.FEATURES), batch.columns(Block.TARGETS));
        }
        batch.centre();
        if (rowNorms != null && withRowNorms) {
            rowNorms.add(batch);
        }
        moments.add(batch);
    }

    /**
     * Adds the row-norm sums of a minibatch accumulated without them, from its rows about a centre
     * ({@code RowNormSums.addShifted}).
     *
     * @param centre the centre of [φ, f̂] the rows are about; the same at every call
     * @param shifted the minibatch's [φ, f̂] rows minus the centre
     * @param norms their squared feature and output norms (n_b × 2)
     */
    void addRowNorms(INDArray centre, INDArray shifted, INDArray norms) {
        rowNorms.addShifted(centre, shifted, norms);
    }

    /**
     * Adds everything another accumulator holds, as if its minibatches had been accumulated here.
     *
     * @param other an accumulator with the same layout
     * @throws IllegalArgumentException if the layouts differ
     */
    public void merge(ProbeMoments other) {
        requireSameLayout(other);
        if (other.count() == 0) {
            return;
        }
        if (classes != null) {
            classes.merge(other.classes);
        }
        if (rowNorms != null) {
            rowNorms.merge(other.rowNorms, other.moments);
        }
        moments.merge(other.moments);
        for (int i = 0; i < unitRoundOff.length; i++) {
            unitRoundOff[i] = Math.max(unitRoundOff[i], other.unitRoundOff[i]);
        }
    }

    /** Forgets everything accumulated, keeping the allocated arrays for reuse. */
    public void reset() {
        moments.reset();
        if (rowNorms != null) {
            rowNorms.reset();
        }
        if (classes != null) {
            classes.reset();
        }
        Arrays.fill(unitRoundOff, 0.0);
    }

    /** @return the layout of this accumulator */
    public MomentLayout layout() {
        return layout;
    }

    /** @return the number of samples accumulated */
    public long count() {
        return moments.count();
    }

    /**
     * @param block a block of the layout
     * @return a view of the block's mean vector (do not modify)
     */
    public INDArray mean(Block block) {
        requireBlock(block);
        return moments.mean(block);
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
        return moments.centred(a, b);
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
        return moments.centredNorm(block);
    }

    /**
     * The uncentred second moment Σ a bᵀ = centred + n μ_a μ_bᵀ of two blocks.
     *
     * @param a the row block
     * @param b the column block
     * @return a new width(a) × width(b) array
     */
    public INDArray uncentred(Block a, Block b) {
        requireBlock(a);
        requireBlock(b);
        return moments.uncentred(a, b);
    }

    /**
     * The diagonal Σ (a_i − μ_i)² of a block's centred co-moment, as a strided view (no copy).
     *
     * @param block a block of the layout
     * @return a view of width(block) elements (do not modify)
     */
    public INDArray diagonal(Block block) {
        requireBlock(block);
        return moments.diagonal(block);
    }

    /**
     * The fourth-order sums of the centred feature and output rows that the unbiased HSIC needs
     * ({@link RowNormSums} derives them and their merge rule). A few scalar transfers.
     *
     * @return Σ‖x_i‖⁴, Σ‖x_i‖²‖y_i‖², Σ‖y_i‖⁴; zeros before any sample
     * @throws IllegalArgumentException if the layout has no outputs
     */
    public RowNormMoments centredRowNorms() {
        requireBlock(Block.OUTPUTS);
        return rowNorms.centred(moments);
    }

    /**
     * The unit round-off of the least precise array accumulated into a block so far: 2⁻⁵³ for double,
     * 2⁻²⁴ for float, 2⁻¹¹ for half and 2⁻⁸ for bfloat16 input, 0 before any. The moments themselves are
     * double precision; this says how finely the input was resolved (for the "outputs numerically zero"
     * check of the analysis).
     *
     * @param block a block of the layout
     * @return the unit round-off u of the block's input
     */
    public double unitRoundOff(Block block) {
        requireBlock(block);
        return unitRoundOff[block.ordinal()];
    }

    /** @return per-class sample counts (t), a view; null without class statistics */
    public INDArray classCounts() {
        return classes == null ? null : classes.counts();
    }

    /** @return per-class feature means (t × p), a view; rows of absent classes are zero; null without class statistics */
    public INDArray classMeans() {
        return classes == null ? null : classes.means();
    }

    /**
     * @return whether the exact within-class covariance of eq. 33 for classes of any balance is available: with
     *         class statistics whose per-class moments (t · p² doubles) fit 32 MiB, or weighted by the probe's
     *         known class counts when it had those counts (see {@code ClassStatistics})
     */
    public boolean hasWithinClassCovariance() {
        return classes != null && classes.perClassMoments();
    }

    /**
     * @return null, or why the within-class covariance is not available although the accumulator was weighted by
     *         known class counts: the samples accumulated had other counts (a probe changed in place)
     */
    public String classCountsProblem() {
        return classes == null ? null : classes.countsProblem();
    }

    /**
     * The within-class covariance of eq. 33, Σ_W = Σ_c E_{x∈A_c}[(φ − μ_c)(φ − μ_c)ᵀ], over the classes
     * present, exact for unbalanced classes.
     *
     * @return a new p × p array
     * @throws IllegalStateException unless {@link #hasWithinClassCovariance()}
     */
    public INDArray withinClassCovariance() {
        if (classes == null) {
            throw new IllegalStateException("the layout has no class statistics: " + layout);
        }
        return classes.withinClassCovariance();
    }

    /**
     * Checks every block for NaN or infinite input (which propagates into its mean or its co-moment's
     * trace). Costs two scalar transfers when every block is finite (the sums of the whole mean and of the
     * whole diagonal), and two more per block otherwise.
     *
     * @return the blocks that received non-finite values; empty if all are finite
     */
    public Set<Block> nonFiniteBlocks() {
        return moments.nonFiniteBlocks();
    }

    /**
     * Writes the state for {@link MomentsCodec} (which writes the layout first): the input round-off of each
     * block, then each part's state.
     *
     * @param out where to write
     * @throws IOException if the output fails
     */
    void writeTo(DataOutput out) throws IOException {
        for (double u : unitRoundOff) {
            out.writeDouble(u);
        }
        moments.writeTo(out);
        if (rowNorms != null) {
            rowNorms.writeTo(out);
        }
        if (classes != null) {
            classes.writeTo(out);
        }
    }

    /**
     * Replaces the state with one written by {@link #writeTo} for the same layout.
     *
     * @param in where to read
     * @throws IOException if the input fails or ends early
     */
    void readFrom(DataInput in) throws IOException {
        for (int i = 0; i < unitRoundOff.length; i++) {
            unitRoundOff[i] = in.readDouble();
        }
        moments.readFrom(in);
        if (rowNorms != null) {
            rowNorms.readFrom(in);
        }
        if (classes != null) {
            classes.readFrom(in);
        }
    }

    private static double unitRoundOff(DataType type) {
        return switch (type) {
            case DOUBLE -> Math.ulp(1.0) / 2;
            case FLOAT -> Math.ulp(1.0f) / 2;
            case HALF -> 0x1p-11;
            case BFLOAT16 -> 0x1p-8;
            default -> throw new IllegalArgumentException("not a floating-point type: " + type);
        };
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

    private void requireSameLayout(ProbeMoments other) {
        if (!layout.equals(other.layout)) {
            throw new IllegalArgumentException("cannot combine moments of layout " + other.layout + " with " + layout);
        }
    }

    private void requireBlock(Block block) {
        if (!layout.has(block)) {
            throw new IllegalArgumentException("the layout has no " + block + " block: " + layout.widths());
        }
    }
}
