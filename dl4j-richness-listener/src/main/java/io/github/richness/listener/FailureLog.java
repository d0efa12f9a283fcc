package io.github.richness.listener;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed measurements without flooding the log: the first failure of each cause (exception class and
 * message) with its stack trace, every later one of the same cause as one line. A persistent failure (an
 * unsupported model measured at every iteration) then costs one line per measurement, not a stack trace.
 * Used by the listener and by the distributed measurement ({@code io.github.richness.spark}); not thread-safe.
 */
public final class FailureLog {

    private static final Logger LOG = LoggerFactory.getLogger(RichnessListener.class);
    /** Distinct causes remembered; beyond this every failure is logged as one line. */
    private static final int MAX_CAUSES = 64;

    private final Set<String> seen = new HashSet<>();

    /**
     * @param epoch the epoch of the failed measurement
     * @param iteration its iteration
     * @param failure the cause
     */
    public void log(int epoch, int iteration, Throwable failure) {
        String cause = failure.getClass().getName() + ": " + failure.getMessage();
        if (seen.size() < MAX_CAUSES && seen.add(cause)) {
            LOG.warn("Richness measurement at epoch {}, iteration {} failed; training continues", epoch, iteration,
                    failure);
        } else {
            LOG.warn("Richness measurement at epoch {}, iteration {} failed again ({}); training continues", epoch,
                    iteration, cause);
        }
    }
}
