package io.github.richness.report;

import io.github.richness.record.RichnessRecord;
import io.github.richness.report.figure.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Keeps a run's report up to date: after each record it rewrites {@code report.html} and the PNG and SVG
 * figures in its folder ({@link HtmlReport}), so the page can be opened at any time during training and is
 * complete when training ends. Needs XChart ({@code org.knowm.xchart:xchart}) on the classpath, an optional
 * dependency of this library.
 *
 * <p>Memory on long runs: every record's scalars are kept (a few hundred bytes per record, so memory grows with
 * the number of records), but spectra only for up to {@value #MAX_SPECTRA} evenly spaced earlier records and the
 * latest ({@link EvenlySpacedSpectra}), so the spectra's share stays the same however long the run; the spectrum
 * figure picks from those. Rewriting the page and its figures takes about a second per record on
 * two cores, fine at epoch ends; for iteration-level records, write the report once at the end with
 * {@link HtmlReport#write} or the {@code richness-report} command instead.
 */
public final class HtmlReportReporter implements RichnessReporter {

    /** The most earlier records whose spectra are kept in memory. */
    public static final int MAX_SPECTRA = 4 * HtmlReport.SPECTRA_SHOWN;

    private final Path folder;
    private final String title;
    private final EvenlySpacedSpectra records = new EvenlySpacedSpectra(MAX_SPECTRA);

    /**
     * @param folder where {@code report.html} and {@code figures/} go
     * @param title the page title
     */
    public HtmlReportReporter(Path folder, String title) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.title = Objects.requireNonNull(title, "title");
    }

    @Override
    public synchronized void report(RichnessRecord record) throws IOException {
        records.add(record);
        HtmlReport.write(records.records(), folder, title);
    }
}
