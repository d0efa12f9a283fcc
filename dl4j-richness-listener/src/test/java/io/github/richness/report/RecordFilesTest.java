package io.github.richness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RecordJson;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Run;
import io.github.richness.testing.Csv;
import io.github.richness.testing.ReadOnlyFile;
import io.github.richness.testing.SampleRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records files' policies for what is already in them (append a new run, replace, refuse), the checks of a
 * destination before anything is written, a file that stops being writable, and torn lines anywhere in a JSON
 * Lines file: every complete record is kept, every torn line is reported.
 */
class RecordFilesTest {

    @TempDir
    Path dir;

    private static RichnessRecord record(String run, int epoch) {
        return SampleRecords.complete(epoch, 1.0 / (epoch + 2)).toBuilder()
                .provenance(SampleRecords.provenance(run)).build();
    }

    private static List<RichnessRecord> run(String id, int count) {
        List<RichnessRecord> records = new ArrayList<>();
        for (int epoch = 0; epoch < count; epoch++) {
            records.add(record(id, epoch));
        }
        return records;
    }

    private static void write(RichnessReporter reporter, List<RichnessRecord> records) throws Exception {
        for (RichnessRecord record : records) {
            reporter.report(record);
        }
    }

    @Test
    void appendKeepsEarlierRunsAndTheReadersTellThemApart() throws Exception {
        Path jsonl = dir.resolve("richness.jsonl");
        Path csv = dir.resolve("richness.csv");
        List<RichnessRecord> first = run("run-a", 3);
        List<RichnessRecord> second = run("run-b", 2);
        write(new JsonLinesReporter(jsonl), first);
        write(new CsvReporter(csv), first);
        write(new JsonLinesReporter(jsonl, ExistingFile.APPEND), second);
        write(new CsvReporter(csv), second);

        List<RichnessRecord> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(all, JsonLinesReporter.read(jsonl));
        List<Run> runs = Run.split(JsonLinesReporter.read(jsonl), "richness.jsonl");
        assertEquals(List.of("run-a", "run-b"), runs.stream().map(Run::runId).toList());
        assertEquals(List.of(first, second), runs.stream().map(Run::records).toList());

        List<List<String>> rows = Csv.parse(Files.readString(csv));
        assertEquals(1 + all.size(), rows.size(), "one header, then every row of both runs");
        int runColumn = rows.get(0).indexOf("run_id");
        assertEquals(List.of("run-a", "run-a", "run-a", "run-b", "run-b"),
                rows.subList(1, rows.size()).stream().map(row -> row.get(runColumn)).toList());
    }

    @Test
    void replaceKeepsOnlyTheNewRunAndTouchesNothingBeforeItsFirstRecord() throws Exception {
        for (BiFunction<Path, ExistingFile, RichnessReporter> kind : reporters()) {
            Path file = Files.createTempFile(dir, "records", ".txt");
            Files.delete(file);
            write(kind.apply(file, ExistingFile.APPEND), run("run-a", 3));
            String before = Files.readString(file);
            RichnessReporter replacing = kind.apply(file, ExistingFile.REPLACE);
            assertEquals(before, Files.readString(file), "nothing replaced before the first record");
            write(replacing, run("run-b", 2));
            String after = Files.readString(file);
            assertFalse(after.contains("run-a"), after);
            assertEquals(2, after.lines().filter(line -> line.contains("run-b")).count(), after);
        }
        Path jsonl = dir.resolve("replaced.jsonl");
        write(new JsonLinesReporter(jsonl), run("run-a", 3));
        write(new JsonLinesReporter(jsonl, ExistingFile.REPLACE), run("run-b", 2));
        assertEquals(run("run-b", 2), JsonLinesReporter.read(jsonl));
    }

    @Test
    void refuseRejectsAFileThatHoldsRecordsAndAcceptsAnEmptyOne() throws Exception {
        for (BiFunction<Path, ExistingFile, RichnessReporter> kind : reporters()) {
            Path file = Files.createTempFile(dir, "records", ".txt");
            RichnessReporter onEmpty = kind.apply(file, ExistingFile.REFUSE);
            write(onEmpty, run("run-a", 1));
            String before = Files.readString(file);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> kind.apply(file, ExistingFile.REFUSE));
            assertTrue(refused.getMessage().contains(file.toAbsolutePath().toString())
                    && refused.getMessage().contains("REFUSE"), refused.getMessage());
            assertEquals(before, Files.readString(file), "a refused file is left as it was");
        }
    }

    @Test
    void aCsvFileOfAnotherVersionIsNotAppendedTo() throws Exception {
        Path old = dir.resolve("old.csv");
        String oldFormat = "epoch,iteration,timestamp_ms,n,p,c,d_lr\n0,10,1700000000000,100,8,3,0.5\n";
        Files.writeString(old, oldFormat);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new CsvReporter(old));
        assertTrue(refused.getMessage().contains("another header"), refused.getMessage());
        assertEquals(oldFormat, Files.readString(old));
        write(new CsvReporter(old, ExistingFile.REPLACE), run("run-b", 1));
        assertEquals(CsvReporter.header(), Files.readAllLines(old).get(0));
        Path versionOne = Path.of(getClass().getResource("/io/github/richness/record/format-1.csv").toURI());
        assertThrows(IllegalArgumentException.class, () -> new CsvReporter(versionOne));
    }

    @Test
    void destinationsThatCannotBeWrittenAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path parentFile = Files.writeString(dir.resolve("a-file"), "x");
        for (BiFunction<Path, ExistingFile, RichnessReporter> kind : reporters()) {
            assertRefused("is a folder", () -> kind.apply(dir, ExistingFile.APPEND));
            assertRefused("is a file, not a folder", () -> kind.apply(parentFile.resolve("sub/records"),
                    ExistingFile.APPEND));
            assertRefused("must not be null", () -> kind.apply(null, ExistingFile.APPEND));
            assertRefused("policy", () -> kind.apply(dir.resolve("new"), null));
        }
        assertEquals("x", Files.readString(parentFile));
        Path readOnly = Files.writeString(dir.resolve("read-only.jsonl"), "");
        try (ReadOnlyFile ignored = ReadOnlyFile.of(readOnly)) {
            assertRefused("not writable", () -> new JsonLinesReporter(readOnly));
            assertRefused("not writable", () -> new CsvReporter(readOnly, ExistingFile.REPLACE));
        }
    }

    @Test
    void aFileThatStopsBeingWritableFailsEachRecordWithOneMessageAndRecovers() throws Exception {
        Path file = dir.resolve("records/richness.jsonl");
        JsonLinesReporter reporter = new JsonLinesReporter(file);
        assertFalse(Files.exists(file.getParent()), "nothing is created before the first record");
        reporter.report(record("run-a", 0));
        Files.delete(file);
        Files.createDirectory(file);
        IOException first = assertThrows(IOException.class, () -> reporter.report(record("run-a", 1)));
        IOException second = assertThrows(IOException.class, () -> reporter.report(record("run-a", 2)));
        assertEquals(first.getMessage(), second.getMessage(), "one cause, one message: the log repeats one line");
        assertTrue(first.getMessage().contains(file.toString()) && first.getMessage().contains("training goes on"),
                first.getMessage());
        Files.delete(file);
        reporter.report(record("run-a", 3));
        assertEquals(List.of(record("run-a", 3)), JsonLinesReporter.read(file), "written again once it can be");
    }

    @Test
    void aRunKilledMidWriteAndStartedAgainLeavesATornLineThatIsSkippedAndReported() throws Exception {
        Path file = dir.resolve("richness.jsonl");
        List<RichnessRecord> killed = run("run-a", 3);
        write(new JsonLinesReporter(file), killed);
        String torn = RecordJson.toJson(record("run-a", 3));
        Files.writeString(file, torn.substring(0, torn.length() / 2), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        List<RichnessRecord> restarted = run("run-b", 2);
        write(new JsonLinesReporter(file), restarted);

        RecordsRead read = JsonLinesReporter.readWithSkipped(file);
        List<RichnessRecord> complete = new ArrayList<>(killed);
        complete.addAll(restarted);
        assertEquals(complete, read.records(), "every complete record of both runs");
        assertEquals(1, read.skipped().size(), read.skipped().toString());
        assertEquals(4, read.skipped().get(0).line(), "the torn line, in the middle of the file");
        assertEquals(complete, JsonLinesReporter.read(file));
    }

    @Test
    void tornLinesAnywhereAreSkippedAndARecordGluedToOneIsKept() throws IOException {
        Path file = dir.resolve("richness.jsonl");
        String a = RecordJson.toJson(record("run-a", 0));
        String b = RecordJson.toJson(record("run-a", 1));
        String c = RecordJson.toJson(record("run-b", 0));
        String d = RecordJson.toJson(record("run-b", 1));
        Files.writeString(file, "{broken\n" + a + "\n" + b.substring(0, 40) + c + "\n\n" + d + "\n"
                + c.substring(0, c.length() - 3));
        RecordsRead read = JsonLinesReporter.readWithSkipped(file);
        assertEquals(List.of(record("run-a", 0), record("run-b", 0), record("run-b", 1)), read.records(),
                "the record written after a torn one on the same line (as earlier versions did) is kept");
        assertEquals(List.of(1, 3, 6), read.skipped().stream().map(RecordsRead.SkippedLine::line).toList());
        assertTrue(read.skipped().get(1).reason().contains("which is kept"), read.skipped().get(1).reason());
    }

    private static List<BiFunction<Path, ExistingFile, RichnessReporter>> reporters() {
        return List.of(JsonLinesReporter::new, CsvReporter::new);
    }

    private static void assertRefused(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
