package io.github.richness.report;

import io.github.richness.record.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text file that records are appended to, one implementation for every file reporter: it checks the
 * destination, applies the {@link ExistingFile} policy once, and appends each record's text durably.
 *
 * <ul>
 * <li>At creation (the listener's {@code build()}), without touching anything: a path that is a folder, a
 *     parent that is a file, a file or folder that cannot be written, a file that {@link ExistingFile#REFUSE}
 *     refuses, or a file whose header is not this one (for {@link ExistingFile#APPEND}) is an
 *     {@link IllegalArgumentException} that says which.</li>
 * <li>At the first record: the parent folders are created, then the policy applied (a new or replaced file
 *     gets the header; an appended one whose last line was cut short gets a line break first).</li>
 * <li>Each record: one append, written through to the storage device ({@code DSYNC}) before the call
 *     returns, so a crash loses at most the record being written. If the file was deleted meanwhile it is
 *     created again, with its header. A record that cannot be written is an {@link IOException} whose message
 *     is the same for every record while the cause lasts (the listener logs the first with its stack trace,
 *     the next ones as one line each); when the file can be written again, the records missed are counted in
 *     the log.</li>
 * </ul>
 */
final class RecordFile {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);
    private static final OpenOption[] APPEND = {StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE, StandardOpenOption.DSYNC};
    private static final OpenOption[] FRESH = {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE, StandardOpenOption.DSYNC};

    private final Path file;
    private final ExistingFile policy;
    private final String header;
    private final String kind;
    private boolean prepared;
    private int missed;

    /**
     * @param file the file
     * @param policy what to do with records already in it
     * @param header the first line of a new file (without line break), or null for none
     * @param kind what the file is, for messages (e.g. {@code JSON Lines file})
     * @throws IllegalArgumentException if the file is null or cannot be used, saying why
     */
    RecordFile(Path file, ExistingFile policy, String header, String kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (file == null) {
            throw new IllegalArgumentException("the " + kind + " must not be null");
        }
        if (policy == null) {
            throw new IllegalArgumentException("the policy for an existing " + kind + " must not be null");
        }
        this.file = file.toAbsolutePath().normalize();
        this.policy = policy;
        this.header = header;
        try {
            check();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** @return the file, as an absolute path */
    Path file() {
        return file;
    }

    /**
     * Appends text; at the first call, applies the policy first.
     *
     * @param text one or more complete lines, each ending with a line break
     * @param runId the run whose record this is (for the log of an append to earlier records), or null
     * @throws IOException if it could not be written, with a message that names the file and the cause
     */
    synchronized void append(String text, String runId) throws IOException {
        try {
            if (!prepared) {
                prepare(runId);
                prepared = true;
            }
            boolean headerMissing = header != null && (!Files.exists(file) || Files.size(file) == 0);
            Files.writeString(file, headerMissing ? header + '\n' + text : text, StandardCharsets.UTF_8, APPEND);
        } catch (IOException e) {
            missed++;
            throw new IOException("cannot write to the " + kind + " " + file + " (" + cause(e)
                    + "): records are not saved to it until it can be written again; training goes on", e);
        }
        if (missed > 0) {
            LOG.warn("Richness: the {} {} is written again; the {} records before this one are missing from it", kind,
                    file, missed);
            missed = 0;
        }
    }

    /** @return the cause in a few words: a file system's reason without the path repeated, else the exception */
    private static String cause(IOException e) {
        if (e instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private void check() throws IOException {
        Path ancestor = file.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor != null && !Files.isDirectory(ancestor)) {
            throw new IOException("the " + kind + " " + file + " cannot be created: " + ancestor
                    + " is a file, not a folder");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("the " + kind + " " + file + " is a folder, not a file");
        }
        if (!Files.exists(file)) {
            if (ancestor != null && !Files.isWritable(ancestor)) {
                throw new IOException("the " + kind + " " + file + " cannot be created: the folder " + ancestor
                        + " is not writable");
            }
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("the " + kind + " " + file + " is not a regular file");
        }
        if (!writable()) {
            throw new IOException("the " + kind + " " + file + " is not writable (read-only?)");
        }
        if (Files.size(file) == 0) {
            return;
        }
        if (policy == ExistingFile.REFUSE) {
            throw new IOException("the " + kind + " " + file + " already holds records and the policy is "
                    + "ExistingFile.REFUSE: choose another file, or ExistingFile.APPEND (this run after them) or "
                    + "ExistingFile.REPLACE (this run only)");
        }
        if (policy == ExistingFile.APPEND && header != null && !header.equals(firstLine())) {
            throw new IOException("the " + kind + " " + file + " starts with another header than this version's "
                    + "(written by another version of dl4j-richness?): appending would misalign its columns; choose "
                    + "ExistingFile.REPLACE or another file");
        }
    }

    /** Opening for writing (which changes nothing) is the only test that holds for every user, root included. */
    private boolean writable() {
        if (!Files.isWritable(file)) {
            return false;
        }
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String firstLine() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.readLine();
        }
    }

    private void prepare(String runId) throws IOException {
        check();
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean holdsRecords = Files.exists(file) && Files.size(file) > 0;
        if (!holdsRecords || policy == ExistingFile.REPLACE) {
            Files.writeString(file, header == null ? "" : header + '\n', StandardCharsets.UTF_8, FRESH);
            if (holdsRecords) {
                LOG.info("Richness: the records of earlier runs in {} are deleted (ExistingFile.REPLACE)", file);
            }
            return;
        }
        if (!endsWithLineBreak()) {
            Files.writeString(file, "\n", StandardCharsets.UTF_8, APPEND);
            LOG.warn("Richness: the last line of {} was cut short (a run stopped while writing it?): it is closed"
                    + " with a line break, and readers skip it", file);
        }
        LOG.info("Richness: {} is appended to {}, after the records of earlier runs (ExistingFile.APPEND: the"
                + " reports tell the runs apart by their run ids)", runId == null ? "this run"
                : "run " + Run.shortId(runId), file);
    }

    private boolean endsWithLineBreak() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }
}
