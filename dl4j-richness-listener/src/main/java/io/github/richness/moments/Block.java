package io.github.richness.moments;

/**
 * The column groups that {@link ProbeMoments} accumulates side by side, in this order.
 *
 * <p>Keeping them in one concatenated sample vector z = [φ, f̂, y, φ₀] makes a single co-moment matrix hold
 * every cross product the maths needs (Φᵀ Φ, Φᵀ F, Fᵀ F, Φᵀ Y, Yᵀ Y, Φ₀ᵀ Φ, …) with no block computed twice
 * beyond symmetry.
 */
public enum Block {
    /** Penultimate-layer features Φ (n × p), the input of the last layer. */
    FEATURES,
    /** Network outputs f̂ (n × C), the last layer's linear output. */
    OUTPUTS,
    /** Targets f* (n × t), usually one-hot labels; used for the cumulative quality Π* and class statistics. */
    TARGETS,
    /** Features of the same probe samples under a reference model (the initialisation), for S_init. */
    REFERENCE
}
