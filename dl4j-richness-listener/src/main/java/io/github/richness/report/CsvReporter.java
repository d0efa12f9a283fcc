package io.github.richness.report;

import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Scalar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Appends the scalar columns of each record to a CSV file (comma-separated, header on the first line,
 * {@code NaN} for undefined values, full double precision), for spreadsheets and quick plots. Columns:
 * epoch, iteration, timestamp_ms, n, p, c, then {@link Scalar} in order, then measurement_ms, failure and the
 * provenance (run_id, library_version, source, head, output_mode, n_spectrum, sample_cap, spectra_on,
 * baselines_on, kernels: see {@link Provenance}), then trusted_eigenvalues (the Nyström trust limit K, 0 without
 * spectrum) and jackknife_blocks (the B of the standard errors, 0 when none were measured).
 *
 * <p>Records already in the file are handled by an {@link ExistingFile} policy (default
 * {@link ExistingFile#APPEND}: this run's rows after them, told apart by the run_id column), except that a file
 * whose header is not {@link #header()} (written by another version) is never appended to: the reporter's
 * constructor refuses it. The file is written as {@code RecordFile} says: parents created at the first record,
 * one durable append per record.
 */
public final class CsvReporter implements RichnessReporter {

    private final RecordFile file;

    /**
     * @param file the file to write to, appending to the rows already in it ({@link ExistingFile#APPEND})
     * @throws IllegalArgumentException if the file is null or cannot be written, or has another header
     */
    public CsvReporter(Path file) {
        this(file, ExistingFile.APPEND);
    }

    /**
     * @param file the file to write to; a new or replaced file gets the header first
     * @param existing what to do with rows already in it
     * @throws IllegalArgumentException if the file is null or cannot be written, {@code existing} refuses it,
     *         or it is appended to and has another header
     */
    public CsvReporter(Path file, ExistingFile existing) {
        this.file = new RecordFile(file, existing, header(), "CSV file");
    }

    @Override
    public void report(RichnessRecord record) throws IOException {
        file.append(row(record) + "\n", record.provenance().runId());
    }

    /** @return the file written to (absolute) */
    public Path file() {
        return file.file();
    }

    /** @return the header line */
    public static String header() {
        StringBuilder header = new StringBuilder("epoch,iteration,timestamp_ms,n,p,c");
        for (Scalar scalar : Scalar.values()) {
            header.append(',').append(scalar.key());
        }
        return header.append(",measurement_ms,failure,run_id,library_version,source,head,output_mode,n_spectrum,"
                + "sample_cap,spectra_on,baselines_on,kernels,trusted_eigenvalues,jackknife_blocks").toString();
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
            provenance.sampleCap(), provenance.spectraOn(), provenance.baselinesOn(), provenance.kernels(),
            record.spectra().trustedEigenvalues(), provenance.jackknifeBlocks()}) {
            row.append(',').append(field == null ? "" : quoted(field.toString()));
        }
        return row.toString();
    }

    /** @return the text quoted where a CSV field needs it (RFC 4180) */
    static String quoted(String text) {
        boolean plain = text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
