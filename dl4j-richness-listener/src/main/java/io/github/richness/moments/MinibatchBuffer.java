package io.github.richness.moments;

import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reusable double-precision copy of one minibatch that {@link CentredMoments} is updated from: n_b sample
 * rows of the concatenated vector z (see {@link Block}) and one spare row below them.
 *
 * <p>Invariants: the storage is detached (outside any workspace), 'c'-ordered and has at least
 * {@link #rows()} + 1 rows; it grows to the largest minibatch seen and never shrinks, so a probe of full
 * minibatches costs no allocation. The views of the current size (the samples, the spare row, each block's
 * columns, the samples with the spare row) are rebuilt only when the minibatch size changes: a shorter last
 * minibatch only views the leading rows. {@link #load} fills the samples; {@link #centre()} then puts the
 * minibatch mean μ_b into the spare row and subtracts it from the samples, which is the state
 * {@link CentredMoments#add(MinibatchBuffer)} expects.
 *
 * <p>Not thread-safe.
 */
final class MinibatchBuffer {

    private final MomentLayout layout;
    private final SymmetricKernels kernels;
    private final INDArray[] columns = new INDArray[Block.values().length];
    private INDArray storage;
    private INDArray withSpareRow;
    private INDArray samples;
    private INDArray spareRow;
    private long rows = -1;

    /**
     * @param layout the blocks of the rows this buffer holds
     * @param kernels the kernels that convert the minibatch in and centre it
     */
    MinibatchBuffer(MomentLayout layout, SymmetricKernels kernels) {
        this.layout = layout;
        this.kernels = kernels;
    }

    /**
     * Copies a minibatch in, converting it to double precision.
     *
     * @param blocks the arrays by {@link Block#ordinal()}, null for blocks the layout does not have; all of
     *        {@code rows} rows and validated by the caller
     * @param rows the number of samples, at least 1
     */
    void load(INDArray[] blocks, long rows) {
        resize(rows);
        for (Block block : Block.values()) {
            if (layout.has(block)) {
                kernels.copy(blocks[block.ordinal()], columns[block.ordinal()]);
            }
        }
    }

    /** Puts the samples' mean μ_b into the spare row and subtracts it from every sample row. */
    void centre() {
        kernels.columnMeans(samples, spareRow);
        kernels.subtractFromRows(samples, spareRow);
    }

    /** @return the number of sample rows of the current minibatch */
    long rows() {
        return rows;
    }

    /** @return the n_b × d sample rows (a view; centred after {@link #centre()}) */
    INDArray samples() {
        return samples;
    }

    /** @return the samples' columns of one block (a view) */
    INDArray columns(Block block) {
        return columns[block.ordinal()];
    }

    /** @return the d-vector below the samples (a view): μ_b after {@link #centre()} */
    INDArray spareRow() {
        return spareRow;
    }

    /** @return the (n_b + 1) × d rows, samples then spare row, starting the buffer (a view or the buffer itself) */
    INDArray withSpareRow() {
        return withSpareRow;
    }

    private void resize(long size) {
        if (size == rows) {
            return;
        }
        try (MemoryWorkspace ignored = Scratch.detached()) {
            int d = layout.totalWidth();
            if (storage == null || storage.rows() < size + 1) {
                storage = Nd4j.createUninitialized(DataType.DOUBLE, size + 1, d);
            }
            withSpareRow = storage.rows() == size + 1 ? storage
                    : storage.get(NDArrayIndex.interval(0, size + 1), NDArrayIndex.all());
            samples = withSpareRow.get(NDArrayIndex.interval(0, size), NDArrayIndex.all());
            spareRow = withSpareRow.get(NDArrayIndex.point(size), NDArrayIndex.all()).reshape(d);
            for (Block block : Block.values()) {
                int offset = layout.offset(block);
                columns[block.ordinal()] = layout.has(block)
                        ? samples.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + layout.width(block)))
                        : null;
            }
            rows = size;
        }
    }
}
