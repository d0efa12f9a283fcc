package io.github.richness.ui;

import io.github.richness.record.RecordJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The richness entries of the storages attached to the UI, as the JSON answers of {@link RichnessModule}'s
 * routes. Reads the storages on each request (nothing is cached, so a storage that another process is still
 * filing into, or a re-opened {@code FileStatsStorage}, is always seen as it is now).
 *
 * <p>Sessions: {@code [{"session", "label", "workers": [...], "records", "last_update_ms"}]}, newest first.
 * Records: {@code {"session", "records": [{"worker", "stored_ms", ...the record's JSON (RecordJson)...}]}}, its
 * {@code layers} included, in storage order; with {@code since}, only the entries stored after that key, so a
 * page that polls gets each record once. An unknown session gives {@code "records": []}. An entry whose record cannot be read (written
 * by an incompatible version) is left out with a warning in the log.
 */
public final class StoredRichness {

    private static final Logger LOG = LoggerFactory.getLogger(StoredRichness.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();

    /** @param storage a storage attached to the UI */
    public void attach(StatsStorage storage) {
        if (!storages.contains(storage)) {
            storages.add(Objects.requireNonNull(storage, "storage"));
        }
    }

    /** @param storage a storage detached from the UI */
    public void detach(StatsStorage storage) {
        storages.remove(storage);
    }

    /** @return the sessions holding richness records, as a JSON array, newest first */
    public String sessionsJson() {
        List<ObjectNode> sessions = new ArrayList<>();
        for (StatsStorage storage : storages) {
            for (String session : storage.listSessionIDs()) {
                List<String> workers = storage.listWorkerIDsForSessionAndType(session, RichnessPersistable.TYPE_ID);
                if (!workers.isEmpty()) {
                    sessions.add(describe(storage, session, workers));
                }
            }
        }
        sessions.sort(Comparator.comparingLong((ObjectNode s) -> s.path("last_update_ms").asLong()).reversed());
        ArrayNode array = MAPPER.createArrayNode();
        sessions.forEach(array::add);
        return array.toString();
    }

    /**
     * @param session a session ID
     * @param since only entries stored after this key (use {@code Long.MIN_VALUE} for all)
     * @return the session's records as a JSON object
     */
    public String recordsJson(String session, long since) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("session", session);
        ArrayNode records = answer.putArray("records");
        for (StatsStorage storage : storages) {
            if (!storage.sessionExists(session)) {
                continue;
            }
            for (Persistable entry : storage.getAllUpdatesAfter(session, RichnessPersistable.TYPE_ID, since)) {
                if (entry instanceof RichnessPersistable richness) {
                    ObjectNode node = MAPPER.createObjectNode();
                    node.put("worker", richness.getWorkerID());
                    node.put("stored_ms", richness.getTimeStamp());
                    try {
                        node.setAll((ObjectNode) RecordJson.toTree(richness.record()));
                        records.add(node);
                    } catch (IllegalArgumentException e) {
                        LOG.warn("Richness entry {} left off the page: {}", richness, e.getMessage());
                    }
                }
            }
        }
        return answer.toString();
    }

    private static ObjectNode describe(StatsStorage storage, String session, List<String> workers) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("session", session);
        StringBuilder label = new StringBuilder();
        ArrayNode workerArray = node.putArray("workers");
        int count = 0;
        long last = Long.MIN_VALUE;
        for (String worker : workers) {
            workerArray.add(worker);
            count += storage.getNumUpdateRecordsFor(session, RichnessPersistable.TYPE_ID, worker);
            Persistable latest = storage.getLatestUpdate(session, RichnessPersistable.TYPE_ID, worker);
            if (latest != null) {
                last = Math.max(last, latest.getTimeStamp());
            }
            if (storage.getStaticInfo(session, RichnessPersistable.TYPE_ID, worker) instanceof RichnessPersistable info
                    && label.isEmpty()) {
                label.append(info.payload());
            }
        }
        node.put("label", label.toString());
        node.put("records", count);
        node.put("last_update_ms", last);
        return node;
    }
}
