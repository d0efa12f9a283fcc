package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.PaperExampleAssertions.assertRecordsWritten;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertAccuraciesAndFiniteDistance;
import static io.github.richness.examples.paper.PaperExampleAssertions.assertTableWritten;

import io.github.richness.examples.common.ResultsTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the grokking example on a small modulus for a few epochs (too short to grok). */
class GrokkingTest {

    @Tag("slow")
    @Test
    void runsMeasuresAndWritesTheEndRow(@TempDir Path out) throws Exception {
        ResultsTable table = Grokking.run(Grokking.commandLine(false).parse("--modulus", "11", "--epochs", "3",
                "--every", "1", "--width", "16", "--batch", "32", "--out", out.toString()).orElseThrow());
        assertAccuraciesAndFiniteDistance(table, "end, no jump");
        assertRecordsWritten(out.resolve("seed-1"), 3);
        assertTableWritten(out, table);
    }
}
