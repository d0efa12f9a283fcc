package io.github.richness.ui;

import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.deeplearning4j.core.storage.Persistable;

/**
 * What {@link StatsStorageReporter} puts into a DL4J {@code StatsStorage}: one richness record (an update) or
 * the description of a run (static info), under the type ID {@link #TYPE_ID}, beside {@code StatsListener}'s
 * own entries.
 *
 * <p>The payload is text: a record's stable JSON form ({@link RecordJson}) for an update, the run's label for
 * static info. The binary form is a format number, the four strings (session, type, worker, payload) as
 * length-prefixed UTF-8 and the timestamp. {@code FileStatsStorage} and the remote receiver re-create the
 * object with {@code Class.forName} and the public no-argument constructor, then {@link #decode(byte[])}: this
 * class must be on the UI process's classpath (it is wherever the richness page is).
 */
public final class RichnessPersistable implements Persistable {

    /** The type ID of every richness entry in a stats storage. */
    public static final String TYPE_ID = "RichnessListener";

    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    private String sessionId;
    private String typeId;
    private String workerId;
    private long timestamp;
    private String payload;

    /** An empty entry, to be filled by {@code decode}: used by DL4J's storages, not by applications. */
    public RichnessPersistable() {
    }

    private RichnessPersistable(String sessionId, String workerId, long timestamp, String payload) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.typeId = TYPE_ID;
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.timestamp = timestamp;
        this.payload = Objects.requireNonNull(payload, "payload");
    }

    /**
     * @param sessionId the session
     * @param workerId the worker
     * @param timestamp the storage key of the update (unique per session and worker)
     * @param record the record
     * @return the update entry holding the record
     */
    public static RichnessPersistable update(String sessionId, String workerId, long timestamp, RichnessRecord record) {
        return new RichnessPersistable(sessionId, workerId, timestamp, RecordJson.toJson(record));
    }

    /**
     * @param sessionId the session
     * @param workerId the worker
     * @param timestamp when the run started
     * @param label what the run is, shown on the page (may be empty)
     * @return the static-info entry announcing the session
     */
    public static RichnessPersistable staticInfo(String sessionId, String workerId, long timestamp, String label) {
        return new RichnessPersistable(sessionId, workerId, timestamp, label);
    }

    /**
     * @return the record of an update entry
     * @throws IllegalArgumentException if this entry is static info, not a record
     */
    public RichnessRecord record() {
        return RecordJson.fromJson(payload);
    }

    /** @return the payload: a record's JSON for an update, the run's label for static info */
    public String payload() {
        return payload;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return typeId;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeInt(FORMAT);
        writeString(out, sessionId);
        writeString(out, typeId);
        writeString(out, workerId);
        out.writeLong(timestamp);
        writeString(out, payload);
        out.flush();
    }

    @Override
    public void decode(byte[] decode) {
        try {
            decode(new ByteArrayInputStream(decode));
        } catch (IOException e) {
            throw new UncheckedIOException("not a richness entry", e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        DataInputStream in = new DataInputStream(inputStream);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("richness entry of unknown format " + format + " (this version reads " + FORMAT + ")");
        }
        sessionId = readString(in);
        typeId = readString(in);
        workerId = readString(in);
        timestamp = in.readLong();
        payload = readString(in);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative string length " + length + " in a richness entry");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("richness entry cut short: " + bytes.length + " of " + length + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RichnessPersistable(" + sessionId + ", " + workerId + ", " + timestamp + ")";
    }
}
