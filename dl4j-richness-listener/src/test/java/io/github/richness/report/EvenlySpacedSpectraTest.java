package io.github.richness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.BaselineValues;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Spectra;
import io.github.richness.testing.SampleRecords;
import io.github.richness.report.figure.SpectrumSelection;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Long runs: spectra kept for at most max + 1 evenly spaced records, the first and the latest; scalars for all. */
class EvenlySpacedSpectraTest {

    @ParameterizedTest(name = "at most {0} earlier spectra")
    @ValueSource(ints = {2, 5, 20})
    void keepsSpectraOfEvenlySpacedRecordsAndTheLatest(int max) {
        EvenlySpacedSpectra spectra = new EvenlySpacedSpectra(max);
        for (int count = 1; count <= 300; count++) {
            spectra.add(record(count - 1));
            List<RichnessRecord> held = spectra.records();
            assertEquals(count, held.size(), "every record's scalars are kept");
            assertEquals(IntStream.range(0, count).boxed().toList(), held.stream().map(RichnessRecord::epoch).toList());
            int[] kept = IntStream.range(0, count).filter(i -> SpectrumSelection.hasSpectra(held.get(i))).toArray();
            assertTrue(kept.length <= max + 1, "bounded after " + count + ": " + kept.length);
            assertEquals(0, kept[0], "the first record keeps its spectra");
            assertEquals(count - 1, kept[kept.length - 1], "the latest keeps its spectra");
            for (int i = 2; i < kept.length - 1; i++) {
                assertEquals(kept[1] - kept[0], kept[i] - kept[i - 1], "evenly spaced after " + count + " records");
            }
            assertTrue(count < 2 * max || kept.length >= max / 2, "not thinned more than needed: " + kept.length);
        }
        assertThrows(IllegalArgumentException.class, () -> new EvenlySpacedSpectra(1));
    }

    private static RichnessRecord record(int i) {
        double[] spectrum = {1.0, 0.5, 0.25};
        double[] cumulative = {0.5, 0.9, 1.0};
        return SampleRecords.of("run", i, i, 0.1, new Spectra(spectrum, spectrum, cumulative, cumulative, 1.5, 1.4, 0, 0, Double.NaN),
                new BaselineValues(0.9, 3.0, 0.1, 1.0));
    }
}
