package io.github.richness.listener;

import io.github.richness.record.RichnessRecord;
import io.github.richness.report.RichnessReporter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each record to every reporter. A reporter that throws anything, an {@code Error} included (for example
 * a {@code NoClassDefFoundError} for an optional dependency that is missing), does not stop training or the
 * other reporters: its first failure of each cause is logged with the stack trace, later ones as one line.
 * Used by the listener and by the distributed measurement ({@code io.github.richness.spark}); not thread-safe.
 */
public final class ReporterDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(RichnessListener.class);

    private final List<RichnessReporter> reporters;
    private final Set<String> seen = new HashSet<>();

    /** @param reporters where records go, in this order */
    public ReporterDispatch(List<RichnessReporter> reporters) {
        this.reporters = reporters;
    }

    /** @param record the record to hand to every reporter; never throws */
    public void report(RichnessRecord record) {
        for (RichnessReporter reporter : reporters) {
            try {
                reporter.report(record);
            } catch (Throwable e) {
                String name = reporter.getClass().getSimpleName();
                if (seen.add(name + ": " + e.getClass().getName() + ": " + e.getMessage())) {
                    LOG.warn("Richness reporter {} failed; training and the other reporters continue", name, e);
                } else {
                    LOG.warn("Richness reporter {} failed again ({}: {})", name, e.getClass().getSimpleName(),
                            e.getMessage());
                }
            }
        }
    }
}
