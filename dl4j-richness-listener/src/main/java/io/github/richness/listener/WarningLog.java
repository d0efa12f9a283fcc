package io.github.richness.listener;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the warnings of a run's records, each kind once: the record keeps every warning, the log says each
 * caveat the first time it appears (a warning at every epoch would bury the training log). Two warnings are of
 * the same kind when they differ only in their numbers ("n = 128 ≤ p = 512" and "n = 256 ≤ p = 512" are one
 * kind). Logged by the logger {@code io.github.richness.listener.WarningLog}, so that they can be silenced apart
 * from the listener's own messages. Not thread-safe: one per listener or distributed measurement.
 */
public final class WarningLog {

    private static final Logger LOG = LoggerFactory.getLogger(WarningLog.class);
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");

    private final Set<String> logged = new HashSet<>();

    /**
     * @param warnings a record's warnings
     */
    public void log(List<String> warnings) {
        for (String warning : warnings) {
            if (logged.add(kind(warning))) {
                LOG.warn("Richness: {} (this kind of warning is logged once; every record keeps it)", warning);
            }
        }
    }

    /** @return the warning with its numbers replaced by {@code #} */
    static String kind(String warning) {
        return NUMBER.matcher(warning).replaceAll("#");
    }
}
