package io.github.richness.report.figure;

import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Which records the spectrum figure overlays: up to {@code max} records that carry spectra, evenly spaced
 * over the run by position, always the first and the last (training's start and where it is now), as the
 * paper's figures show a few epochs of one run.
 */
public final class SpectrumSelection {

    private SpectrumSelection() {
    }

    /**
     * @param records a run's records in order
     * @param max the most records to choose (at least 1)
     * @return the chosen records in order; empty if none has spectra
     */
    public static List<RichnessRecord> choose(List<RichnessRecord> records, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        List<RichnessRecord> candidates = records.stream().filter(SpectrumSelection::hasSpectra).toList();
        if (candidates.size() <= max) {
            return candidates;
        }
        if (max == 1) {
            return List.of(candidates.get(candidates.size() - 1));
        }
        List<RichnessRecord> chosen = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            chosen.add(candidates.get((int) Math.round(i * (candidates.size() - 1) / (double) (max - 1))));
        }
        return chosen;
    }

    /**
     * @param record a record
     * @return whether it carries the spectrum arrays (successful, spectra on, not dropped from memory)
     */
    public static boolean hasSpectra(RichnessRecord record) {
        return record.ok() && record.spectra().hasArrays();
    }
}
