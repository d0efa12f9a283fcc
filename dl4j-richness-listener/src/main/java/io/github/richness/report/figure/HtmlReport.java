package io.github.richness.report.figure;

import io.github.richness.record.RichnessRecord;
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
 * Writes a run's report into a folder: {@code report.html}, one self-contained page (the figures are SVG
 * embedded as data URIs, the style inline; it opens offline in any browser), and every figure of
 * {@link RichnessFigures} as PNG and SVG under {@code figures/}, for papers and slides.
 *
 * <p>The page holds the run's summary, D_LR against the iteration, the three spectrum panels (section 5)
 * for the last record and up to {@value #SPECTRA_SHOWN} − 1 earlier ones ({@link SpectrumSelection}), D_eff,
 * the baselines, the warnings, and the table of every record's scalars. It is well-formed XHTML5 (an XML
 * parser reads it). Each figure is embedded as an {@code <img>} with a data URI rather than as inline
 * {@code <svg>}: XChart's SVGs use the same clip-path IDs, which would collide inside one document.
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
     * @param records the run's records in order (may be empty)
     * @param folder the report folder, created if needed; files of an earlier report are replaced
     * @param title the page title, e.g. the run's name
     * @return the page written
     * @throws IOException if a file cannot be written
     */
    public static Path write(List<RichnessRecord> records, Path folder, String title) throws IOException {
        Path figures = Files.createDirectories(folder.resolve(FIGURES));
        List<Figure> made = new ArrayList<>();
        addIfPresent(made, RichnessFigures.lowRankDistance(records));
        addIfPresent(made, RichnessFigures.spectra(SpectrumSelection.choose(records, SPECTRA_SHOWN)));
        addIfPresent(made, RichnessFigures.effectiveDimension(records));
        addIfPresent(made, RichnessFigures.baselines(records));
        StringBuilder html = new StringBuilder();
        head(html, title);
        summary(html, records);
        for (Figure figure : made) {
            String svg = figure.svg();
            Files.writeString(figures.resolve(figure.name() + ".svg"), svg, StandardCharsets.UTF_8);
            figure.writePng(figures.resolve(figure.name() + ".png"));
            figure(html, figure, svg);
        }
        table(html, records);
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
        term(html, "features", last.provenance().head() == null ? "–" : last.provenance().head());
        term(html, "probe n, p, C", last.probe().testSamples() + ", " + last.probe().featureWidth() + ", "
                + last.probe().outputWidth());
        term(html, "last D_LR (projection)", number(last.lowRankDistance()) + " ("
                + number(last.distances().projectionLowRankDistance()) + ")");
        html.append("</dl>\n");
        Set<String> warnings = new LinkedHashSet<>();
        records.forEach(r -> warnings.addAll(r.warnings()));
        records.stream().filter(r -> !r.ok()).forEach(r -> warnings.add("epoch " + r.epoch() + ", iteration "
                + r.iteration() + ": measurement failed: " + r.failure()));
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
            default -> escape(figure);
        };
    }

    private static void table(StringBuilder html, List<RichnessRecord> records) {
        html.append("<h2>Every record</h2>\n<table>\n<tr><th>epoch</th><th>iteration</th><th>n</th>");
        for (Scalar scalar : Scalar.values()) {
            html.append("<th>").append(scalar.key()).append("</th>");
        }
        html.append("<th>ms</th><th>failure</th></tr>\n");
        for (RichnessRecord record : records) {
            html.append("<tr><td>").append(record.epoch()).append("</td><td>").append(record.iteration())
                    .append("</td><td>").append(record.probe().testSamples()).append("</td>");
            for (Scalar scalar : Scalar.values()) {
                html.append("<td>").append(number(scalar.of(record))).append("</td>");
            }
            html.append("<td>").append(record.when().durationMillis()).append("</td><td class=\"text\">")
                    .append(record.failure() == null ? "" : escape(record.failure())).append("</td></tr>\n");
        }
        html.append("</table>\n");
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
