package io.github.richness.moments;

/**
 * How many blocks the delete-one-block jackknife of the distances' standard errors uses, within a memory
 * budget (see {@link BlockedMoments}).
 *
 * <p>The jackknife keeps B blocks of sums of the features and outputs (width w = p + C, as the Gram matrix of
 * rows of width w + 3) plus, while they are read out, their total and a few arrays of B (w + 3) and 3B² doubles,
 * counted as two more blocks: (B + 2) · {@link #bytesPerBlock} bytes, 8 (B + 2)(p + C + 3)² bytes. When B blocks do
 * not fit the budget,
 * B is reduced to what fits; the standard
 * error then rests on fewer blocks and is itself less certain (relative uncertainty about 1/√(2(B − 1))). When
 * not even 2 blocks fit, there are no error bars: {@link #measurable()} is false and {@link #note()} says why,
 * so the absence is never silent. Examples at the defaults (B = 20, 256 MiB): p = 512, C = 10 needs 48.5 MB;
 * p = 2048, C = 100 fits 5 blocks; p = 4096, C = 100 fits none (raise the budget to 1.4 GiB for B = 8).
 *
 * @param requestedBlocks the B asked for (at least 2)
 * @param blocks the B used: the requested one, fewer when the budget is short, 0 when fewer than 2 fit
 * @param bytesPerBlock the memory of one block accumulator
 * @param budgetBytes the budget
 */
public record ErrorBarPlan(int requestedBlocks, int blocks, long bytesPerBlock, long budgetBytes) {

    /** The default B: 20 blocks, whose standard error is itself uncertain by about 16 %. */
    public static final int DEFAULT_BLOCKS = 20;

    /** The default memory budget of the block accumulators: 256 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 256L << 20;

    /** Validates the plan. */
    public ErrorBarPlan {
        if (requestedBlocks < 2) {
            throw new IllegalArgumentException("the jackknife needs at least 2 blocks, got " + requestedBlocks);
        }
        if (blocks != 0 && (blocks < 2 || blocks > requestedBlocks)) {
            throw new IllegalArgumentException("blocks must be 0 or in [2, " + requestedBlocks + "], got " + blocks);
        }
    }

    /**
     * @param layout the probe's layout (its features and outputs are blocked)
     * @param requestedBlocks B, at least 2
     * @param budgetBytes the memory the block accumulators may take
     * @return the plan
     * @throws IllegalArgumentException if the layout has no outputs or B &lt; 2
     */
    public static ErrorBarPlan of(MomentLayout layout, int requestedBlocks, long budgetBytes) {
        if (!layout.has(Block.OUTPUTS)) {
            throw new IllegalArgumentException("error bars of D_LR need outputs in the layout: " + layout);
        }
        long perBlock = bytesPerBlock(layout);
        long fit = budgetBytes / perBlock - 2;
        int blocks = (int) Math.min(requestedBlocks, Math.max(fit, 0));
        return new ErrorBarPlan(requestedBlocks, blocks >= 2 ? blocks : 0, perBlock, budgetBytes);
    }

    /**
     * @param layout the probe's layout
     * @return the plan for {@link #DEFAULT_BLOCKS} within {@link #DEFAULT_BUDGET_BYTES}
     */
    public static ErrorBarPlan defaults(MomentLayout layout) {
        return of(layout, DEFAULT_BLOCKS, DEFAULT_BUDGET_BYTES);
    }

    /**
     * @param layout a layout with outputs
     * @return the bytes of one block's sums of its features and outputs (w = p + C): the Gram matrix of the
     *         augmented rows [a, 1, r, s], (w + 3)² doubles, which holds Σ aaᵀ, Σ a, Σ r a, Σ s a and the scalars
     */
    public static long bytesPerBlock(MomentLayout layout) {
        long augmented = (long) layout.features() + layout.outputs() + 3;
        return Double.BYTES * augmented * augmented;
    }

    /** @return whether at least 2 blocks fit, so that standard errors are measured */
    public boolean measurable() {
        return blocks >= 2;
    }

    /** @return the memory the blocked accumulators take: (B + 2) block accumulators, 0 when not measurable */
    public long bytes() {
        return measurable() ? (blocks + 2L) * bytesPerBlock : 0;
    }

    /** @return null when B is as requested; otherwise what was reduced or left out, and why */
    public String note() {
        if (blocks == requestedBlocks) {
            return null;
        }
        String need = mib(4 * bytesPerBlock) + " for 2 blocks, " + mib((requestedBlocks + 2L) * bytesPerBlock)
                + " for " + requestedBlocks;
        if (!measurable()) {
            return "standard errors not measured: the jackknife's block accumulators need " + need
                    + ", over the budget of " + mib(budgetBytes);
        }
        return "standard errors from " + blocks + " jackknife blocks instead of " + requestedBlocks
                + " (memory budget " + mib(budgetBytes) + "; " + need + "): the standard error is itself"
                + " uncertain by about " + Math.round(100 / Math.sqrt(2.0 * (blocks - 1))) + " %";
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
