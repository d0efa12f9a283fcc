package io.github.richness.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    private static final double TOLERANCE = 1e-12;

    private static ResultsTable table() {
        return new ResultsTable("Label-encoded MNIST", List.of("D_eff"))
                .add("full backprop", 1.0, 0.10, 0.008, 10.0)
                .add("last layer only", 0.98, 0.74, 0.62, 40.0)
                .add("full backprop", 1.0, 0.11, 0.010, 11.0)
                .add("full backprop", 1.0, 0.12, 0.012, 12.0);
    }

    @Test
    void seedsOfOneSettingGiveMeanAndSampleDeviation() {
        MeanAndSpread dlr = table().cell("full backprop", 2);
        assertEquals(0.010, dlr.mean(), TOLERANCE);
        assertEquals(0.002, dlr.standardDeviation(), TOLERANCE, "sqrt((0.002² + 0 + 0.002²) / 2)");
        assertEquals(3, dlr.count());
        assertTrue(Double.isNaN(table().cell("last layer only", 2).standardDeviation()), "one seed: spread unknown");
    }

    @Test
    void markdownHasTheHeaderAndOneRowPerSettingInOrderOfFirstAppearance() {
        List<String> lines = table().markdown().lines().toList();
        assertEquals("**Label-encoded MNIST**", lines.get(0));
        assertEquals("| Setting | Train acc. (%) | Test acc. (%) | D_LR | D_eff | Seeds |", lines.get(2));
        assertEquals("| --- | --- | --- | --- | --- | --- |", lines.get(3));
        assertEquals("| full backprop | 100 ± 0 | 11.0 ± 1.00 | 0.0100 ± 0.00200 | 11.0 ± 1.00 | 3 |", lines.get(4));
        assertEquals("| last layer only | 98.0 | 74.0 | 0.620 | 40.0 | 1 |", lines.get(5));
        assertEquals(6, lines.size());
    }

    @Test
    void writesTheMarkdownToTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested").resolve("results.md");
        table().write(file);
        assertEquals(table().markdown(), Files.readString(file));
    }

    @Test
    void wrongNumberOfExtrasIsRefused() {
        ResultsTable table = new ResultsTable("t", List.of("NC1", "D_eff"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.add("row", 1, 1, 0.5, 3.0));
        assertTrue(e.getMessage().contains("row"), e.getMessage());
    }

    @Test
    void unknownRowIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> table().cell("lazy", 0));
    }
}
