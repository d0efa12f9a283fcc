package io.github.richness.examples.common;

import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.ExistingFile;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.RichnessReporter;
import io.github.richness.report.figure.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop every example shares: attaches a {@link RichnessListener} that writes
 * {@code richness.jsonl} and {@code richness.csv} into the output folder (plus any extra reporters, e.g. an
 * HTML report), trains a {@link MultiLayerNetwork} or {@link ComputationGraph} for N epochs, and every
 * {@code k}-th epoch (and the last) evaluates train and test accuracy and logs one progress line: epoch,
 * loss, train accuracy, test accuracy, D_LR (eq. 4). At the end it writes the run's report from the JSON
 * Lines file ({@link HtmlReport}: {@code report/report.html} with the D_LR curve, the paper's three spectrum
 * panels, D_eff and the baselines, and every figure as PNG and SVG) and logs where the files are.
 *
 * <pre>{@code
 * TrainingSummary summary = TrainingLoop.builder(net, trainIterator, testIterator)
 *         .epochs(10).output(Path.of("out")).reportTo(htmlReporter).build().run();
 * }</pre>
 *
 * <p>The files of an earlier run in the same folder are replaced, not appended to ({@link ExistingFile#REPLACE}):
 * an example's folder holds one run; to compare runs, give each its own {@code --out} and pass their
 * {@code richness.jsonl} files to the {@code richness-report} command.
 */
public final class TrainingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /** The JSON Lines file in the output folder. */
    public static final String JSON_LINES = "richness.jsonl";
    /** The CSV file in the output folder. */
    public static final String CSV = "richness.csv";
    /** The report's folder inside the output folder. */
    public static final String REPORT = "report";

    private final Model model;
    private final DataSetIterator train;
    private final DataSetIterator trainEvaluation;
    private final DataSetIterator test;
    private final DataSetIterator probe;
    private final int epochs;
    private final int every;
    private final boolean measureAtStart;
    private final Path output;
    private final String label;
    private final String prefix;
    private final List<RichnessReporter> reporters;
    private final UnaryOperator<RichnessListener.Builder> listenerSettings;

    private TrainingLoop(Builder settings) {
        this.model = settings.model;
        this.train = settings.train;
        this.trainEvaluation = settings.trainEvaluation;
        this.test = settings.test;
        this.probe = settings.probe;
        this.epochs = settings.epochs;
        this.every = settings.every;
        this.measureAtStart = settings.measureAtStart;
        this.output = settings.output;
        this.label = settings.label;
        this.prefix = settings.label.isEmpty() ? "" : settings.label + ": ";
        this.reporters = List.copyOf(settings.reporters);
        this.listenerSettings = settings.listenerSettings;
    }

    /**
     * @param model a {@link MultiLayerNetwork} or single-input {@link ComputationGraph}, initialised
     * @param train the training minibatches
     * @param test the held-out data: test accuracy, and the listener's probe unless {@link Builder#probe} is set
     * @return a builder: 1 epoch, every epoch evaluated, train accuracy on {@code train}, output folder
     *         {@code richness-output}
     */
    public static Builder builder(Model model, DataSetIterator train, DataSetIterator test) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            throw new IllegalArgumentException("the training loop runs a MultiLayerNetwork or a ComputationGraph, got "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return new Builder(model, Objects.requireNonNull(train, "train"), Objects.requireNonNull(test, "test"));
    }

    /**
     * Trains, measures and evaluates.
     *
     * @return the evaluated epochs, the listener's history and the output folder
     */
    public TrainingSummary run() {
        Path out = output;
        RichnessListener listener = listener(out);
        model.addListeners(listener);
        List<EpochResult> results = new ArrayList<>();
        if (measureAtStart) {
            results.add(evaluate(0, listener.measureNow(model)));
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int measured = listener.history().size();
            fit();
            boolean scheduled = listener.history().size() > measured;
            if (scheduled || epoch == epochs) {
                RichnessRecord record = scheduled ? last(listener.history()) : listener.measureNow(model);
                results.add(evaluate(epoch, record));
            }
        }
        LOG.info("{}records written to {}", prefix, out.toAbsolutePath());
        writeReport(out);
        return new TrainingSummary(out, results, listener.history());
    }

    /** A report that cannot be written is a warning: the training and its records are complete without it. */
    private void writeReport(Path out) {
        String title = prefix.isEmpty() ? "dl4j-richness run" : label;
        try {
            Path page = HtmlReport.write(JsonLinesReporter.read(out.resolve(JSON_LINES)), out.resolve(REPORT), title);
            LOG.info("{}report written to {}", prefix, page.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}the report could not be written to {}: {}", prefix, out.resolve(REPORT), e.toString());
        }
    }

    private RichnessListener listener(Path out) {
        // the training probe, the paper's protocol for the spectrum and NC1: the listener copies the first
        // maxProbeSamples samples of the (shuffled) training iterator once, at build(), and never reads it again
        RichnessListener.Builder builder = RichnessListener.builder(probe)
                .trainingProbe(train)
                .frequency(every, InvocationType.EPOCH_END)
                .logRecords(false)
                .existingFiles(ExistingFile.REPLACE)
                .jsonLines(out.resolve(JSON_LINES))
                .csv(out.resolve(CSV));
        reporters.forEach(builder::reportTo);
        return listenerSettings.apply(builder).build();
    }

    private EpochResult evaluate(int epoch, RichnessRecord record) {
        EpochResult result = new EpochResult(epoch, model.score(), accuracy(trainEvaluation), accuracy(test), record);
        LOG.info(String.format(Locale.ROOT, "%sepoch %d/%d: loss %.4f, train acc %.3f, test acc %.3f, D_LR %.4f",
                prefix, epoch, epochs, result.loss(), result.trainAccuracy(),
                result.testAccuracy(), record.lowRankDistance()));
        return result;
    }

    private void fit() {
        if (model instanceof MultiLayerNetwork network) {
            network.fit(train);
        } else {
            ((ComputationGraph) model).fit(train);
        }
    }

    private double accuracy(DataSetIterator data) {
        data.reset();
        Evaluation evaluation = model instanceof MultiLayerNetwork network
                ? network.evaluate(data) : ((ComputationGraph) model).evaluate(data);
        return evaluation.accuracy();
    }

    private static RichnessRecord last(List<RichnessRecord> history) {
        return history.get(history.size() - 1);
    }

    /** Settings of a {@link TrainingLoop}. */
    public static final class Builder {

        private final Model model;
        private final DataSetIterator train;
        private final DataSetIterator test;
        private DataSetIterator trainEvaluation;
        private DataSetIterator probe;
        private int epochs = 1;
        private int every = 1;
        private boolean measureAtStart;
        private Path output = Path.of("richness-output");
        private String label = "";
        private final List<RichnessReporter> reporters = new ArrayList<>();
        private UnaryOperator<RichnessListener.Builder> listenerSettings = UnaryOperator.identity();

        private Builder(Model model, DataSetIterator train, DataSetIterator test) {
            this.model = model;
            this.train = train;
            this.test = test;
            this.trainEvaluation = train;
            this.probe = test;
        }

        /**
         * @param epochs passes over the training data, at least 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param every measure, evaluate and log every {@code every}-th epoch (the first and the last always)
         * @return this builder
         */
        public Builder every(int every) {
            this.every = every;
            return this;
        }

        /**
         * @param enabled whether to measure and evaluate the initial model too, before the first step (an
         *        {@link EpochResult} of epoch 0; off by default)
         * @return this builder
         */
        public Builder measureAtStart(boolean enabled) {
            this.measureAtStart = enabled;
            return this;
        }

        /**
         * @param data where train accuracy is evaluated (default: the training iterator; a subset is cheaper)
         * @return this builder
         */
        public Builder trainEvaluation(DataSetIterator data) {
            this.trainEvaluation = Objects.requireNonNull(data, "trainEvaluation");
            return this;
        }

        /**
         * @param data the listener's probe (default: the test iterator)
         * @return this builder
         */
        public Builder probe(DataSetIterator data) {
            this.probe = Objects.requireNonNull(data, "probe");
            return this;
        }

        /**
         * @param folder where the records go
         * @return this builder
         */
        public Builder output(Path folder) {
            this.output = Objects.requireNonNull(folder, "output");
            return this;
        }

        /**
         * @param setting a name put in front of every progress line, e.g. "last layer only, seed 2"
         * @return this builder
         */
        public Builder label(String setting) {
            this.label = Objects.requireNonNull(setting, "label");
            return this;
        }

        /**
         * @param reporter an extra destination for every record (an HTML report, the training UI)
         * @return this builder
         */
        public Builder reportTo(RichnessReporter reporter) {
            reporters.add(Objects.requireNonNull(reporter, "reporter"));
            return this;
        }

        /**
         * @param settings further listener settings, applied to the listener's builder before it is built
         *        (e.g. {@code b -> b.maxProbeSamples(1000)})
         * @return this builder
         */
        public Builder listener(UnaryOperator<RichnessListener.Builder> settings) {
            this.listenerSettings = Objects.requireNonNull(settings, "listener");
            return this;
        }

        /**
         * @return the loop
         * @throws IllegalArgumentException if epochs or every is below 1
         */
        public TrainingLoop build() {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (every < 1) {
                throw new IllegalArgumentException("every must be at least 1, got " + every);
            }
            return new TrainingLoop(this);
        }
    }
}
