package io.github.richness.report.figure;

import io.github.richness.record.LayerRichness;
import io.github.richness.record.RichnessRecord;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The layer-wise figures (appendix I): a layer × measurement heatmap of D_LR_l and one of S_init_l, the layers
 * named on the vertical axis in the order of the forward pass and the measurements (by iteration) on the
 * horizontal one; and the per-layer curves of D_LR_l and S_init_l at the last measurement. A layer's
 * channel-pooled and sketched values are rows of their own, labelled so ({@link LayerRichness#label()}).
 * Records without layers (the head alone, failed measurements) are left out.
 */
public final class LayerFigures {

    private static final Color[] GRADIENT = {new Color(0, 114, 178), new Color(240, 240, 240), new Color(213, 94, 0)};

    private LayerFigures() {
    }

    /**
     * @param records one run's records, in order
     * @return the two heatmaps side by side, or empty when no record has layers
     */
    public static Optional<Figure> heatmaps(List<RichnessRecord> records) {
        List<RichnessRecord> measured = records.stream().filter(r -> !r.layers().isEmpty()).toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = labels(measured);
        return Optional.of(new Figure("layer-heatmaps", List.of(
                heatmap("D_LR per layer (0 rich, 1 lazy)", measured, labels, LayerRichness::lowRankDistance),
                heatmap("S_init per layer", measured, labels, LayerRichness::kernelSimilarityToInit))));
    }

    /**
     * @param records one run's records, in order
     * @return D_LR_l and S_init_l against the layer at the last measurement with layers, or empty
     */
    public static Optional<Figure> lastMeasurement(List<RichnessRecord> records) {
        List<RichnessRecord> measured = records.stream().filter(r -> !r.layers().isEmpty()).toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        RichnessRecord last = measured.get(measured.size() - 1);
        CategoryChart chart = new CategoryChartBuilder().width(2 * RichnessFigures.PANEL_WIDTH)
                .height(RichnessFigures.PANEL_HEIGHT).title("Layers at epoch " + last.epoch() + ", iteration "
                        + last.iteration()).xAxisTitle("layer").yAxisTitle("value").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                .setOverlapped(true).setYAxisMin(0.0).setYAxisMax(1.0).setXAxisLabelRotation(30)
                .setLegendPosition(Styler.LegendPosition.InsideNE).setChartBackgroundColor(Color.WHITE);
        List<String> labels = last.layers().stream().map(LayerRichness::label).toList();
        chart.addSeries("D_LR", labels, values(last, LayerRichness::lowRankDistance)).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("S_init", labels, values(last, LayerRichness::kernelSimilarityToInit))
                .setMarker(SeriesMarkers.SQUARE);
        return Optional.of(new Figure("layer-curves", List.of(chart)));
    }

    private static HeatMapChart heatmap(String title, List<RichnessRecord> records, List<String> labels,
                                        ToDoubleFunction<LayerRichness> value) {
        HeatMapChart chart = new HeatMapChartBuilder().width(RichnessFigures.PANEL_WIDTH)
                .height(RichnessFigures.PANEL_HEIGHT + 20 * Math.max(0, labels.size() - 8)).title(title)
                .xAxisTitle("iteration").yAxisTitle("").build();
        chart.getStyler().setMin(0.0).setMax(1.0).setRangeColors(GRADIENT).setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE);
        List<Integer> iterations = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        for (int x = 0; x < records.size(); x++) {
            iterations.add(records.get(x).iteration());
            for (LayerRichness layer : records.get(x).layers()) {
                double v = value.applyAsDouble(layer);
                if (Double.isFinite(v)) {
                    cells.add(new Number[] {x, labels.indexOf(layer.label()), v});
                }
            }
        }
        chart.addSeries(title, iterations, labels, cells);
        return chart;
    }

    private static List<String> labels(List<RichnessRecord> records) {
        Set<String> labels = new LinkedHashSet<>();
        records.forEach(r -> r.layers().forEach(layer -> labels.add(layer.label())));
        return new ArrayList<>(labels);
    }

    private static List<Double> values(RichnessRecord record, ToDoubleFunction<LayerRichness> value) {
        return record.layers().stream().map(layer -> {
            double v = value.applyAsDouble(layer);
            return Double.isFinite(v) ? v : null;
        }).toList();
    }
}
