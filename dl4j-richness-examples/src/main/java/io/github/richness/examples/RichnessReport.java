package io.github.richness.examples;

import io.github.richness.record.Run;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.RecordsRead;
import io.github.richness.report.figure.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code richness-report} command: turns one or more JSON Lines files of richness records (what
 * {@code RichnessListener.Builder.jsonLines} writes, e.g. on a headless training server) into a report folder
 * to look at anywhere: {@code report.html} (self-contained, opens offline) and the figures as PNG and SVG
 * ({@link HtmlReport}).
 *
 * <pre>
 * richness-report RECORDS.jsonl [--label TEXT] [MORE.jsonl [--label TEXT]]... [--out DIR] [--title TEXT]
 *   --label TEXT  what the legends call the runs of the file before it (default: the file's name)
 *   --out DIR     the report folder (default: "report" beside the first records file)
 *   --title TEXT  the page title (default: the records files' names)
 * </pre>
 *
 * <p>Every run is its own series, overlaid on the same axes: the runs of one file are told apart by their run
 * ids (records of files written before run ids existed, where the iteration goes backwards), and the runs of
 * several files by the file. A run is named in the legends by its file's label (the file's name, or its folder
 * and name where two files share a name, or {@code --label}), followed by the short run id when the file holds
 * several runs. Lines that are not complete records (a run killed while writing) are skipped and listed on the
 * error stream; the report is still written.
 *
 * <p>Prints the path of the page written; exits with status 2 on a usage error, 1 if a file cannot be read.
 */
public final class RichnessReport {

    private static final String USAGE = """
            Usage: richness-report RECORDS.jsonl [--label TEXT] [MORE.jsonl [--label TEXT]]... [--out DIR] [--title TEXT]
            Writes DIR/report.html (self-contained) and DIR/figures/*.png|svg from richness records; every run
            (several files, or several runs in one file) is its own series on the same axes.
              --label TEXT  what the legends call the runs of the file before it (default: the file's name)
              --out DIR     the report folder (default: "report" beside the first records file)
              --title TEXT  the page title (default: the records files' names)
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
     * @param err where errors, skipped lines and usage go
     * @return the exit status: 0 done, 1 the records could not be read or the report written, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
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
                    case "--label" -> {
                        String label = value(args, ++i, "--label");
                        if (files.isEmpty() || labels.get(files.size() - 1) != null) {
                            throw new IllegalArgumentException("--label " + label
                                    + " must follow the records file it names, once");
                        }
                        labels.set(files.size() - 1, label);
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                        labels.add(null);
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no records file given");
            }
        } catch (IllegalArgumentException e) {
            err.println("richness-report: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path target = folder != null ? folder : files.get(0).toAbsolutePath().getParent().resolve("report");
        try {
            List<Run> runs = new ArrayList<>();
            long records = 0;
            for (int f = 0; f < files.size(); f++) {
                Path file = files.get(f);
                if (!Files.isRegularFile(file)) {
                    throw new IOException("no such file: " + file);
                }
                RecordsRead read = JsonLinesReporter.readWithSkipped(file);
                read.skipped().forEach(line -> err.println("richness-report: " + file + " line " + line.line()
                        + " skipped: " + line.reason()));
                String label = labels.get(f) != null ? labels.get(f) : sourceLabel(files, f);
                runs.addAll(Run.split(read.records(), label));
                records += read.records().size();
            }
            String heading = title != null ? title
                    : files.stream().map(file -> file.getFileName().toString()).distinct()
                            .collect(Collectors.joining(", "));
            Path page = HtmlReport.writeRuns(runs, target, heading);
            out.println("Report of " + records + " records in " + runs.size() + (runs.size() == 1 ? " run" : " runs")
                    + ": " + page.toAbsolutePath());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("richness-report: " + e.getMessage());
            return 1;
        }
    }

    /** @return the file's name; its folder and name where another file has the same name; else the path given */
    private static String sourceLabel(List<Path> files, int f) {
        Path file = files.get(f);
        String name = file.getFileName().toString();
        if (files.stream().filter(other -> other.getFileName().toString().equals(name)).count() == 1) {
            return name;
        }
        String withFolder = folderAndName(file);
        return files.stream().filter(other -> folderAndName(other).equals(withFolder)).count() == 1 ? withFolder
                : file.toString();
    }

    private static String folderAndName(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? file.getFileName().toString()
                : parent.getFileName() + "/" + file.getFileName();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
