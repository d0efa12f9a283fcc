package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.ResultsTable;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the grokking example on a small modulus for a few epochs (too short to grok). */
class GrokkingTest {

    @Test
    void refusesAnUnknownModel(@TempDir Path out) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Grokking.run(
                Grokking.commandLine(false).parse("--model", "cnn", "--out", out.toString()).orElseThrow()));
        assertTrue(refused.getMessage().contains("mlp or transformer"), refused.getMessage());
    }

    @Tag("slow")
    @Test
    void runsMeasuresAndWritesTheEndRow(@TempDir Path out) throws Exception {
        ResultsTable table = Grokking.run(Grokking.commandLine(false).parse("--modulus", "11", "--epochs", "3",
                "--every", "1", "--task", "division", "--width", "16", "--batch", "32", "--out", out.toString()).orElseThrow());
        assertAccuraciesAndFiniteDistance(table, "end, no jump");
        List<RichnessRecord> records = JsonLinesReporter.read(out.resolve("seed-1").resolve("richness.jsonl"));
        assertEquals(4, records.size(), "step 0 and 3 epochs");
        assertTrue(Double.isNaN(records.get(0).lowRankDistance()), "a centred output is zero at step 0: D_LR undefined");
        assertTrue(records.get(3).ok(), String.valueOf(records.get(3).failure()));
        assertTableWritten(out, table);
    }
}
