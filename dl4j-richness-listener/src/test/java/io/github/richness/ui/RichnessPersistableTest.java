package io.github.richness.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.richness.record.RichnessRecord;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage form of a record: every encode/decode path gives the same entry back; damage is reported. */
class RichnessPersistableTest {

    static final RichnessRecord RECORD = new RichnessRecord(3, 120, 1_700_000_000_123L, 42, "layer 2 (OutputLayer)",
            500, 400, 4, 3, 0.25, 0.3, new double[] {4, 2, 1, 0.5}, new double[] {1, 0.5, 0.25, 0.125},
            new double[] {0.4, 0.7, 0.9, 1}, new double[] {0.5, 0.8, 0.95, 1}, 2.5, 2.2, 1, 0.8, 12.5, Double.NaN,
            Double.NaN, List.of("Π: 1 of 4 eigenfunctions dropped — ünïcödé"), null);

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
