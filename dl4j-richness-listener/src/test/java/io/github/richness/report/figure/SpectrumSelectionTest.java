package io.github.richness.report.figure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.SampleRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which records the spectrum figure overlays: positions computed by hand. */
class SpectrumSelectionTest {

    @ParameterizedTest(name = "{0} records, at most {1}: epochs {2}")
    @CsvSource({"10, 5, 0 2 5 7 9", "3, 5, 0 1 2", "9, 3, 0 4 8", "7, 1, 6", "5, 2, 0 4"})
    void choosesEvenlySpacedRecordsWithFirstAndLast(int count, int max, String epochs) {
        List<RichnessRecord> chosen = SpectrumSelection.choose(SyntheticRecords.run(count, 4, true), max);
        int[] expected = Arrays.stream(epochs.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, chosen.stream().mapToInt(RichnessRecord::epoch).toArray());
    }

    @Test
    void skipsRecordsWithoutSpectra() {
        List<RichnessRecord> records = new ArrayList<>(SyntheticRecords.run(4, 4, true));
        records.set(3, records.get(3).withoutSpectra());
        records.set(1, SampleRecords.failed(1, 10, "NaN activations"));
        assertEquals(List.of(0, 2), SpectrumSelection.choose(records, 5).stream().map(RichnessRecord::epoch).toList());
        assertThrows(IllegalArgumentException.class, () -> SpectrumSelection.choose(records, 0));
    }
}
