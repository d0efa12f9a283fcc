package io.github.richness.moments;

import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.DynamicPartition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A probe's moments together with B block accumulators of its features and outputs, for the delete-one-block
 * jackknife standard errors of D_LR and the debiased D_LR ({@code io.github.richness.core.Jackknife}).
 *
 * <p>{@link #total()} is an ordinary {@link ProbeMoments} of the whole layout, accumulated as usual, so the
 * analysis of a blocked probe is the analysis of an unblocked one. Besides it, sample i of the probe (counted
 * from the first accumulated, across minibatches) goes to block i mod B, an accumulator of the features and
 * outputs only ({@link MomentLayout#outputs()} wide, no targets or reference): the blocks are interleaved, so
 * they do not depend on the minibatch size, and a probe ordered by class still gives every block every class.
 * Their sizes differ by at most one.
 *
 * <p>{@link #withoutBlock(int)} is the probe without block b, by Chan subtraction from the features and
 * outputs of the whole probe (accumulated once more, at that width), M_(b) = M − M_b − δδᵀ n_b n / n_(b), and
 * the same subtraction of the row-norm sums. Chosen over
 * merging the other B − 1 blocks: it costs O(B (p + C)²) for all B replicates instead of O(B² (p + C)²), and its
 * rounding, about ε n / n_(b) relative to the replicate's moments, is far below the differences between
 * replicates the jackknife measures (about 1/√n relative); the tests check both ways agree to 1e-12.
 *
 * <p>Memory: (B + 2) accumulators of width p + C ({@link ErrorBarPlan}), besides the total; each block also keeps
 * a minibatch buffer of n_b / B + 1 rows. Cost: each minibatch is accumulated into the total, once more at
 * width p + C, and in B parts into the blocks (the same O(n_b (p + C)²) flops again, in B smaller rank-k
 * updates, about B × 20 small backend operations per minibatch); the analysis adds B delete-one evaluations
 * of about 50 small operations and one O((p + C)²) subtraction each. Not thread-safe.
 */
public final class BlockedMoments {

    private final ErrorBarPlan plan;
    private final ProbeMoments total;
    private final ProbeMoments[] blocks;
    private final ProbeMoments blockTotal;
    private final ProbeMoments withoutBlock;
    private long seen;

    /**
     * @param layout the probe's layout (with outputs)
     * @param plan the number of blocks; a plan that is not {@link ErrorBarPlan#measurable() measurable} keeps
     *        the total only
     * @param kernels the kernels of every accumulator
     */
    public BlockedMoments(MomentLayout layout, ErrorBarPlan plan, SymmetricKernels kernels) {
        this.plan = plan;
        this.total = new ProbeMoments(layout, kernels);
        MomentLayout blockLayout = new MomentLayout(layout.features(), layout.outputs(), 0, false, false);
        this.blocks = new ProbeMoments[plan.blocks()];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = new ProbeMoments(blockLayout, kernels);
        }
        this.blockTotal = plan.measurable() ? new ProbeMoments(blockLayout, kernels) : null;
        this.withoutBlock = plan.measurable() ? new ProbeMoments(blockLayout, kernels) : null;
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
        long rows = features.rows();
        if (blocks.length == 0 || rows == 0) {
            seen += rows;
            return;
        }
        blockTotal.accumulate(features, outputs, null, null);
        if (rows == 1) {
            blocks[(int) (seen % blocks.length)].accumulate(features, outputs, null, null);
        } else {
            split(features, outputs, rows);
        }
        seen += rows;
    }

    /** Forgets everything accumulated. */
    public void reset() {
        total.reset();
        for (ProbeMoments block : blocks) {
            block.reset();
        }
        if (blockTotal != null) {
            blockTotal.reset();
        }
        seen = 0;
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
        return blocks.length;
    }

    /**
     * @param b a block index
     * @return the moments of block b alone (features and outputs; do not modify)
     */
    public ProbeMoments block(int b) {
        return blocks[b];
    }

    /**
     * The probe without block b: features and outputs of every other block. The returned accumulator is reused
     * by the next call.
     *
     * @param b a block index, 0 ≤ b &lt; B
     * @return the delete-one moments (do not modify)
     */
    public ProbeMoments withoutBlock(int b) {
        withoutBlock.assign(blockTotal);
        withoutBlock.subtract(blocks[b]);
        return withoutBlock;
    }

    /**
     * Sends the rows to their blocks with ND4J's {@code dynamic_partition} (outside any workspace, where it sizes
     * empty partitions right), on a contiguous double copy of [features, outputs].
     */
    private void split(INDArray features, INDArray outputs, long rows) {
        int[] assignment = new int[(int) rows];
        int[] sizes = new int[blocks.length];
        for (int i = 0; i < assignment.length; i++) {
            assignment[i] = (int) ((seen + i) % blocks.length);
            sizes[assignment[i]]++;
        }
        int p = (int) features.columns();
        int width = p + (int) outputs.columns();
        INDArray[] parts;
        try (MemoryWorkspace ignored = Scratch.detached()) {
            INDArray joined = Nd4j.hstack(features.castTo(DataType.DOUBLE), outputs.castTo(DataType.DOUBLE));
            parts = Nd4j.exec(new DynamicPartition(joined, Nd4j.createFromArray(assignment), blocks.length));
        }
        for (int b = 0; b < blocks.length; b++) {
            if (sizes[b] > 0) {
                INDArray part = parts[b];
                blocks[b].accumulate(part.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)),
                        part.get(NDArrayIndex.all(), NDArrayIndex.interval(p, width)), null, null);
            }
        }
    }
}
