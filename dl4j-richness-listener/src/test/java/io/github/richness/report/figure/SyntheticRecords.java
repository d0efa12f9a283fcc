package io.github.richness.report.figure;

import io.github.richness.record.BaselineValues;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Spectra;
import io.github.richness.testing.SampleRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Records with known values for figure and report tests that need no training run. */
final class SyntheticRecords {

    private SyntheticRecords() {
    }

    /**
     * @param count how many records (epochs 0, 1, ...; iterations 10 apart)
     * @param p spectrum entries per record
     * @param labelled whether Π*(k), NC1 and Tr(Σ_W) are present (a probe with class labels)
     * @return the records; D_LR of record i is 1 / (i + 2)
     */
    static List<RichnessRecord> run(int count, int p, boolean labelled) {
        List<RichnessRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] eigenvalues = new double[p];
            double[] relative = new double[p];
            double[] cumulative = new double[p];
            for (int k = 0; k < p; k++) {
                eigenvalues[k] = Math.pow(k + 1, -(1.0 + i));
                relative[k] = eigenvalues[k] / eigenvalues[0];
                cumulative[k] = (k + 1.0) / p;
            }
            double[] quality = labelled ? cumulative : new double[0];
            double nc1 = labelled ? 1.0 / (i + 1) : Double.NaN;
            records.add(SampleRecords.of("synthetic", i, 10 * i, 1.0 / (i + 2),
                    new Spectra(eigenvalues, relative, quality, cumulative, 3 + i, 2 + i, 0, p / 2, 0.99),
                    new BaselineValues(1 - 0.01 * i, 10 + i, nc1, labelled ? 2.0 : Double.NaN)));
        }
        return records;
    }

    /** @return the positions of the records that carry spectra */
    static int[] spectraPositions(List<RichnessRecord> records) {
        return IntStream.range(0, records.size()).filter(i -> SpectrumSelection.hasSpectra(records.get(i))).toArray();
    }
}
