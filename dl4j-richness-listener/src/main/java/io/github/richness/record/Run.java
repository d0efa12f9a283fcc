package io.github.richness.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The records of one training run, with the label that names it in a legend: what the reports and the
 * {@code richness-report} command draw as one series.
 *
 * <p>{@link #split} finds the runs in a records file. Records that carry a run id ({@link Provenance#runId()},
 * one per listener) belong to the run of that id, wherever they are in the file. Records without one (files of
 * format version 1, written before run ids existed) are cut into runs where the iteration goes backwards: a
 * program started again on the same file appended a second run whose iterations start again (for example from
 * 630 back to 63).
 *
 * @param label what a legend calls this run, e.g. {@code richness.jsonl · run 1a2b3c4d}
 * @param runId the run id of its records, or null for records without one
 * @param records its records, in file order (at least one)
 */
public record Run(String label, String runId, List<RichnessRecord> records) {

    /** The characters of a run id shown in labels: enough to tell a few runs apart (a UUID has 36). */
    public static final int SHORT_ID_LENGTH = 8;

    /** Checks the label and copies the records. */
    public Run {
        Objects.requireNonNull(label, "label");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one record");
        }
    }

    /**
     * Splits records into runs, labelled: with one run, by {@code source} (or {@code run} and the short id when
     * there is no source); with several, by {@code source}, a middle dot, and {@code run} with the short run id
     * (or {@code run #i}, the run's position, for records without an id).
     *
     * @param records records in file order (may be empty)
     * @param source where they come from (e.g. the file's name), or null
     * @return the runs, in the order of their first record
     */
    public static List<Run> split(List<RichnessRecord> records, String source) {
        Map<Object, List<RichnessRecord>> runs = new LinkedHashMap<>();
        List<RichnessRecord> withoutId = null;
        RichnessRecord previous = null;
        for (RichnessRecord record : records) {
            String id = record.provenance().runId();
            if (id != null) {
                runs.computeIfAbsent(id, key -> new ArrayList<>()).add(record);
                withoutId = null;
            } else {
                boolean continues = withoutId != null && previous != null && previous.provenance().runId() == null
                        && record.iteration() >= previous.iteration();
                if (!continues) {
                    withoutId = new ArrayList<>();
                    runs.put(new Object(), withoutId);
                }
                withoutId.add(record);
            }
            previous = record;
        }
        List<Run> split = new ArrayList<>();
        int position = 0;
        for (Map.Entry<Object, List<RichnessRecord>> run : runs.entrySet()) {
            position++;
            String id = run.getKey() instanceof String text ? text : null;
            String name = id != null ? "run " + shortId(id) : "run #" + position;
            String label = source == null ? name : runs.size() == 1 ? source : source + " · " + name;
            split.add(new Run(label, id, run.getValue()));
        }
        return split;
    }

    /**
     * @param runId a run id (not null)
     * @return its first {@value #SHORT_ID_LENGTH} characters, the form labels and logs show
     */
    public static String shortId(String runId) {
        return runId.substring(0, Math.min(SHORT_ID_LENGTH, runId.length()));
    }

    /**
     * @param newLabel another label, e.g. one given by the user
     * @return this run under that label
     */
    public Run withLabel(String newLabel) {
        return new Run(newLabel, runId, records);
    }
}
