package io.github.richness.report;

import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends each record as one line of JSON ({@link RecordJson}) to a file: the complete history of a run,
 * spectra included, for plotting or for {@code richness-report}.
 *
 * <p>Each record is written and flushed by its own append, so a crash loses at most the record being
 * written and every earlier line stays readable. {@link #read(Path)} skips a truncated last line.
 */
public final class JsonLinesReporter implements RichnessReporter {

    private final Path file;

    /**
     * @param file the file to append to; its parent directories are created; an existing file is appended to
     */
    public JsonLinesReporter(Path file) {
        this.file = file;
    }

    @Override
    public void report(RichnessRecord record) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, RecordJson.toJson(record) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
    }

    /** @return the file written to */
    public Path file() {
        return file;
    }

    /**
     * Reads a JSON Lines file of records, skipping blank lines and a last line cut short by a crash.
     *
     * @param file the file
     * @return the records in file order
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if a line other than the last is not a record (naming the line)
     */
    public static List<RichnessRecord> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<RichnessRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                records.add(RecordJson.fromJson(line));
            } catch (IllegalArgumentException e) {
                if (i < lines.size() - 1) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return records;
    }
}
