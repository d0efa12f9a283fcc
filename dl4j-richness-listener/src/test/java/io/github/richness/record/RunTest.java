package io.github.richness.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.richness.report.JsonLinesReporter;
import io.github.richness.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs found in a records file: by run id wherever the records are, by iterations going back without one. */
class RunTest {

    private static RichnessRecord of(String run, int epoch) {
        return SampleRecords.complete(epoch, 0.5).toBuilder().provenance(SampleRecords.provenance(run)).build();
    }

    @Test
    void recordsOfOneRunIdFormOneRunWhereverTheyAre() {
        String a = "3f2a9c41-0000-4000-8000-000000000001";
        String b = "77d0e5b2-0000-4000-8000-000000000002";
        List<RichnessRecord> records = List.of(of(a, 0), of(b, 0), of(a, 1), of(b, 1), of(b, 2));
        List<Run> runs = Run.split(records, "richness.jsonl");
        assertEquals(2, runs.size());
        assertEquals(List.of(of(a, 0), of(a, 1)), runs.get(0).records());
        assertEquals(List.of(of(b, 0), of(b, 1), of(b, 2)), runs.get(1).records());
        assertEquals("richness.jsonl · run 3f2a9c41", runs.get(0).label());
        assertEquals("richness.jsonl · run 77d0e5b2", runs.get(1).label());
        assertEquals("richness.jsonl", Run.split(records.subList(0, 1), "richness.jsonl").get(0).label(),
                "one run is named by its source alone");
        assertEquals("run 3f2a9c41", Run.split(records.subList(0, 1), null).get(0).label());
        assertEquals("lr 0.1", runs.get(0).withLabel("lr 0.1").label());
        assertEquals(List.of(), Run.split(List.of(), "x"));
        assertThrows(IllegalArgumentException.class, () -> new Run("empty", null, List.of()));
    }

    @Test
    void aVersionOneFileWithASecondRunAppendedIsSplitWhereTheIterationGoesBack(@TempDir Path dir) throws Exception {
        Path one = Path.of(getClass().getResource("format-1.jsonl").toURI());
        Path twice = dir.resolve("appended.jsonl");
        String lines = Files.readString(one);
        Files.writeString(twice, lines + lines);
        List<RichnessRecord> records = JsonLinesReporter.read(twice);
        assertEquals(List.of(16, 32, 16, 32), records.stream().map(RichnessRecord::iteration).toList());
        List<Run> runs = Run.split(records, "appended.jsonl");
        assertEquals(2, runs.size());
        assertEquals(records.subList(0, 2), runs.get(0).records());
        assertEquals(records.subList(2, 4), runs.get(1).records());
        assertNull(runs.get(0).runId());
        assertEquals(List.of("appended.jsonl · run #1", "appended.jsonl · run #2"),
                runs.stream().map(Run::label).toList());
        assertEquals(1, Run.split(records.subList(0, 2), null).size(), "rising iterations are one run");
    }

    @Test
    void recordsWithoutIdAroundRecordsWithOneAreRunsOfTheirOwn() {
        RichnessRecord old = of(null, 1);
        List<RichnessRecord> records = new ArrayList<>(List.of(old, of(null, 2), of("new-run", 0), of(null, 3)));
        List<Run> runs = Run.split(records, null);
        assertEquals(List.of(2, 1, 1), runs.stream().map(run -> run.records().size()).toList());
        assertEquals(List.of("run #1", "run new-run", "run #3"), runs.stream().map(Run::label).toList());
    }
}
