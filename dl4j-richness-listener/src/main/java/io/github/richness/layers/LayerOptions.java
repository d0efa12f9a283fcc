package io.github.richness.layers;

import io.github.richness.capture.LayerSelection;

/**
 * How the intermediate layers are measured (layer-wise richness, appendix I).
 *
 * <p>A layer whose flattened width p_l is at most {@link #exactWidthCap()} gets exact moments: about
 * 8 (2p_l + C)² bytes with S_init's reference block (134 MB at p_l = 2048), plus its share of
 * {@link #errorBarBudgetBytes()} for the jackknife blocks. A wider layer gets, within an equal share of
 * {@link #sketchBudgetBytes()} (shared by all wide layers), the flattened D_LR and S_init from a randomized sketch with a reported
 * bound ({@link io.github.richness.moments.SketchedMoments}), and, when it is convolutional, the exact moments of
 * its channel-pooled features (a different quantity, recorded as such).
 *
 * @param selection which layers
 * @param exactWidthCap the widest layer measured with exact moments
 * @param sketchBudgetBytes the memory of all wide layers' sketches together, shared equally
 * @param errorBarBudgetBytes the memory of all exact layers' jackknife blocks together, shared equally
 */
public record LayerOptions(LayerSelection selection, int exactWidthCap, long sketchBudgetBytes,
                           long errorBarBudgetBytes) {

    /** The default width cap of exact moments: 2048. */
    public static final int DEFAULT_EXACT_WIDTH_CAP = 2048;

    /** The default memory of the sketches: 256 MiB (one layer of p = 65,536 with S_init: about 124 probes). */
    public static final long DEFAULT_SKETCH_BUDGET_BYTES = 256L << 20;

    /** The default memory of all layers' jackknife blocks: 256 MiB. */
    public static final long DEFAULT_ERROR_BAR_BUDGET_BYTES = 256L << 20;

    /** Checks the values. */
    public LayerOptions {
        if (selection == null) {
            throw new IllegalArgumentException("the layer selection must not be null");
        }
        if (exactWidthCap < 1) {
            throw new IllegalArgumentException("the exact width cap must be at least 1, got " + exactWidthCap);
        }
        if (sketchBudgetBytes < 0 || errorBarBudgetBytes < 0) {
            throw new IllegalArgumentException("memory budgets must not be negative, got " + sketchBudgetBytes
                    + " and " + errorBarBudgetBytes);
        }
    }

    /**
     * @param selection which layers
     * @return the options with the defaults
     */
    public static LayerOptions of(LayerSelection selection) {
        return new LayerOptions(selection, DEFAULT_EXACT_WIDTH_CAP, DEFAULT_SKETCH_BUDGET_BYTES,
                DEFAULT_ERROR_BAR_BUDGET_BYTES);
    }
}
