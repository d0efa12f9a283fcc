package io.github.richness.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.report.JsonLinesReporter;
import io.github.richness.testing.SampleRecords;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/** The record's JSON form: every part round-trips, version 1 files stay readable, unknown keys are ignored. */
class RecordJsonTest {

    @Test
    void everyPartRoundTrips() {
        RichnessRecord complete = SampleRecords.complete(3, 0.125);
        RichnessRecord back = RecordJson.fromJson(RecordJson.toJson(complete));
        assertEquals(complete, back);
        assertEquals(complete.when(), back.when());
        assertEquals(complete.provenance(), back.provenance());
        assertEquals(complete.probe(), back.probe());
        assertEquals(complete.distances(), back.distances());
        assertEquals(complete.spectra(), back.spectra());
        assertEquals(complete.baselines(), back.baselines());
        assertEquals(complete.warnings(), back.warnings());
        assertEquals(List.of("d_lr", "spectrum", "projections"), List.copyOf(back.provenance().probes().keySet()));
        assertEquals(0.125 + 0.03, back.distances().debiasedLowRankDistance());
        assertEquals(new ErrorBars(0.0125, 0.015625), back.distances().standardErrors());
        assertEquals(0.75, back.distances().lazyLowRankDistance());
        assertEquals(2, back.spectra().trustedEigenvalues());
        assertEquals(0.984375, back.spectra().constantModeOverlap());
        assertEquals(20, back.provenance().jackknifeBlocks());
        RichnessRecord failed = SampleRecords.failed(1, 7, "NaN in features of layer 1");
        assertEquals(failed, RecordJson.fromJson(RecordJson.toJson(failed)));
    }

    @Test
    void everyComponentTakesPartInEquality() {
        RichnessRecord record = SampleRecords.complete(3, 0.125);
        List<RichnessRecord> changed = List.of(
                record.toBuilder().when(new When(3, 301, record.when().timestampMillis(), 42)).build(),
                record.toBuilder().provenance(SampleRecords.provenance("run-b")).build(),
                record.toBuilder().probe(new Probe(2048, 4096, 128, 11)).build(),
                record.toBuilder().distances(new Distances(0.125, 0.2)).build(),
                record.toBuilder().distances(with(record.distances(), 0.5, null, Double.NaN)).build(),
                record.toBuilder().distances(with(record.distances(), Double.NaN, new ErrorBars(0.0125, 0.5),
                        Double.NaN)).build(),
                record.toBuilder().distances(with(record.distances(), Double.NaN, new ErrorBars(0.5, 0.015625),
                        Double.NaN)).build(),
                record.toBuilder().distances(with(record.distances(), Double.NaN, null, 0.5)).build(),
                record.toBuilder().spectra(withTrust(record.spectra(), 3, 0.984375)).build(),
                record.toBuilder().spectra(withTrust(record.spectra(), 2, 0.5)).build(),
                record.toBuilder().spectra(record.spectra().withoutArrays()).build(),
                record.toBuilder().baselines(new BaselineValues(0.5, 1234.5, 0.003, 17.25)).build(),
                record.toBuilder().warnings(List.of()).build(),
                record.toBuilder().failure("x").build());
        for (RichnessRecord other : changed) {
            assertNotEquals(record, other);
            assertNotEquals(RecordJson.toJson(record), RecordJson.toJson(other));
        }
        assertEquals(record, record.toBuilder().build());
        assertEquals(record.hashCode(), record.toBuilder().build().hashCode());
    }

    @Test
    void versionOneFilesWrittenBeforeProvenanceAreRead() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("format-1.jsonl").toURI());
        List<RichnessRecord> records = JsonLinesReporter.read(file);
        assertEquals(2, records.size());
        RichnessRecord first = records.get(0);
        assertEquals(0, first.epoch());
        assertEquals(16, first.iteration());
        assertEquals(0.17792981496268145, first.lowRankDistance());
        assertEquals(0.6319780303407391, first.baselines().kernelSimilarityToInit());
        assertEquals(2000, first.probe().testSamples());
        assertEquals(128, first.spectra().eigenvalues().length);
        assertEquals("layer 2", first.provenance().headName(), "name and type are taken from version 1's head");
        assertEquals("OutputLayer", first.provenance().headType());
        assertNull(first.provenance().runId(), "no run id in version 1");
        assertTrue(first.provenance().probes().isEmpty());
    }

    @Test
    void versionTwoFilesWrittenBeforeErrorBarsAreReadWithTheNewNumbersNotMeasured() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("format-2.jsonl").toURI());
        List<RichnessRecord> records = JsonLinesReporter.read(file);
        assertEquals(1, records.size());
        RichnessRecord record = records.get(0);
        assertEquals(0.16297302689707205, record.lowRankDistance());
        assertEquals(0.2717462940771107, record.distances().projectionLowRankDistance());
        assertEquals("5f0c7a3e-2b1d-4c8e-9a6f-0d3b2e1c4a57", record.provenance().runId());
        assertEquals("spectrum", record.provenance().probes().get(Provenance.SPECTRUM), "kept as written");
        assertTrue(Double.isNaN(record.distances().debiasedLowRankDistance()));
        assertEquals(ErrorBars.NONE, record.distances().standardErrors());
        assertTrue(Double.isNaN(record.distances().lazyLowRankDistance()));
        assertEquals(0, record.spectra().trustedEigenvalues());
        assertTrue(Double.isNaN(record.spectra().constantModeOverlap()));
        assertEquals(0, record.provenance().jackknifeBlocks());
        assertEquals(3, record.spectra().eigenvalues().length);
    }

    @Test
    void unknownKeysAndLaterVersionsAreRead() throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(RecordJson.toJson(SampleRecords.complete(2, 0.5)));
        node.put("version", RecordJson.VERSION + 1);
        node.put("a_future_number", 3.5);
        node.putObject("a_future_object").put("x", 1);
        RichnessRecord read = RecordJson.fromJson(node.toString());
        assertEquals(SampleRecords.complete(2, 0.5), read);
        assertThrows(IllegalArgumentException.class, () -> RecordJson.fromJson("{\"epoch\":1}"), "no version");
        assertThrows(IllegalArgumentException.class, () -> RecordJson.fromJson("[1, 2]"));
    }

    @Test
    void absentValuesFollowOneConvention() {
        RichnessRecord nothing = RichnessRecord.builder().failure("x").build();
        assertTrue(Double.isNaN(nothing.lowRankDistance()));
        assertTrue(Double.isNaN(nothing.baselines().nc1()));
        assertEquals(0, nothing.spectra().eigenvalues().length, "absent arrays are empty, never null");
        assertFalse(nothing.spectra().hasArrays());
        assertNull(nothing.provenance().runId(), "absent texts are null");
        String json = RecordJson.toJson(nothing);
        assertTrue(json.contains("\"d_lr\":null"), json);
        for (String key : List.of("d_lr_debiased", "d_lr_se", "d_lr_debiased_se", "d_lr_lazy", "constant_mode_overlap")) {
            assertTrue(json.contains("\"" + key + "\":null"), key + " in " + json);
        }
        assertTrue(json.contains("\"trusted_eigenvalues\":0"), json);
        assertEquals(nothing, RecordJson.fromJson(json));
        assertTrue(json.contains("\"eigenvalues\":[]"), json);
        assertEquals(Map.of(), RecordJson.fromJson(json).provenance().estimators());
    }

    /** @return the distances with the debiased value, the standard errors or the lazy reference replaced (NaN, null: kept) */
    private static Distances with(Distances distances, double debiased, ErrorBars errors, double lazy) {
        return new Distances(distances.lowRankDistance(), distances.projectionLowRankDistance(),
                Double.isNaN(debiased) ? distances.debiasedLowRankDistance() : debiased,
                errors == null ? distances.standardErrors() : errors,
                Double.isNaN(lazy) ? distances.lazyLowRankDistance() : lazy);
    }

    private static Spectra withTrust(Spectra spectra, int trusted, double overlap) {
        return new Spectra(spectra.eigenvalues(), spectra.relativeEigenvalues(), spectra.cumulativeQuality(),
                spectra.cumulativeUtilization(), spectra.effectiveDimension(), spectra.utilizationEffectiveDimension(),
                spectra.droppedEigenfunctions(), trusted, overlap);
    }
}
