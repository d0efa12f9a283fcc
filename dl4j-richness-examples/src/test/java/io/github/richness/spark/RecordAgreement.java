package io.github.richness.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.ErrorBars;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import java.util.List;

/** Asserts that two records hold the same numbers to a relative tolerance. */
final class RecordAgreement {

    /** Merging in another order changes only the order of additions: far below this. */
    static final double RELATIVE = 1e-9;

    private RecordAgreement() {
    }

    static void assertSameNumbers(RichnessRecord expected, RichnessRecord actual) {
        assertTrue(expected.ok(), String.valueOf(expected.failure()));
        assertTrue(actual.ok(), String.valueOf(actual.failure()));
        assertEquals(expected.probe(), actual.probe(), "probe sizes and widths");
        scalar("D_LR", expected.lowRankDistance(), actual.lowRankDistance());
        scalar("projection D_LR", expected.distances().projectionLowRankDistance(),
                actual.distances().projectionLowRankDistance());
        scalar("D_eff", expected.spectra().effectiveDimension(), actual.spectra().effectiveDimension());
        scalar("D_eff(Q̂)", expected.spectra().utilizationEffectiveDimension(),
                actual.spectra().utilizationEffectiveDimension());
        scalar("S_init", expected.baselines().kernelSimilarityToInit(), actual.baselines().kernelSimilarityToInit());
        scalar("‖θ‖²", expected.baselines().parameterNormSquared(), actual.baselines().parameterNormSquared());
        scalar("NC1", expected.baselines().nc1(), actual.baselines().nc1());
        scalar("Tr(Σ_W)", expected.baselines().withinClassTrace(), actual.baselines().withinClassTrace());
        array("ρ", expected.spectra().eigenvalues(), actual.spectra().eigenvalues());
        array("ρ/ρ_1", expected.spectra().relativeEigenvalues(), actual.spectra().relativeEigenvalues());
        array("Π*", expected.spectra().cumulativeQuality(), actual.spectra().cumulativeQuality());
        array("Π̂", expected.spectra().cumulativeUtilization(), actual.spectra().cumulativeUtilization());
        assertEquals(expected.spectra().droppedEigenfunctions(), actual.spectra().droppedEigenfunctions());
        scalar("debiased D_LR", expected.distances().debiasedLowRankDistance(),
                actual.distances().debiasedLowRankDistance());
        scalar("d_lr_lazy", expected.distances().lazyLowRankDistance(), actual.distances().lazyLowRankDistance());
        scalar("⟨1|e₁⟩", expected.spectra().constantModeOverlap(), actual.spectra().constantModeOverlap());
        assertEquals(expected.spectra().trustedEigenvalues(), actual.spectra().trustedEigenvalues(), "trust limit");
        if (Provenance.SPARK.equals(actual.provenance().source())) {
            assertEquals(ErrorBars.NONE, actual.distances().standardErrors(), "no jackknife blocks on Spark");
            assertTrue(actual.warnings().stream().anyMatch(w -> w.startsWith("standard errors not measured")),
                    "a Spark record says it has no standard errors: " + actual.warnings());
        }
        assertEquals(withoutErrorBarNotes(expected), withoutErrorBarNotes(actual));
    }

    /** @return the warnings but those about standard errors (the listener keeps jackknife blocks, Spark does not) */
    private static List<String> withoutErrorBarNotes(RichnessRecord record) {
        return record.warnings().stream().filter(w -> !w.startsWith("standard error")).toList();
    }

    private static void scalar(String name, double expected, double actual) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), name + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, RELATIVE * Math.max(Math.abs(expected), 1e-12), name);
    }

    /** Entries relative to the array's largest (an eigenvalue near zero is known to ρ_1's precision only). */
    private static void array(String name, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, name + " length");
        double scale = 0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], RELATIVE * scale, name + "[" + k + "]");
        }
    }
}
