package io.github.richness.report;

import io.github.richness.record.BaselineValues;
import io.github.richness.record.Distances;
import io.github.richness.record.RichnessRecord;
import java.nio.charset.Charset;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLF4J line per record, like DL4J's {@code ScoreIterationListener}:
 * {@code Richness at epoch 3, iteration 1200: D_LR = 0.0431 ± 0.0042 (debiased 0.0612 ± 0.0051, projection 0.0502,
 * lazy reference 0.412), D_eff = 10.2, D_eff(Q̂) = 10.0, n = 2048}: D_LR with its jackknife standard error, and the
 * lazy reference to read it against (see the README's "What the numbers mean").
 * Failed measurements are logged at WARN with their cause; warnings are appended to the line.
 *
 * <p>Lines are written in ASCII ({@link AsciiText}: {@code D_eff(Q^)}, {@code Tr(Sigma_W)}) when the character
 * set of the log cannot show the symbols: by default the JVM's default character set, which under
 * {@code LANG=C} is ASCII.
 */
public final class LogReporter implements RichnessReporter {

    private final Logger log;
    private final boolean ascii;

    /** Logs to the logger {@code io.github.richness.report.LogReporter}, in the JVM's default character set. */
    public LogReporter() {
        this(LoggerFactory.getLogger(LogReporter.class));
    }

    /** @param log the logger to write to, in the JVM's default character set */
    public LogReporter(Logger log) {
        this(log, Charset.defaultCharset());
    }

    /**
     * @param log the logger to write to
     * @param charset the character set the log is written in: lines are ASCII when it cannot encode their symbols
     */
    public LogReporter(Logger log, Charset charset) {
        this.log = log;
        this.ascii = !charset.newEncoder().canEncode("ΣΠ̂ρ‖θ≤−—ᵀ⁺");
    }

    @Override
    public void report(RichnessRecord record) {
        if (!record.ok()) {
            log.warn("Richness at epoch {}, iteration {}: measurement failed: {}", record.epoch(), record.iteration(),
                    ascii ? AsciiText.of(record.failure()) : record.failure());
            return;
        }
        log.info(ascii ? AsciiText.of(line(record)) : line(record));
    }

    /**
     * @param record a successful record
     * @return the one-line summary
     */
    public static String line(RichnessRecord record) {
        Distances distances = record.distances();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Richness at epoch %d, iteration %d: D_LR = %.4g",
                record.epoch(), record.iteration(), record.lowRankDistance()));
        appendError(line, distances.standardErrors().lowRankDistance());
        line.append(String.format(Locale.ROOT, " (debiased %.4g", distances.debiasedLowRankDistance()));
        appendError(line, distances.standardErrors().debiasedLowRankDistance());
        line.append(String.format(Locale.ROOT, ", projection %.4g", distances.projectionLowRankDistance()));
        if (!Double.isNaN(distances.lazyLowRankDistance())) {
            line.append(String.format(Locale.ROOT, ", lazy reference %.4g", distances.lazyLowRankDistance()));
        }
        line.append(String.format(Locale.ROOT, "), D_eff = %.3g, D_eff(Q̂) = %.3g, n = %d",
                record.spectra().effectiveDimension(), record.spectra().utilizationEffectiveDimension(),
                record.probe().testSamples()));
        BaselineValues baselines = record.baselines();
        if (!Double.isNaN(baselines.kernelSimilarityToInit())) {
            line.append(String.format(Locale.ROOT, ", S_init = %.4g", baselines.kernelSimilarityToInit()));
        }
        if (!Double.isNaN(baselines.nc1())) {
            line.append(String.format(Locale.ROOT, ", NC1 = %.4g, Tr(Σ_W) = %.4g", baselines.nc1(),
                    baselines.withinClassTrace()));
        }
        line.append(String.format(Locale.ROOT, " [%d ms]", record.when().durationMillis()));
        if (!record.warnings().isEmpty()) {
            line.append(" — ").append(String.join("; ", record.warnings()));
        }
        return line.toString();
    }

    /** Appends {@code ± se} when the standard error was measured. */
    private static void appendError(StringBuilder line, double standardError) {
        if (!Double.isNaN(standardError)) {
            line.append(String.format(Locale.ROOT, " ± %.2g", standardError));
        }
    }
}
