package io.github.richness.report.figure;

import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Run;
import io.github.richness.record.Scalar;
import io.github.richness.record.Spectra;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, drawn with XChart from the records of one or several runs ({@link Run}):
 * <ul>
 * <li>{@link #lowRankDistance}: D_LR (eq. 4) and its projection variant against the iteration;</li>
 * <li>{@link #spectra}: the paper's three panels (figures 1, 3, 4): cumulative quality Π*(k), cumulative
 *     utilisation Π̂(k) and relative eigenvalues ρ_k/ρ_1 against k on a log axis (Algorithm 1), one line per
 *     chosen record with its D_LR in the legend;</li>
 * <li>{@link #effectiveDimension}: D_eff(ρ) and D_eff(Q̂) (eq. 9) against the iteration;</li>
 * <li>{@link #baselines}: S_init, ‖θ‖², NC1 and Tr(Σ_W) (section 4.1), each on its own axis.</li>
 * </ul>
 * Several runs are overlaid on the same axes, one colour per run, the legend naming each run by its label;
 * where a figure has two quantities, the second is the dashed line of the run's colour. One run is drawn as
 * before runs existed: one colour per quantity, the legend naming the quantities. Values that are not finite
 * (failed measurements, a baseline that was off) are left out of the lines; a panel with no value at all is left
 * out, and a figure without panels is not made ({@link Optional#empty()}): records without class labels have no
 * Π*(k), NC1 or Tr(Σ_W).
 */
public final class RichnessFigures {

    /** Panel width in figure units. */
    public static final int PANEL_WIDTH = 480;
    /** Panel height in figure units (of one run; with several, the legend below adds a row per entry). */
    public static final int PANEL_HEIGHT = 360;
    /** Height a legend entry below a panel adds, in figure units. */
    public static final int LEGEND_ROW_HEIGHT = 20;

    /** Okabe–Ito colours: distinguishable with colour-blindness and in greyscale print. */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0)};
    private static final String FONT = Font.SANS_SERIF;
    /** Spectra longer than this are drawn as plain lines: markers on every k would blur them. */
    private static final int MAX_MARKED_ENTRIES = 40;
    private static final float LINE_WIDTH = 2.2f;
    private static final BasicStroke SOLID = new BasicStroke(LINE_WIDTH);
    private static final BasicStroke DASHED = new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {7f, 4f}, 0f);
    /** Reference lines (the lazy reference, the Nyström trust limit): thinner, with shorter dashes. */
    private static final BasicStroke REFERENCE_LINE = new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 4f}, 0f);

    private RichnessFigures() {
    }

    /**
     * @param runs the runs, each with its label
     * @return D_LR with ± one jackknife standard error as error bars, projection D_LR, and the run's lazy
     *         reference d_lr_lazy as a thin dashed horizontal line, against the iteration
     */
    public static Optional<Figure> lowRankDistance(List<Run> runs) {
        XYChart chart = twoSeriesChart("Low-rank distance (0 rich, 1 lazy)", "D_LR", runs,
                Scalar.LOW_RANK_DISTANCE, "D_LR", Scalar.PROJECTION_LOW_RANK_DISTANCE, "D_LR (projection)");
        if (chart == null) {
            return Optional.empty();
        }
        lazyReferences(chart, runs);
        return Optional.of(new Figure("low-rank-distance", List.of(chart)));
    }

    /** The lazy reference of each run (the same on all its records): a dashed line over the run's iterations. */
    private static void lazyReferences(XYChart chart, List<Run> runs) {
        for (int r = 0; r < runs.size(); r++) {
            List<double[]> points = new ArrayList<>();
            for (RichnessRecord record : runs.get(r).records()) {
                double lazy = record.distances().lazyLowRankDistance();
                if (Double.isFinite(lazy)) {
                    points.add(new double[] {record.iteration(), lazy});
                }
            }
            if (!points.isEmpty()) {
                double[] first = points.get(0);
                double[] last = points.get(points.size() - 1);
                Color color = runs.size() == 1 ? Color.GRAY : PALETTE[r % PALETTE.length];
                series(chart, prefix(runs, r) + "lazy reference d_lr_lazy", color, REFERENCE_LINE,
                        List.of(first, new double[] {Math.max(last[0], first[0] + 1), first[1]}), false);
            }
        }
    }

    /**
     * @param runs the runs, each with its label
     * @param perRun how many records of each run to overlay, chosen by {@link SpectrumSelection} (at least 1)
     * @return the three spectrum panels
     */
    public static Optional<Figure> spectra(List<Run> runs, int perRun) {
        XYChart quality = chart("Cumulative quality", "k", "Π*(k)", null);
        XYChart utilization = chart("Cumulative utilisation", "k", "Π̂(k)", null);
        XYChart eigenvalues = chart("Relative eigenvalues", "k", "ρ_k / ρ_1", LegendPosition.InsideNE);
        for (XYChart panel : List.of(quality, utilization, eigenvalues)) {
            panel.getStyler().setXAxisLogarithmic(true);
        }
        quality.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        utilization.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        eigenvalues.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        Set<String> names = new HashSet<>();
        int line = 0;
        for (int r = 0; r < runs.size(); r++) {
            for (RichnessRecord record : SpectrumSelection.choose(runs.get(r).records(), perRun)) {
                String name = unique(names, prefix(runs, r) + String.format(Locale.ROOT,
                        "epoch %d (it %d): D_LR = %.3f", record.epoch(), record.iteration(), record.lowRankDistance()));
                Color color = PALETTE[(runs.size() == 1 ? line : r) % PALETTE.length];
                spectrumSeries(quality, name, color, record.spectra().cumulativeQuality());
                spectrumSeries(utilization, name, color, record.spectra().cumulativeUtilization());
                spectrumSeries(eigenvalues, name, color, record.spectra().relativeEigenvalues());
                trustLimit(eigenvalues, name, color, record.spectra());
                line++;
            }
        }
        List<XYChart> panels = Stream.of(quality, utilization, eigenvalues)
                .filter(panel -> !panel.getSeriesMap().isEmpty()).toList();
        return panels.isEmpty() ? Optional.empty() : Optional.of(new Figure("spectra", panels));
    }

    /**
     * Marks the Nyström trust limit K (appendix J) on the relative-eigenvalue panel: a dashed vertical line at
     * k = K, beyond which the eigenvalues are below this probe size's sampling noise. Not drawn when K is 0 (not
     * measured) or covers every entry the record kept.
     */
    private static void trustLimit(XYChart chart, String name, Color color, Spectra spectra) {
        int limit = spectra.trustedEigenvalues();
        if (limit > 0 && limit < spectra.relativeEigenvalues().length) {
            series(chart, name + ": trusted up to k = " + limit, color, REFERENCE_LINE,
                    List.of(new double[] {limit, 0.0}, new double[] {limit, 1.0}), false);
        }
    }

    /**
     * @param runs the runs, each with its label
     * @return D_eff(ρ) and D_eff(Q̂) against the iteration
     */
    public static Optional<Figure> effectiveDimension(List<Run> runs) {
        return twoSeries("effective-dimension", "Effective dimension", "D_eff", runs,
                Scalar.EFFECTIVE_DIMENSION, "D_eff(ρ)", Scalar.UTILIZATION_EFFECTIVE_DIMENSION, "D_eff(Q̂)");
    }

    /**
     * @param runs the runs, each with its label
     * @return one panel per baseline that has values, with a legend of the runs when there are several
     */
    public static Optional<Figure> baselines(List<Run> runs) {
        List<XYChart> panels = new ArrayList<>();
        baseline(panels, "Kernel similarity to init", "S_init", runs, Scalar.KERNEL_SIMILARITY_TO_INIT);
        baseline(panels, "Parameter norm", "‖θ‖²", runs, Scalar.PARAMETER_NORM_SQUARED);
        baseline(panels, "Neural collapse NC1", "Tr(Σ_b⁺ Σ_W)", runs, Scalar.NC1);
        baseline(panels, "Within-class variation", "Tr(Σ_W)", runs, Scalar.WITHIN_CLASS_TRACE);
        return panels.isEmpty() ? Optional.empty() : Optional.of(new Figure("baselines", panels));
    }

    /** One run: a colour per quantity. Several: a colour per run, the second quantity dashed. */
    private static Optional<Figure> twoSeries(String figure, String title, String axis, List<Run> runs,
                                              Scalar first, String firstName, Scalar second, String secondName) {
        XYChart chart = twoSeriesChart(title, axis, runs, first, firstName, second, secondName);
        return chart == null ? Optional.empty() : Optional.of(new Figure(figure, List.of(chart)));
    }

    /** @return the chart of {@link #twoSeries}, or null when no record has either value */
    private static XYChart twoSeriesChart(String title, String axis, List<Run> runs, Scalar first, String firstName,
                                          Scalar second, String secondName) {
        XYChart chart = runs.size() == 1 ? chart(title, "iteration", axis, LegendPosition.InsideNE)
                : chartWithLegendBelow(title, axis, 2 * runs.size());
        boolean any = false;
        for (int r = 0; r < runs.size(); r++) {
            boolean one = runs.size() == 1;
            List<RichnessRecord> records = runs.get(r).records();
            any |= timeSeries(chart, prefix(runs, r) + firstName, PALETTE[one ? 0 : r % PALETTE.length], SOLID,
                    records, first);
            if (first == Scalar.LOW_RANK_DISTANCE) {
                errorBars(chart, prefix(runs, r) + firstName, records);
            }
            any |= timeSeries(chart, prefix(runs, r) + secondName, PALETTE[one ? 1 : r % PALETTE.length],
                    one ? SOLID : DASHED, records, second);
        }
        return any ? chart : null;
    }

    private static void baseline(List<XYChart> panels, String title, String axis, List<Run> runs, Scalar scalar) {
        XYChart chart = runs.size() == 1 ? chart(title, "iteration", axis, null)
                : chartWithLegendBelow(title, axis, runs.size());
        boolean any = false;
        for (int r = 0; r < runs.size(); r++) {
            any |= timeSeries(chart, runs.size() == 1 ? axis : runs.get(r).label(), PALETTE[r % PALETTE.length],
                    SOLID, runs.get(r).records(), scalar);
        }
        if (any) {
            panels.add(chart);
        }
    }

    /** @return the run's label and a colon when several runs share the axes, else nothing */
    private static String prefix(List<Run> runs, int r) {
        return runs.size() == 1 ? "" : runs.get(r).label() + ": ";
    }

    /** A chart against the iteration for several runs: the legend below the plot, the panel taller by its rows. */
    private static XYChart chartWithLegendBelow(String title, String y, int entries) {
        return chart(title, "iteration", y, LegendPosition.OutsideS, PANEL_HEIGHT + LEGEND_ROW_HEIGHT * entries);
    }

    private static XYChart chart(String title, String x, String y, LegendPosition legend) {
        return chart(title, x, y, legend, PANEL_HEIGHT);
    }

    private static XYChart chart(String title, String x, String y, LegendPosition legend, int height) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(height).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.DARK_GRAY);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 17));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendVisible(legend != null);
        if (legend != null) {
            styler.setLegendPosition(legend);
        }
        styler.setSeriesColors(PALETTE);
        styler.setMarkerSize(6);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
        return chart;
    }

    private static boolean timeSeries(XYChart chart, String name, Color color, BasicStroke line,
                                      List<RichnessRecord> records, Scalar scalar) {
        List<double[]> points = new ArrayList<>();
        for (RichnessRecord record : records) {
            double value = scalar.of(record);
            if (Double.isFinite(value)) {
                points.add(new double[] {record.iteration(), value});
            }
        }
        return series(chart, name, color, line, points, true);
    }

    /**
     * Gives the named D_LR series its ± one standard error bars (0 where a record has none) and the name
     * {@code … ± se}, when any record has one; XChart draws them in the series' colour.
     */
    private static void errorBars(XYChart chart, String name, List<RichnessRecord> records) {
        XYSeries series = chart.getSeriesMap().get(name);
        List<Double> errors = new ArrayList<>();
        boolean any = false;
        for (RichnessRecord record : records) {
            if (Double.isFinite(Scalar.LOW_RANK_DISTANCE.of(record))) {
                double error = Scalar.LOW_RANK_DISTANCE_STANDARD_ERROR.of(record);
                any |= Double.isFinite(error);
                errors.add(Double.isFinite(error) ? error : 0.0);
            }
        }
        if (series != null && any) {
            double[] x = series.getXData();
            double[] y = series.getYData();
            chart.removeSeries(name);
            XYSeries withErrors = chart.addSeries(name + " ± se", x, y, errors.stream().mapToDouble(Double::doubleValue)
                    .toArray());
            withErrors.setLineStyle(series.getLineStyle());
            withErrors.setLineColor(series.getLineColor());
            withErrors.setMarkerColor(series.getMarkerColor());
            withErrors.setMarker(series.getMarker());
            chart.getStyler().setErrorBarsColorSeriesColor(true);
        }
    }

    private static void spectrumSeries(XYChart chart, String name, Color color, double[] values) {
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            if (Double.isFinite(values[k])) {
                points.add(new double[] {k + 1, values[k]});
            }
        }
        series(chart, name, color, SOLID, points, values.length <= MAX_MARKED_ENTRIES);
    }

    private static boolean series(XYChart chart, String name, Color color, BasicStroke line, List<double[]> points,
                                  boolean markers) {
        if (points.isEmpty()) {
            return false;
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineStyle(line);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return true;
    }

    private static String unique(Set<String> names, String name) {
        String candidate = name;
        for (int i = 2; !names.add(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }
}
