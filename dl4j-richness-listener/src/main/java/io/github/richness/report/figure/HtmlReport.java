package io.github.richness.report.figure;

import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Run;
import io.github.richness.record.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the report of one run, or of several runs compared, into a folder: {@code report.html}, one
 * self-contained page (the figures are SVG embedded as data URIs, the style inline; it opens offline in any
 * browser), and every figure of {@link RichnessFigures} as PNG and SVG under {@code figures/}, for papers and
 * slides.
 *
 * <p>The page holds the summary, D_LR against the iteration, the three spectrum panels (section 5), D_eff, the
 * baselines, the layer-wise figures when records carry layers ({@link LayerFigures}: the layer × measurement
 * heatmaps of D_LR and S_init and the per-layer curves of the last measurement, of the first run with layers),
 * the warnings, and the table of every record's scalars. Of one run, the spectrum panels show its last
 * record and up to {@value #SPECTRA_SHOWN} − 1 earlier ones ({@link SpectrumSelection}). Several runs (several
 * files, or several runs in one file: {@link Run#split}) are overlaid on the same axes, a colour per run and a
 * legend naming each by its label; the spectrum panels then show the last record of each run, the summary is a
 * table of the runs (label, run id, provenance), and the records table has a run column.
 *
 * <p>The page is well-formed XHTML5 (an XML parser reads it). Each figure is embedded as an {@code <img>} with a
 * data URI rather than as inline {@code <svg>}: XChart's SVGs use the same clip-path IDs, which would collide
 * inside one document.
 */
public final class HtmlReport {

    /** The page's file name. */
    public static final String PAGE = "report.html";
    /** The figures' folder name. */
    public static final String FIGURES = "figures";
    /** The most records overlaid in the spectrum figure. */
    public static final int SPECTRA_SHOWN = 5;

    private HtmlReport() {
    }

    /**
     * @param records the records of a file in order (may be empty), split into runs by {@link Run#split}: a
     *        listener's records are one run
     * @param folder the report folder, created if needed; files of an earlier report are replaced
     * @param title the page title, e.g. the run's name
     * @return the page written
     * @throws IOException if a file cannot be written
     */
    public static Path write(List<RichnessRecord> records, Path folder, String title) throws IOException {
        return writeRuns(Run.split(records, null), folder, title);
    }

    /**
     * @param runs the runs to show, each with the label its legend entries carry (may be empty)
     * @param folder the report folder, created if needed; files of an earlier report are replaced
     * @param title the page title
     * @return the page written
     * @throws IOException if a file cannot be written
     */
    public static Path writeRuns(List<Run> runs, Path folder, String title) throws IOException {
        Path figures = Files.createDirectories(folder.resolve(FIGURES));
        List<Figure> made = new ArrayList<>();
        addIfPresent(made, RichnessFigures.lowRankDistance(runs));
        addIfPresent(made, RichnessFigures.spectra(runs, runs.size() == 1 ? SPECTRA_SHOWN : 1));
        addIfPresent(made, RichnessFigures.effectiveDimension(runs));
        addIfPresent(made, RichnessFigures.baselines(runs));
        runs.stream().filter(run -> run.records().stream().anyMatch(r -> !r.layers().isEmpty())).findFirst()
                .ifPresent(run -> {
                    addIfPresent(made, LayerFigures.heatmaps(run.records()));
                    addIfPresent(made, LayerFigures.lastMeasurement(run.records()));
                });
        StringBuilder html = new StringBuilder();
        head(html, title);
        if (runs.size() > 1) {
            runsTable(html, runs);
        } else {
            summary(html, runs.isEmpty() ? List.of() : runs.get(0).records());
        }
        warnings(html, runs);
        for (Figure figure : made) {
            String svg = figure.svg();
            Files.writeString(figures.resolve(figure.name() + ".svg"), svg, StandardCharsets.UTF_8);
            figure.writePng(figures.resolve(figure.name() + ".png"));
            figure(html, figure, svg);
        }
        table(html, runs);
        html.append("<footer><p>Written by dl4j-richness on ").append(Instant.now())
                .append(". Nam et al., “Decoupling Dynamical Richness from Representation Learning: Towards Practical"
                        + " Measurement”, ICLR 2026.</p></footer>\n</body>\n</html>\n");
        Path page = folder.resolve(PAGE);
        Path partial = folder.resolve(PAGE + ".partial");
        Files.writeString(partial, html, StandardCharsets.UTF_8);
        Files.move(partial, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return page;
    }

    private static void addIfPresent(List<Figure> figures, Optional<Figure> figure) {
        figure.ifPresent(figures::add);
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px auto;max-width:1500px;color:#222;padding:0 16px}\n")
                .append("h1{font-size:24px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}\n")
                .append("figure{margin:12px 0}figure img{max-width:100%;height:auto;border:1px solid #eee}\n")
                .append("figcaption{color:#555;font-size:13px;margin-top:4px}\n")
                .append("table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 7px;")
                .append("text-align:right}th{background:#f4f4f4}td.text{text-align:left}\n")
                .append("dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{color:#555}dd{margin:0}\n")
                .append("footer{color:#777;font-size:12px;margin-top:32px}\n</style>\n</head>\n<body>\n<h1>")
                .append(escape(title)).append("</h1>\n");
    }

    private static void summary(StringBuilder html, List<RichnessRecord> records) {
        if (records.isEmpty()) {
            html.append("<p>No records yet.</p>\n");
            return;
        }
        RichnessRecord last = records.get(records.size() - 1);
        long failed = records.stream().filter(r -> !r.ok()).count();
        html.append("<dl>\n");
        term(html, "records", records.size() + (failed > 0 ? " (" + failed + " failed)" : ""));
        term(html, "measured", Instant.ofEpochMilli(records.get(0).when().timestampMillis()) + " to "
                + Instant.ofEpochMilli(last.when().timestampMillis()));
        term(html, "run", text(last.provenance().runId()));
        term(html, "features", text(last.provenance().head()));
        term(html, "output", text(last.provenance().outputMode()));
        term(html, "probe n, p, C", last.probe().testSamples() + ", " + last.probe().featureWidth() + ", "
                + last.probe().outputWidth());
        term(html, "last D_LR (projection)", number(last.lowRankDistance()) + " ("
                + number(last.distances().projectionLowRankDistance()) + ")");
        term(html, "dl4j-richness", text(last.provenance().libraryVersion()));
        html.append("</dl>\n");
    }

    private static void runsTable(StringBuilder html, List<Run> runs) {
        html.append("<h2>Runs compared</h2>\n<table class=\"runs\">\n<tr><th>run</th><th>run id</th><th>records</th>"
                + "<th>measured</th><th>features</th><th>output</th><th>n, p, C</th><th>last D_LR (projection)</th>"
                + "<th>dl4j-richness</th></tr>\n");
        for (Run run : runs) {
            List<RichnessRecord> records = run.records();
            RichnessRecord last = records.get(records.size() - 1);
            long failed = records.stream().filter(r -> !r.ok()).count();
            html.append("<tr>");
            cell(html, run.label(), true);
            cell(html, text(run.runId()), true);
            cell(html, records.size() + (failed > 0 ? " (" + failed + " failed)" : ""), false);
            cell(html, Instant.ofEpochMilli(records.get(0).when().timestampMillis()) + " to "
                    + Instant.ofEpochMilli(last.when().timestampMillis()), true);
            cell(html, text(last.provenance().head()), true);
            cell(html, text(last.provenance().outputMode()), true);
            cell(html, last.probe().testSamples() + ", " + last.probe().featureWidth() + ", "
                    + last.probe().outputWidth(), false);
            cell(html, number(last.lowRankDistance()) + " (" + number(last.distances().projectionLowRankDistance())
                    + ")", false);
            cell(html, text(last.provenance().libraryVersion()), true);
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void warnings(StringBuilder html, List<Run> runs) {
        Set<String> warnings = new LinkedHashSet<>();
        for (Run run : runs) {
            String prefix = runs.size() > 1 ? run.label() + ": " : "";
            run.records().forEach(r -> r.warnings().forEach(w -> warnings.add(prefix + w)));
            run.records().stream().filter(r -> !r.ok()).forEach(r -> warnings.add(prefix + "epoch " + r.epoch()
                    + ", iteration " + r.iteration() + ": measurement failed: " + r.failure()));
        }
        if (!warnings.isEmpty()) {
            html.append("<h2>Warnings</h2>\n<ul>\n");
            warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>\n"));
            html.append("</ul>\n");
        }
    }

    private static void figure(StringBuilder html, Figure figure, String svg) {
        html.append("<h2>").append(caption(figure.name())).append("</h2>\n<figure>\n<img src=\"data:image/svg+xml;base64,")
                .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)))
                .append("\" width=\"").append(figure.width()).append("\" height=\"").append(figure.height())
                .append("\" alt=\"").append(caption(figure.name())).append("\"/>\n<figcaption>Files: <a href=\"")
                .append(FIGURES).append('/').append(figure.name()).append(".png\">PNG</a>, <a href=\"").append(FIGURES)
                .append('/').append(figure.name()).append(".svg\">SVG</a></figcaption>\n</figure>\n");
    }

    private static String caption(String figure) {
        return switch (figure) {
            case "low-rank-distance" -> "Low-rank distance D_LR (eq. 4): 0 is richest, 1 laziest";
            case "spectra" -> "Spectra (Algorithm 1): quality Π*(k), utilisation Π̂(k), relative eigenvalues ρ_k/ρ_1";
            case "effective-dimension" -> "Effective dimension (eq. 9)";
            case "baselines" -> "Baselines (section 4.1)";
            case "layer-heatmaps" -> "Layer-wise D_LR and S_init (appendix I): layer × measurement";
            case "layer-curves" -> "Layer-wise D_LR and S_init at the last measurement";
            default -> escape(figure);
        };
    }

    private static void table(StringBuilder html, List<Run> runs) {
        boolean several = runs.size() > 1;
        html.append("<h2>Every record</h2>\n<table class=\"records\">\n<tr>").append(several ? "<th>run</th>" : "")
                .append("<th>epoch</th><th>iteration</th><th>n</th>");
        for (Scalar scalar : Scalar.values()) {
            html.append("<th>").append(scalar.key()).append("</th>");
        }
        html.append("<th>ms</th><th>failure</th></tr>\n");
        for (Run run : runs) {
            for (RichnessRecord record : run.records()) {
                html.append("<tr>");
                if (several) {
                    cell(html, run.label(), true);
                }
                html.append("<td>").append(record.epoch()).append("</td><td>").append(record.iteration())
                        .append("</td><td>").append(record.probe().testSamples()).append("</td>");
                for (Scalar scalar : Scalar.values()) {
                    html.append("<td>").append(number(scalar.of(record))).append("</td>");
                }
                html.append("<td>").append(record.when().durationMillis()).append("</td>");
                cell(html, record.failure() == null ? "" : record.failure(), true);
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static void cell(StringBuilder html, String content, boolean text) {
        html.append(text ? "<td class=\"text\">" : "<td>").append(escape(content)).append("</td>");
    }

    private static String text(String value) {
        return value == null ? "–" : value;
    }

    private static void term(StringBuilder html, String term, String definition) {
        html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(definition)).append("</dd>\n");
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.5g", value) : "–";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
