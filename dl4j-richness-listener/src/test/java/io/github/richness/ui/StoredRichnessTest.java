package io.github.richness.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.When;
import io.github.richness.testing.SampleRecords;
import java.util.List;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The routes' JSON, straight from storages: what the reporter filed, in order, and nothing else. */
class StoredRichnessTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void recordsOfOneSessionInStorageOrderWithSameMillisecondRecordsKept() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageReporter reporter = new StatsStorageReporter(storage, "run-1", "w0", "Iris MLP");
        RichnessRecord failed = SampleRecords.failed(4, 160, "NaN activations").toBuilder()
                .when(new When(4, 160, RichnessPersistableTest.RECORD.when().timestampMillis(), 3)).build();
        reporter.report(RichnessPersistableTest.RECORD);
        reporter.report(failed);
        StatsStorageReporter.to(storage).report(failed);
        StoredRichness stored = new StoredRichness();
        stored.attach(storage);

        JsonNode records = MAPPER.readTree(stored.recordsJson("run-1", Long.MIN_VALUE)).path("records");
        assertEquals(2, records.size(), "a record in the same millisecond is filed one millisecond later");
        assertEquals(RichnessPersistableTest.RECORD, RecordJson.fromJson(records.get(0).toString()));
        assertEquals(failed, RecordJson.fromJson(records.get(1).toString()));
        assertEquals(records.get(0).path("stored_ms").asLong() + 1, records.get(1).path("stored_ms").asLong());
        assertEquals("w0", records.get(0).path("worker").asText());

        JsonNode sessions = MAPPER.readTree(stored.sessionsJson());
        assertEquals(2, sessions.size(), "two reporters, two sessions");
        JsonNode first = sessions.get(0).path("session").asText().equals("run-1") ? sessions.get(0) : sessions.get(1);
        assertEquals("Iris MLP", first.path("label").asText());
        assertEquals(2, first.path("records").asInt());
        stored.detach(storage);
        assertEquals("[]", stored.sessionsJson());
    }

    @Test
    void unreadableEntriesAreLeftOut() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageReporter reporter = new StatsStorageReporter(storage, "s", "w", "");
        reporter.report(RichnessPersistableTest.RECORD);
        storage.putUpdate(RichnessPersistable.staticInfo("s", "w", Long.MAX_VALUE, "not a record"));
        StoredRichness stored = new StoredRichness();
        stored.attach(storage);
        assertEquals(1, MAPPER.readTree(stored.recordsJson("s", Long.MIN_VALUE)).path("records").size());
    }

    @Test
    void layersReachThePagesDataWithTheirNamesAndValues() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageReporter reporter = new StatsStorageReporter(storage, "layers", "w", "");
        List<RichnessRecord> filed = SampleRecords.withLayers(List.of(SampleRecords.complete(0, 0.5),
                SampleRecords.complete(1, 0.4), SampleRecords.complete(2, 0.3)));
        filed.forEach(reporter::report);
        StoredRichness stored = new StoredRichness();
        stored.attach(storage);

        JsonNode records = MAPPER.readTree(stored.recordsJson("layers", Long.MIN_VALUE)).path("records");
        assertEquals(3, records.size());
        JsonNode layers = records.get(2).path("layers");
        assertEquals(3, layers.size(), layers.toString());
        for (int l = 0; l < 3; l++) {
            assertEquals("layer " + l, layers.get(l).path("layer").asText());
            assertEquals(Math.max(0, 0.9 - 0.1 * 2 * (l + 1)), layers.get(l).path("d_lr").asDouble(), 0.0,
                    "D_LR_l at t = 2, as filed");
            assertEquals(1.0 - 0.05 * 2 * l, layers.get(l).path("s_init").asDouble(), 0.0, "S_init_l at t = 2");
        }
        assertEquals("channel_pooled", layers.get(2).path("features").asText());
        assertEquals(filed.get(2).layers(), RecordJson.fromJson(records.get(2).toString()).layers());
    }
}
