package io.github.richness.testing;

import io.github.richness.record.BaselineValues;
import io.github.richness.record.Distances;
import io.github.richness.record.ErrorBars;
import io.github.richness.record.LayerRichness;
import io.github.richness.record.Probe;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Spectra;
import io.github.richness.record.When;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records for reporter, storage and figure tests: one shared fixture instead of a constructor call per test. */
public final class SampleRecords {

    private SampleRecords() {
    }

    /**
     * @param runId the run
     * @return a listener's provenance with every field set, maps included
     */
    public static Provenance provenance(String runId) {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put(Provenance.D_LR, Provenance.TEST_PROBE);
        probes.put(Provenance.SPECTRUM, Provenance.TRAINING_PROBE);
        probes.put(Provenance.PROJECTIONS, Provenance.TEST_PROBE);
        Map<String, String> estimators = new LinkedHashMap<>();
        estimators.put("nc1_ridge", "1.0E-4");
        estimators.put(Provenance.JACKKNIFE_BLOCKS, "20");
        return new Provenance(runId, "9.9.9-test", Provenance.LISTENER, "PRE_ACTIVATION", "layer 2", "OutputLayer",
                4096, true, true, "openblas", probes, estimators);
    }

    /**
     * @param epoch the epoch (the iteration is 100 × epoch)
     * @param lowRankDistance D_LR
     * @return a successful record with every part set: the debiased D_LR, standard errors and the lazy
     *         reference, spectra of 3 entries with a trust limit and ⟨1|e₁⟩, S_init not measured (NaN), a
     *         warning with quotes and non-ASCII text
     */
    public static RichnessRecord complete(int epoch, double lowRankDistance) {
        return RichnessRecord.builder()
                .when(new When(epoch, 100 * epoch, 1_700_000_000_000L + epoch, 42))
                .provenance(provenance("run-a"))
                .probe(new Probe(2048, 4096, 128, 10))
                .distances(new Distances(lowRankDistance, lowRankDistance + 0.01, lowRankDistance + 0.03,
                        new ErrorBars(0.0125, 0.015625), 0.75))
                .spectra(new Spectra(new double[] {3.0, 1.5, 0.25}, new double[] {1.0, 0.5, 1.0 / 12},
                        new double[] {0.1, 0.6, 1.0}, new double[] {0.2, 0.7, 0.9}, 9.75, 8.5, 1, 2, 0.984375))
                .baselines(new BaselineValues(Double.NaN, 1234.5, 0.003, 17.25))
                .warnings(List.of("n ≤ p: \"few\" samples — ünïcödé"))
                .build();
    }

    /**
     * @param epoch the epoch
     * @param iteration the iteration
     * @param cause the failure
     * @return a failed record of run {@code run-a}
     */
    public static RichnessRecord failed(int epoch, int iteration, String cause) {
        return RichnessRecord.builder().when(new When(epoch, iteration, 1_700_000_000_500L + iteration, 3))
                .provenance(provenance("run-a")).failure(cause).build();
    }

    /**
     * @param runId the run
     * @param epoch the epoch
     * @param iteration the iteration
     * @param lowRankDistance D_LR
     * @param spectra the spectra
     * @param baselines the baselines
     * @return a successful record with the given numbers
     */
    public static RichnessRecord of(String runId, int epoch, int iteration, double lowRankDistance, Spectra spectra,
                                    BaselineValues baselines) {
        return RichnessRecord.builder().when(new When(epoch, iteration, 1_700_000_000_000L + iteration, 5))
                .provenance(provenance(runId)).probe(new Probe(100, 100, spectra.eigenvalues().length, 3))
                .distances(new Distances(lowRankDistance, 1.5 * lowRankDistance)).spectra(spectra)
                .baselines(baselines).build();
    }

    /**
     * @param records records in order (measurement t at position t)
     * @return the same records with three layers whose D_LR_l = max(0, 0.9 − 0.1·t·(l + 1)) falls with depth and
     *         time and S_init_l = 1 − 0.05·t·l; {@code layer 2} channel-pooled, the others flattened
     */
    public static List<RichnessRecord> withLayers(List<RichnessRecord> records) {
        List<RichnessRecord> result = new ArrayList<>();
        for (int t = 0; t < records.size(); t++) {
            List<LayerRichness> layers = new ArrayList<>();
            for (int l = 0; l < 3; l++) {
                double distance = Math.max(0, 0.9 - 0.1 * t * (l + 1));
                layers.add(new LayerRichness("layer " + l, "DenseLayer", l == 2 ? LayerRichness.CHANNEL_POOLED
                        : LayerRichness.FLATTENED, 16, distance, distance, 0.01, 0.01, Double.NaN, 3.0,
                        1.0 - 0.05 * t * l, Double.NaN));
            }
            result.add(records.get(t).toBuilder().layers(layers).build());
        }
        return result;
    }
}
