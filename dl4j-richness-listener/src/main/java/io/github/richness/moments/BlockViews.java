package io.github.richness.moments;

import io.github.richness.device.Scratch;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The views of a {@link ProbeMoments}' mean vector and co-moment matrix on each block, built once and then
 * reused: both arrays are allocated for the accumulator's lifetime, so a view stays valid, and building one
 * costs about as much as a small backend operation (an {@code INDArray}, its shape information and an index
 * object per dimension). The maths reads a few dozen of them per measurement.
 */
final class BlockViews {

    private static final int BLOCKS = Block.values().length;

    private final MomentLayout layout;
    private final INDArray mean;
    private final INDArray comoment;
    private final INDArray[] means = new INDArray[BLOCKS];
    private final INDArray[] meanColumns = new INDArray[BLOCKS];
    private final INDArray[] meanRows = new INDArray[BLOCKS];
    private final INDArray[] diagonals = new INDArray[BLOCKS];
    private final INDArray[][] blocks = new INDArray[BLOCKS][BLOCKS];

    /**
     * @param layout the blocks
     * @param mean the d-vector of means
     * @param comoment the contiguous d × d co-moment
     */
    BlockViews(MomentLayout layout, INDArray mean, INDArray comoment) {
        this.layout = layout;
        this.mean = mean;
        this.comoment = comoment;
    }

    /** @return the block's part of the mean vector (width(block)) */
    INDArray mean(Block block) {
        int i = block.ordinal();
        if (means[i] == null) {
            try (MemoryWorkspace ignored = Scratch.detached()) {
                int offset = layout.offset(block);
                means[i] = mean.get(NDArrayIndex.interval(offset, offset + layout.width(block)));
            }
        }
        return means[i];
    }

    /** @return the block's mean as a width(block) × 1 column */
    INDArray meanColumn(Block block) {
        int i = block.ordinal();
        if (meanColumns[i] == null) {
            meanColumns[i] = reshaped(mean(block), layout.width(block), 1);
        }
        return meanColumns[i];
    }

    /** @return the block's mean as a 1 × width(block) row */
    INDArray meanRow(Block block) {
        int i = block.ordinal();
        if (meanRows[i] == null) {
            meanRows[i] = reshaped(mean(block), 1, layout.width(block));
        }
        return meanRows[i];
    }

    /** @return the co-moment's width(a) × width(b) block */
    INDArray block(Block a, Block b) {
        if (blocks[a.ordinal()][b.ordinal()] == null) {
            try (MemoryWorkspace ignored = Scratch.detached()) {
                int ra = layout.offset(a);
                int rb = layout.offset(b);
                blocks[a.ordinal()][b.ordinal()] = comoment.get(NDArrayIndex.interval(ra, ra + layout.width(a)),
                        NDArrayIndex.interval(rb, rb + layout.width(b)));
            }
        }
        return blocks[a.ordinal()][b.ordinal()];
    }

    /** @return the diagonal of the block's square part of the co-moment, strided (no copy) */
    INDArray diagonal(Block block) {
        int i = block.ordinal();
        if (diagonals[i] == null) {
            try (MemoryWorkspace ignored = Scratch.detached()) {
                diagonals[i] = Diagonals.of(comoment, layout.offset(block), layout.width(block));
            }
        }
        return diagonals[i];
    }

    private static INDArray reshaped(INDArray vector, long rows, long columns) {
        try (MemoryWorkspace ignored = Scratch.detached()) {
            return vector.reshape(rows, columns);
        }
    }
}
