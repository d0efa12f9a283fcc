package io.github.richness.report;

import io.github.richness.record.RichnessRecord;
import java.util.List;

/**
 * What {@link JsonLinesReporter#readWithSkipped} read from a records file: every complete record, and the
 * lines it skipped because they were not one (a record cut short by a crash).
 *
 * @param records the complete records, in file order
 * @param skipped the lines skipped, in file order (empty for an intact file)
 */
public record RecordsRead(List<RichnessRecord> records, List<SkippedLine> skipped) {

    /** Copies both lists. */
    public RecordsRead {
        records = List.copyOf(records);
        skipped = List.copyOf(skipped);
    }

    /**
     * A line that was not a complete record.
     *
     * @param line its number, from 1
     * @param reason why it was skipped, with the start of its text
     */
    public record SkippedLine(int line, String reason) {
    }
}
