package io.github.richness.examples;

import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.figure.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code richness-report} command: turns a JSON Lines file of richness records (what
 * {@code RichnessListener.Builder.jsonLines} writes, e.g. on a headless training server) into a report folder
 * to look at anywhere: {@code report.html} (self-contained, opens offline) and the figures as PNG and SVG
 * ({@link HtmlReport}).
 *
 * <pre>
 * richness-report RECORDS.jsonl [--out DIR] [--title TEXT]
 *   --out DIR     the report folder (default: "report" beside the records file)
 *   --title TEXT  the page title (default: the records file's name)
 * </pre>
 * Prints the path of the page written; exits with status 2 on a usage error, 1 if the file cannot be read.
 */
public final class RichnessReport {

    private static final String USAGE = """
            Usage: richness-report RECORDS.jsonl [--out DIR] [--title TEXT]
            Writes DIR/report.html (self-contained) and DIR/figures/*.png|svg from richness records.
              --out DIR     the report folder (default: "report" beside the records file)
              --title TEXT  the page title (default: the records file's name)
              --help        this text""";

    private RichnessReport() {
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     * @param out where the result line goes
     * @param err where errors and usage go
     * @return the exit status: 0 done, 1 the records could not be read or the report written, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path records = null;
        Path folder = null;
        String title = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--out" -> folder = Path.of(value(args, ++i, "--out"));
                    case "--title" -> title = value(args, ++i, "--title");
                    default -> {
                        if (args[i].startsWith("-") || records != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        records = Path.of(args[i]);
                    }
                }
            }
            if (records == null) {
                throw new IllegalArgumentException("no records file given");
            }
        } catch (IllegalArgumentException e) {
            err.println("richness-report: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path parent = records.toAbsolutePath().getParent();
        Path target = folder != null ? folder : parent.resolve("report");
        try {
            if (!Files.isRegularFile(records)) {
                throw new IOException("no such file: " + records);
            }
            List<RichnessRecord> read = JsonLinesReporter.read(records);
            Path page = HtmlReport.write(read, target, title != null ? title : records.getFileName().toString());
            out.println("Report of " + read.size() + " records: " + page.toAbsolutePath());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("richness-report: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
