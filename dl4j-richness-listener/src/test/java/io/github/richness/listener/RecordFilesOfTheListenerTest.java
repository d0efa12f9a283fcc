package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Run;
import io.github.richness.report.ExistingFile;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.testing.ReadOnlyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.LoggerFactory;

/**
 * The listener's records files: destinations checked at {@code build()} with the argument named, the policy for
 * an existing file, two runs of a program in one file told apart, and a file that stops being writable during
 * training (one warning with the cause, then one line per record; training and the history unaffected).
 */
class RecordFilesOfTheListenerTest {

    @TempDir
    Path dir;

    private final DataSet probe = TestModels.classData(61, 40, 12);

    @Test
    void unusableDestinationsAreRefusedAtBuildNamingTheArgument() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        assertRefused("jsonLines(null)", () -> RichnessListener.builder(probe).jsonLines(null).build());
        assertRefused("csv(null)", () -> RichnessListener.builder(probe).csv(null).build());
        assertRefused("jsonLines(" + dir + "): the JSON Lines file " + dir + " is a folder",
                () -> RichnessListener.builder(probe).jsonLines(dir).build());
        assertRefused("csv(" + aFile.resolve("x.csv") + ")", () -> RichnessListener.builder(probe)
                .csv(aFile.resolve("x.csv")).build());
        assertRefused("existingFiles must not be null", () -> RichnessListener.builder(probe).existingFiles(null)
                .jsonLines(dir.resolve("r.jsonl")).build());
        Path readOnly = Files.writeString(dir.resolve("read-only.csv"), "");
        try (ReadOnlyFile ignored = ReadOnlyFile.of(readOnly)) {
            assertRefused("csv(" + readOnly + ")", () -> RichnessListener.builder(probe).csv(readOnly).build());
        }
    }

    @Test
    void twoRunsOfAProgramAppendToOneFileAsTwoRunsAndRefuseIsStated() {
        Path file = dir.resolve("out/richness.jsonl");
        RichnessListener first = measureTwice(RichnessListener.builder(probe).jsonLines(file));
        RichnessListener second = measureTwice(RichnessListener.builder(probe).jsonLines(file));
        List<Run> runs = Run.split(JsonLinesReporter.read(file), "richness.jsonl");
        assertEquals(List.of(first.runId(), second.runId()), runs.stream().map(Run::runId).toList());
        assertEquals(List.of(first.history(), second.history()), runs.stream().map(Run::records).toList());
        assertEquals("richness.jsonl · run " + Run.shortId(first.runId()), runs.get(0).label());

        assertRefused("REFUSE", () -> RichnessListener.builder(probe).existingFiles(ExistingFile.REFUSE)
                .jsonLines(file).build());
        RichnessListener replacing = measureTwice(RichnessListener.builder(probe).existingFiles(ExistingFile.REPLACE)
                .jsonLines(file));
        assertEquals(replacing.history(), JsonLinesReporter.read(file));
    }

    @Test
    void aFileThatStopsBeingWritableGivesOneWarningThenOneLinePerRecord() throws Exception {
        Path file = dir.resolve("richness.jsonl");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(RichnessListener.class);
        log.start();
        logger.addAppender(log);
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false)
                .frequency(1, InvocationType.ITERATION_END).jsonLines(file).build();
        MultiLayerNetwork net = TestModels.dense(62, true);
        net.addListeners(listener);
        try {
            net.fit(probe);
            Files.delete(file);
            Files.createDirectory(file);
            for (int i = 0; i < 3; i++) {
                net.fit(probe);
            }
        } finally {
            logger.detachAppender(log);
        }
        assertEquals(4, listener.history().size(), "training and measuring went on");
        List<ILoggingEvent> failures = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(3, failures.size(), failures.toString());
        assertNotNull(failures.get(0).getThrowableProxy(), "the first failure says why, with the cause");
        assertTrue(failures.get(0).getThrowableProxy().getMessage().contains(file.toString()));
        for (ILoggingEvent later : failures.subList(1, 3)) {
            assertNull(later.getThrowableProxy(), "later failures of the same cause are one line");
            assertTrue(later.getFormattedMessage().contains("cannot write to the JSON Lines file " + file),
                    later.getFormattedMessage());
        }
    }

    private RichnessListener measureTwice(RichnessListener.Builder builder) {
        RichnessListener listener = builder.logRecords(false).build();
        MultiLayerNetwork net = TestModels.dense(63, true);
        for (int i = 0; i < 2; i++) {
            RichnessRecord record = listener.measureNow(net);
            assertTrue(record.ok(), record.failure());
        }
        return listener;
    }

    private static void assertRefused(String expected, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
