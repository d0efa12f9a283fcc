package io.github.richness.report;

import io.github.richness.record.RichnessRecord;

/**
 * Step five of the data flow: where records go (a log line, a file, the DL4J training UI, a report).
 *
 * <p>The listener calls {@link #report} on the training thread after each measurement, failed ones
 * included. An exception thrown by a reporter is logged by the listener and does not stop training or the
 * other reporters. Implementations should be quick (a measurement happens once per epoch or every N
 * iterations) and must not keep ND4J arrays: a record holds plain Java values only.
 */
@FunctionalInterface
public interface RichnessReporter {

    /**
     * @param record the new measurement
     * @throws Exception if the record could not be delivered; logged by the listener
     */
    void report(RichnessRecord record) throws Exception;
}
