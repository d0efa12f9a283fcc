package io.github.richness.examples.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A results table in the form of the paper's tables 3 and 5: one row per setting with train accuracy, test
 * accuracy, D_LR (eq. 4) and further metrics. Rows added under the same setting are seeds of one
 * experiment: the table shows their mean ± sample standard deviation and the number of seeds.
 *
 * <p>{@link #markdown()} renders it as a Markdown table; {@link #write(Path)} logs it and writes it to a file.
 * Accuracies are shown in percent.
 */
public final class ResultsTable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsTable.class);
    private static final int FIXED_COLUMNS = 3;

    private final String title;
    private final List<String> extraColumns;
    private final Map<String, List<double[]>> rows = new LinkedHashMap<>();

    /**
     * @param title the table's caption
     * @param extraColumns names of the metrics after train accuracy, test accuracy and D_LR
     */
    public ResultsTable(String title, List<String> extraColumns) {
        this.title = title;
        this.extraColumns = List.copyOf(extraColumns);
    }

    /**
     * Adds one run (one seed) of a setting.
     *
     * @param setting the row's name; runs with the same name are averaged
     * @param trainAccuracy in [0, 1]
     * @param testAccuracy in [0, 1]
     * @param lowRankDistance D_LR
     * @param extras one value per extra column, in the constructor's order
     * @return this table
     * @throws IllegalArgumentException if the number of extras does not match the extra columns
     */
    public ResultsTable add(String setting, double trainAccuracy, double testAccuracy, double lowRankDistance,
                            double... extras) {
        if (extras.length != extraColumns.size()) {
            throw new IllegalArgumentException("row '" + setting + "' has " + extras.length + " extra values for "
                    + extraColumns.size() + " extra columns " + extraColumns);
        }
        double[] values = new double[FIXED_COLUMNS + extras.length];
        values[0] = trainAccuracy;
        values[1] = testAccuracy;
        values[2] = lowRankDistance;
        System.arraycopy(extras, 0, values, FIXED_COLUMNS, extras.length);
        rows.computeIfAbsent(setting, s -> new ArrayList<>()).add(values);
        return this;
    }

    /**
     * @param setting a row's name
     * @param column 0 train accuracy, 1 test accuracy, 2 D_LR, 3 onwards the extra columns
     * @return the mean and spread of that cell over the row's runs
     * @throws IllegalArgumentException if there is no such row
     */
    public MeanAndSpread cell(String setting, int column) {
        List<double[]> runs = rows.get(setting);
        if (runs == null) {
            throw new IllegalArgumentException("no row '" + setting + "' in table '" + title + "'");
        }
        return MeanAndSpread.of(runs.stream().mapToDouble(values -> values[column]).toArray());
    }

    /** @return the table as Markdown: a caption line, a header, one row per setting */
    public String markdown() {
        List<String> header = new ArrayList<>(List.of("Setting", "Train acc. (%)", "Test acc. (%)", "D_LR"));
        header.addAll(extraColumns);
        header.add("Seeds");
        StringBuilder text = new StringBuilder("**").append(title).append("**\n\n");
        text.append(line(header));
        text.append(line(header.stream().map(h -> "---").toList()));
        for (String setting : rows.keySet()) {
            List<String> cells = new ArrayList<>(List.of(setting));
            for (int column = 0; column < FIXED_COLUMNS + extraColumns.size(); column++) {
                cells.add(format(cell(setting, column), column < 2 ? 100 : 1));
            }
            cells.add(Integer.toString(rows.get(setting).size()));
            text.append(line(cells));
        }
        return text.toString();
    }

    /**
     * Logs the table and writes it as Markdown.
     *
     * @param file the file to write, its folder created if needed
     */
    public void write(Path file) {
        String markdown = markdown();
        LOG.info("{}\n{}", title, markdown);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results table to " + file, e);
        }
        LOG.info("Results table written to {}", file.toAbsolutePath());
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String format(MeanAndSpread value, double scale) {
        String mean = number(value.mean() * scale);
        return value.count() == 1 ? mean : mean + " ± " + number(value.standardDeviation() * scale);
    }

    private static String number(double value) {
        if (value == 0) {
            return "0";
        }
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        return magnitude >= 1e4 || magnitude < 1e-3
                ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
