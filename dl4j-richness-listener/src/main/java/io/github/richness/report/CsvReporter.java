package io.github.richness.report;

import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends the scalar columns of each record to a CSV file (comma-separated, header on the first line,
 * {@code NaN} for undefined values, full double precision), for spreadsheets and quick plots. Columns:
 * epoch, iteration, timestamp_ms, n, p, c, then {@link Scalar} in order, then measurement_ms, failure and the
 * provenance (run_id, library_version, source, head, output_mode, n_spectrum, sample_cap, spectra_on,
 * baselines_on, kernels: see {@link Provenance}).
 */
public final class CsvReporter implements RichnessReporter {

    private final Path file;

    /** @param file the file to append to; a header is written when it is new or empty */
    public CsvReporter(Path file) {
        this.file = file;
    }

    @Override
    public void report(RichnessRecord record) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        StringBuilder text = new StringBuilder();
        if (!Files.exists(file) || Files.size(file) == 0) {
            text.append(header()).append('\n');
        }
        text.append(row(record)).append('\n');
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
    }

    /** @return the header line */
    public static String header() {
        StringBuilder header = new StringBuilder("epoch,iteration,timestamp_ms,n,p,c");
        for (Scalar scalar : Scalar.values()) {
            header.append(',').append(scalar.key());
        }
        return header.append(",measurement_ms,failure,run_id,library_version,source,head,output_mode,n_spectrum,"
                + "sample_cap,spectra_on,baselines_on,kernels").toString();
    }

    /**
     * @param record a record
     * @return its CSV line: numbers in full precision ({@code NaN} when not measured), texts quoted where they
     *         need it (RFC 4180), empty where not known
     */
    public static String row(RichnessRecord record) {
        Provenance provenance = record.provenance();
        StringBuilder row = new StringBuilder();
        row.append(record.epoch()).append(',').append(record.iteration()).append(',')
                .append(record.when().timestampMillis()).append(',').append(record.probe().testSamples()).append(',')
                .append(record.probe().featureWidth()).append(',').append(record.probe().outputWidth());
        for (Scalar scalar : Scalar.values()) {
            row.append(',').append(String.format(Locale.ROOT, "%s", scalar.of(record)));
        }
        row.append(',').append(record.when().durationMillis());
        for (Object field : new Object[] {record.failure(), provenance.runId(), provenance.libraryVersion(),
            provenance.source(), provenance.head(), provenance.outputMode(), record.probe().spectrumSamples(),
            provenance.sampleCap(), provenance.spectraOn(), provenance.baselinesOn(), provenance.kernels()}) {
            row.append(',').append(field == null ? "" : quoted(field.toString()));
        }
        return row.toString();
    }

    private static String quoted(String text) {
        boolean plain = text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
