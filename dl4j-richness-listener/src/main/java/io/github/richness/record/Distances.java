package io.github.richness.record;

/**
 * The low-rank distances of a measurement (eq. 4). NaN means not measured or undefined; the record's warnings
 * say which.
 *
 * @param lowRankDistance D_LR = 1 − CKA(Φ, f̂), eq. 4 as computed in appendix E.1: 0 richest, 1 laziest
 * @param projectionLowRankDistance D_LR with f̂ replaced by an orthonormal basis of its span (Definition 1
 *        taken literally)
 */
public record Distances(double lowRankDistance, double projectionLowRankDistance) {

    /** Nothing measured. */
    public static final Distances NONE = new Distances(Double.NaN, Double.NaN);
}
