package io.github.richness.report;

import io.github.richness.record.RichnessRecord;
import io.github.richness.report.figure.SpectrumSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's records for {@link HtmlReportReporter}: every record's scalars (memory grows by one record's scalars
 * per record), but spectra only for every {@code stride}-th record and the latest, whatever the run's length.
 * The stride starts at 1 and doubles whenever more than {@code max} earlier records would keep spectra, so the
 * kept ones stay evenly spaced over the whole run (at most {@code max + 1} of them, with the first).
 */
final class EvenlySpacedSpectra {

    private final int max;
    private final List<RichnessRecord> records = new ArrayList<>();
    private int stride = 1;

    /** @param max the most earlier records that keep spectra (at least 2) */
    EvenlySpacedSpectra(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2, got " + max);
        }
        this.max = max;
    }

    /** @param record the newest record, kept whole until the next one arrives */
    void add(RichnessRecord record) {
        records.add(record);
        int latest = records.size() - 1;
        if (latest > 0 && (latest - 1) % stride != 0) {
            records.set(latest - 1, records.get(latest - 1).withoutSpectra());
        }
        while (records.subList(0, latest).stream().filter(SpectrumSelection::hasSpectra).count() > max) {
            stride *= 2;
            for (int i = 0; i < latest; i++) {
                if (i % stride != 0) {
                    records.set(i, records.get(i).withoutSpectra());
                }
            }
        }
    }

    /** @return the records in order */
    List<RichnessRecord> records() {
        return List.copyOf(records);
    }
}
