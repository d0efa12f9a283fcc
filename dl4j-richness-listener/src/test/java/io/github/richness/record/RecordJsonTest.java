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
        assertTrue(json.contains("\"eigenvalues\":[]"), json);
        assertEquals(Map.of(), RecordJson.fromJson(json).provenance().estimators());
    }
}
