package io.github.richness.moments;

import java.util.EnumMap;
import java.util.Map;

/**
 * The widths of the column blocks that a {@link ProbeMoments} accumulates.
 *
 * @param features feature width p (at least 1)
 * @param outputs output width C (0 when outputs are not accumulated, for a features-only "train" probe)
 * @param targets target width t (0 when there are no targets)
 * @param reference whether reference features (p columns, for S_init) are accumulated
 * @param classStatistics whether per-class counts and feature means are accumulated (needs targets, t ≥ 2;
 *        the class of a sample is the argmax of its target row)
 */
public record MomentLayout(int features, int outputs, int targets, boolean reference, boolean classStatistics) {

    /** Validates the widths. */
    public MomentLayout {
        if (features < 1) {
            throw new IllegalArgumentException("feature width must be at least 1, got " + features);
        }
        if (outputs < 0 || targets < 0) {
            throw new IllegalArgumentException("widths must not be negative: outputs=" + outputs
                    + ", targets=" + targets);
        }
        if (classStatistics && targets < 2) {
            throw new IllegalArgumentException("class statistics need targets with at least 2 columns (one-hot labels),"
                    + " got target width " + targets);
        }
    }

    /** @return a layout for features only (a "train" probe used for the spectrum) */
    public static MomentLayout featuresOnly(int features) {
        return new MomentLayout(features, 0, 0, false, false);
    }

    /** @return the width of the given block (p for reference features when present, else 0) */
    public int width(Block block) {
        return switch (block) {
            case FEATURES -> features;
            case OUTPUTS -> outputs;
            case TARGETS -> targets;
            case REFERENCE -> reference ? features : 0;
        };
    }

    /** @return whether the block has columns in this layout */
    public boolean has(Block block) {
        return width(block) > 0;
    }

    /** @return the first column of the block in the concatenated sample vector */
    public int offset(Block block) {
        int offset = 0;
        for (Block b : Block.values()) {
            if (b == block) {
                return offset;
            }
            offset += width(b);
        }
        throw new AssertionError(block);
    }

    /** @return the total width d of the concatenated sample vector */
    public int totalWidth() {
        int total = 0;
        for (Block b : Block.values()) {
            total += width(b);
        }
        return total;
    }

    /** @return the width of every block, for messages */
    public Map<Block, Integer> widths() {
        Map<Block, Integer> widths = new EnumMap<>(Block.class);
        for (Block b : Block.values()) {
            widths.put(b, width(b));
        }
        return widths;
    }
}
