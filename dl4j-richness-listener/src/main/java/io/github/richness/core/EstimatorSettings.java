package io.github.richness.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed settings of this package's estimators, by name, for records' provenance: a records file then says
 * with which tolerances and ridges its numbers were computed.
 */
public final class EstimatorSettings {

    private EstimatorSettings() {
    }

    /**
     * @return {@code eigenvalue_floor} (eigenvalues at or below it × ρ_1 are dropped from Π, {@link Spectrum}),
     *         {@code rank_tolerance} (relative eigenvalue at or below which an output or target direction is not
     *         part of the span, {@link OrthonormalBasis}), {@code eigenfunction_drop_tolerance} (relative residual
     *         at or below which an eigenfunction is dependent, {@link OrderedCholesky}) and {@code nc1_ridge}
     *         (the ε of Σ_b + εI, appendix H.2), as text
     */
    public static Map<String, String> current() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("eigenvalue_floor", Double.toString(Spectrum.RELATIVE_EIGENVALUE_FLOOR));
        settings.put("rank_tolerance", Double.toString(OrthonormalBasis.RELATIVE_RANK_TOLERANCE));
        settings.put("eigenfunction_drop_tolerance", Double.toString(OrderedCholesky.RESIDUAL_DROP_TOLERANCE));
        settings.put("nc1_ridge", Double.toString(CollapseBaselines.BETWEEN_CLASS_RIDGE));
        return settings;
    }
}
