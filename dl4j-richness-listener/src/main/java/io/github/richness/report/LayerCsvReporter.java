package io.github.richness.report;

import io.github.richness.record.LayerRichness;
import io.github.richness.record.RichnessRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Appends the intermediate layers' numbers of each record ({@link RichnessRecord#layers()}) to a CSV file in long
 * form: one row per record and layer quantity, so the columns are the same whatever the model and its selection
 * (a wide form would change its columns with the layers). Columns: run_id, epoch, iteration, layer, type,
 * features, p, d_lr, d_lr_debiased, d_lr_se, d_lr_debiased_se, d_lr_bound, d_eff, s_init, s_init_bound (the
 * keys of the JSON form, {@code NaN} for values not measured). A record without layers (a failed one, or the
 * head alone) writes no row; the head's own numbers stay in {@link CsvReporter}'s file, joined by run_id, epoch
 * and iteration. Existing rows: the {@link ExistingFile} policy, as for {@link CsvReporter}.
 */
public final class LayerCsvReporter implements RichnessReporter {

    private static final String HEADER = "run_id,epoch,iteration,layer,type,features,p,d_lr,d_lr_debiased,d_lr_se,"
            + "d_lr_debiased_se,d_lr_bound,d_eff,s_init,s_init_bound";

    private final RecordFile file;

    /**
     * @param file the file to write to; a new or replaced file gets the header first
     * @param existing what to do with rows already in it
     * @throws IllegalArgumentException if the file is null or cannot be written, {@code existing} refuses it, or
     *         it is appended to and has another header
     */
    public LayerCsvReporter(Path file, ExistingFile existing) {
        this.file = new RecordFile(file, existing, HEADER, "layer CSV file");
    }

    @Override
    public void report(RichnessRecord record) throws IOException {
        if (!record.layers().isEmpty()) {
            file.append(rows(record), record.provenance().runId());
        }
    }

    /** @return the header line */
    public static String header() {
        return HEADER;
    }

    /**
     * @param record a record
     * @return its rows, one per layer quantity, each ending in a line break
     */
    public static String rows(RichnessRecord record) {
        StringBuilder rows = new StringBuilder();
        String runId = record.provenance().runId();
        for (LayerRichness layer : record.layers()) {
            rows.append(runId == null ? "" : CsvReporter.quoted(runId)).append(',').append(record.epoch()).append(',')
                    .append(record.iteration()).append(',').append(CsvReporter.quoted(layer.layer())).append(',')
                    .append(layer.type() == null ? "" : CsvReporter.quoted(layer.type())).append(',')
                    .append(layer.features()).append(',').append(layer.width());
            for (double value : new double[] {layer.lowRankDistance(), layer.debiasedLowRankDistance(),
                layer.lowRankDistanceStandardError(), layer.debiasedStandardError(), layer.lowRankDistanceBound(),
                layer.effectiveDimension(), layer.kernelSimilarityToInit(), layer.kernelSimilarityToInitBound()}) {
                rows.append(',').append(String.format(Locale.ROOT, "%s", value));
            }
            rows.append('\n');
        }
        return rows.toString();
    }
}
