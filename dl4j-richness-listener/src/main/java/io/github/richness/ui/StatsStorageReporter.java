package io.github.richness.ui;

import io.github.richness.record.RichnessRecord;
import io.github.richness.report.RichnessReporter;
import java.util.Objects;
import java.util.UUID;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.deeplearning4j.ui.model.storage.impl.JavaStorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends richness records to a DL4J {@code StatsStorageRouter} ({@code InMemoryStatsStorage},
 * {@code FileStatsStorage} or {@code RemoteUIStatsStorageRouter}), where the richness page of the training UI
 * ({@link RichnessModule}) reads them. Records go in as {@link RichnessPersistable} updates under the type ID
 * {@link RichnessPersistable#TYPE_ID}, so {@code StatsListener}'s own entries are left as they are.
 *
 * <p>Before the first record the reporter puts the storage metadata and one static-info entry (the run's
 * label) for its session and worker, so that the page lists the session, and logs once where the page is (DL4J's UI
 * has no link to a module's page: it is reached by its URL). Storages key updates by
 * timestamp: a record measured in the same millisecond as the previous one is stored one millisecond later,
 * so no record overwrites another.
 *
 * <pre>{@code
 * StatsStorage storage = new InMemoryStatsStorage();
 * StatsListener stats = new StatsListener(storage);
 * RichnessListener richness = RichnessListener.builder(probe)
 *         .reportTo(StatsStorageReporter.besides(stats))   // same storage and session as the training page
 *         .build();
 * net.addListeners(stats, richness);
 * UIServer.getInstance().attach(storage);                   // then open http://localhost:9000/richness
 * }</pre>
 */
public final class StatsStorageReporter implements RichnessReporter {

    private static final Logger LOG = LoggerFactory.getLogger(StatsStorageReporter.class);

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String workerId;
    private final String label;
    private boolean announced;
    private long lastTimestamp = Long.MIN_VALUE;

    /**
     * @param router where to put the entries
     * @param sessionId the session to file them under (a {@code StatsListener}'s session shows both pages)
     * @param workerId the worker (one per model measured in the session)
     * @param label what the run is, shown on the page (may be empty)
     */
    public StatsStorageReporter(StatsStorageRouter router, String sessionId, String workerId, String label) {
        this.router = Objects.requireNonNull(router, "router");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.label = Objects.requireNonNull(label, "label");
    }

    /**
     * @param router where to put the entries, under a new random session ID and worker "0"
     * @return the reporter
     */
    public static StatsStorageReporter to(StatsStorageRouter router) {
        return new StatsStorageReporter(router, UUID.randomUUID().toString(), "0", "");
    }

    /**
     * @param statsListener DL4J's {@code StatsListener} (or another {@code BaseStatsListener}) of the same run
     * @return a reporter that writes to its router under its session and worker IDs, so the training page and
     *         the richness page show the same session
     */
    public static StatsStorageReporter besides(BaseStatsListener statsListener) {
        return new StatsStorageReporter(statsListener.getStorageRouter(), statsListener.getSessionID(),
                statsListener.getWorkerID(), "");
    }

    /** @return the session the records are filed under */
    public String sessionId() {
        return sessionId;
    }

    /** @return the worker the records are filed under */
    public String workerId() {
        return workerId;
    }

    @Override
    public synchronized void report(RichnessRecord record) {
        long timestamp = Math.max(record.when().timestampMillis(), lastTimestamp + 1);
        if (!announced) {
            router.putStorageMetaData(new JavaStorageMetaData(timestamp, sessionId, RichnessPersistable.TYPE_ID,
                    workerId, RichnessPersistable.class, RichnessPersistable.class));
            router.putStaticInfo(RichnessPersistable.staticInfo(sessionId, workerId, timestamp, label));
            announced = true;
            LOG.info("Richness: records of session {} go to the training UI's storage; the UI server shows them at"
                    + " /richness (http://localhost:9000/richness with UIServer's default port)", sessionId);
        }
        router.putUpdate(RichnessPersistable.update(sessionId, workerId, timestamp, record));
        lastTimestamp = timestamp;
    }
}
