package io.github.richness.report;

import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each record as one line of JSON ({@link RecordJson}) to a file: the complete history of a run,
 * spectra included, for plotting or for {@code richness-report}. What happens to records already in the file
 * is an {@link ExistingFile} policy (default {@link ExistingFile#APPEND}: this run after them, told apart by
 * its run id); the file is checked when the reporter is created and written from the first record on
 * ({@code RecordFile}: parents created, one durable append per record).
 *
 * <p>A crash loses at most the record being written. A line cut short that way is skipped by
 * {@link #read(Path)} wherever it sits: at the end of the file, or in the middle when the program was started
 * again on the same file (the next run's first record is then on a line of its own, or, in files written by
 * earlier versions, glued to the torn line, from which it is recovered).
 */
public final class JsonLinesReporter implements RichnessReporter {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesReporter.class);
    private static final String KIND = "JSON Lines file";
    private static final String RECORD_START = "{\"version\":";
    private static final int EXCERPT = 60;

    private final RecordFile file;

    /**
     * @param file the file to write to, appending to the records already in it ({@link ExistingFile#APPEND})
     * @throws IllegalArgumentException if the file is null or cannot be written (see {@code RecordFile})
     */
    public JsonLinesReporter(Path file) {
        this(file, ExistingFile.APPEND);
    }

    /**
     * @param file the file to write to; its parent folders are created at the first record
     * @param existing what to do with records already in it
     * @throws IllegalArgumentException if the file is null or cannot be written, or {@code existing} refuses it
     */
    public JsonLinesReporter(Path file, ExistingFile existing) {
        this.file = new RecordFile(file, existing, null, KIND);
    }

    @Override
    public void report(RichnessRecord record) throws IOException {
        file.append(RecordJson.toJson(record) + "\n", record.provenance().runId());
    }

    /** @return the file written to (absolute) */
    public Path file() {
        return file.file();
    }

    /**
     * Reads a JSON Lines file of records, skipping blank lines and every line that is not a complete record
     * (a line cut short by a crash, anywhere in the file), each skipped line logged as a warning with its
     * number. Use {@link #readWithSkipped(Path)} to get the skipped lines instead.
     *
     * @param file the file
     * @return the complete records in file order
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<RichnessRecord> read(Path file) {
        RecordsRead read = readWithSkipped(file);
        for (RecordsRead.SkippedLine skipped : read.skipped()) {
            LOG.warn("Richness: {} line {} skipped: {}", file, skipped.line(), skipped.reason());
        }
        return read.records();
    }

    /**
     * Reads a JSON Lines file of records, keeping every complete record: a line that is not one is skipped
     * and listed; when such a line ends with a complete record (a torn record followed, on the same line, by the
     * next run's first record, as earlier versions wrote them), that record is kept.
     *
     * @param file the file
     * @return the complete records in file order, and the lines skipped
     * @throws UncheckedIOException if the file cannot be read
     */
    public static RecordsRead readWithSkipped(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<RichnessRecord> records = new ArrayList<>();
        List<RecordsRead.SkippedLine> skipped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                records.add(RecordJson.fromJson(line));
            } catch (IllegalArgumentException e) {
                RichnessRecord recovered = recoverGlued(line);
                String reason = "not a complete record (" + e.getMessage().lines().findFirst().orElse("") + "): "
                        + excerpt(line);
                if (recovered != null) {
                    records.add(recovered);
                    reason = "a record cut short, followed on the same line by a complete record, which is kept: "
                            + excerpt(line);
                }
                skipped.add(new RecordsRead.SkippedLine(i + 1, reason));
            }
        }
        return new RecordsRead(records, skipped);
    }

    /** @return the first complete record that starts inside the line after a torn one, or null */
    private static RichnessRecord recoverGlued(String line) {
        for (int at = line.indexOf(RECORD_START, 1); at > 0; at = line.indexOf(RECORD_START, at + 1)) {
            try {
                return RecordJson.fromJson(line.substring(at));
            } catch (IllegalArgumentException e) {
                // not a record's start: try the next one
            }
        }
        return null;
    }

    private static String excerpt(String line) {
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
    }
}
