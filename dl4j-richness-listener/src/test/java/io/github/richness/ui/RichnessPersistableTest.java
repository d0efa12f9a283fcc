package io.github.richness.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.SampleRecords;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage form of a record: every encode/decode path gives the same entry back; damage is reported. */
class RichnessPersistableTest {

    static final RichnessRecord RECORD = SampleRecords.complete(3, 0.25);

    @Test
    void encodeAndDecodeGiveTheSameEntry() {
        RichnessPersistable entry = RichnessPersistable.update("session", "worker ü", 1_700_000_000_124L, RECORD);
        RichnessPersistable fromBytes = new RichnessPersistable();
        fromBytes.decode(entry.encode());
        RichnessPersistable fromBuffer = new RichnessPersistable();
        ByteBuffer buffer = ByteBuffer.allocate(entry.encodingLengthBytes());
        entry.encode(buffer);
        buffer.flip();
        fromBuffer.decode(buffer);
        for (RichnessPersistable decoded : List.of(fromBytes, fromBuffer)) {
            assertEquals("session", decoded.getSessionID());
            assertEquals(RichnessPersistable.TYPE_ID, decoded.getTypeID());
            assertEquals("worker ü", decoded.getWorkerID());
            assertEquals(1_700_000_000_124L, decoded.getTimeStamp());
            assertEquals(RECORD, decoded.record());
        }
        RichnessPersistable info = new RichnessPersistable();
        info.decode(RichnessPersistable.staticInfo("s", "w", 7, "MNIST MLP").encode());
        assertEquals("MNIST MLP", info.payload());
        assertThrows(IllegalArgumentException.class, info::record, "static info holds no record");
    }

    @Test
    void damagedBytesAreReported() {
        byte[] bytes = RichnessPersistable.update("s", "w", 1, RECORD).encode();
        RichnessPersistable entry = new RichnessPersistable();
        assertThrows(UncheckedIOException.class, () -> entry.decode(Arrays.copyOf(bytes, bytes.length - 10)));
        bytes[3] = 9;
        assertThrows(UncheckedIOException.class, () -> entry.decode(bytes), "unknown format number");
    }
}
