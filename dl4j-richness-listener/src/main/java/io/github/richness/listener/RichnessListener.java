package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.CsvReporter;
import io.github.richness.report.ExistingFile;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.LogReporter;
import io.github.richness.report.RichnessReporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J {@code TrainingListener} that measures, while a model trains, whether training is in the rich or
 * the lazy regime: D_LR (Nam et al., ICLR 2026, eq. 4), the spectra of section 5 (ρ_k, Π*(k), Π̂(k),
 * D_eff) and the baselines of section 4.1 (S_init, ‖θ‖², NC1, Tr(Σ_W)), on a held-out probe set.
 *
 * <pre>{@code
 * RichnessListener richness = RichnessListener.builder(probeIterator)
 *         .frequency(1, InvocationType.EPOCH_END)
 *         .build();
 * net.addListeners(richness);
 * net.fit(trainIterator, 10);
 * richness.history();   // one RichnessRecord per measurement
 * }</pre>
 *
 * <p>Scheduling follows DL4J's {@code EvaluativeListener}: the listener counts its invocations of the chosen
 * {@link InvocationType} and measures on the first and then every {@code frequency}-th. An iteration that is
 * not measured costs a counter check.
 *
 * <p>Each measurement runs the model's inference forward pass (dropout off, batch norm with running
 * statistics) on the probe in minibatches, captures the features Φ entering the last linear layer and its
 * output f̂ = φW + b ({@link OutputMode}), accumulates their moments on the ND4J backend and computes the
 * numbers there; only scalars and short vectors come to the host. It leaves training exactly as it was: the
 * model's inputs, labels, masks and layer inputs are restored, the random stream is not used, the
 * parameters are not touched. Whatever fails inside a measurement or a reporter (NaN activations, an
 * unsupported layer, out of memory, any {@link Throwable}) is logged (a cause's stack trace once, then one
 * line) and recorded as a failed {@link RichnessRecord}; nothing is thrown out of {@code fit}.
 *
 * <p>S_init compares with the model as it was before its first update: at the first {@code onEpochStart} or
 * the first training forward pass, whichever comes first (so also in a user's own {@code fit(DataSet)} loop),
 * the listener keeps a copy of the model ({@code clone()}, the memory of one more set of parameters) and runs it
 * on the same probe samples at each measurement. Turn baselines off to save that memory and forward pass. If
 * the copy fails, there is no S_init (a warning says why) and the rest is measured as usual.
 *
 * <p>Every record carries its provenance ({@link io.github.richness.record.Provenance}): this listener's
 * {@link #runId() run id}, the library version, the head, the probes and the settings. Records go to
 * {@link #history()} (scalars for every record, spectra for the latest {@link Builder#keepSpectraOfLast(int) K})
 * and to the reporters: by default one log line each.
 *
 * <p>One listener measures one model: the first it sees; a measurement requested for another model is a
 * failed record saying so (S_init would otherwise compare with the first model's initial state). Not meant to
 * be shared across threads (DL4J calls listeners from the training thread); {@link #history()} may be read
 * from any thread.
 */
public final class RichnessListener extends BaseTrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(RichnessListener.class);

    private final ListenerSettings settings;
    private final Measurement measurement;
    private final ReporterDispatch dispatch;
    private final List<RichnessRecord> history = new ArrayList<>();
    private long invocations;
    private MeasuredModel measured;

    private RichnessListener(ListenerSettings settings) {
        this.settings = settings;
        this.measurement = new Measurement(settings);
        this.dispatch = new ReporterDispatch(settings.reporters());
    }

    /**
     * @param probe a held-out iterator, reset before each measurement
     * @return a builder
     * @throws IllegalArgumentException at {@link Builder#build()} if the iterator is empty
     */
    public static Builder builder(DataSetIterator probe) {
        return new Builder(probe, null);
    }

    /**
     * @param probe a held-out data set, measured in minibatches
     * @return a builder
     * @throws IllegalArgumentException at {@link Builder#build()} if the data set is empty
     */
    public static Builder builder(DataSet probe) {
        return new Builder(null, probe);
    }

    /** @return the id of this listener's run, written in every record's provenance */
    public String runId() {
        return settings.runId();
    }

    @Override
    public void onEpochStart(Model model) {
        rememberInitialState(model);
        invokeIf(InvocationType.EPOCH_START, model);
    }

    /** Keeps the model's state before its first update for S_init, whatever the training loop. */
    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        rememberInitialState(model);
    }

    /** Keeps the model's state before its first update for S_init, whatever the training loop. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        rememberInitialState(model);
    }

    @Override
    public void onEpochEnd(Model model) {
        invokeIf(InvocationType.EPOCH_END, model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (settings.invocationType() == InvocationType.ITERATION_END) {
            invoke(model);
        }
    }

    /**
     * Measures the model now, whatever the schedule: for a final measurement after training, or for use
     * without {@code fit}. The record is added to the history and reported like a scheduled one. Never throws:
     * a failure is a record whose {@link RichnessRecord#failure()} says why.
     *
     * @param model the model
     * @return the record
     */
    public RichnessRecord measureNow(Model model) {
        RichnessRecord record;
        MeasuredModel target = measuredOrNull(model);
        if (target == null) {
            record = RichnessRecord.builder().failure("this listener measures another model (" + measured.model()
                    .getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(measured.model()))
                    + "); S_init would compare with that model's initial state: use one listener per model").build();
            LOG.warn("Richness: {}", record.failure());
        } else {
            target.rememberInitialState();
            record = measurement.measure(target);
        }
        remember(record);
        dispatch.report(record);
        return record;
    }

    /**
     * @return the measurements so far, oldest first; records older than the latest
     *         {@link Builder#keepSpectraOfLast(int) K} have their spectrum arrays dropped (every record's scalars
     *         are kept: the history grows by one record per measurement)
     */
    public synchronized List<RichnessRecord> history() {
        return List.copyOf(history);
    }

    private void invokeIf(InvocationType type, Model model) {
        if (settings.invocationType() == type) {
            invoke(model);
        }
    }

    private void invoke(Model model) {
        if (invocations++ % settings.frequency() == 0) {
            measureNow(model);
        }
    }

    private void rememberInitialState(Model model) {
        MeasuredModel target = measuredOrNull(model);
        if (target != null) {
            target.rememberInitialState();
        }
    }

    /** @return what is kept of the model, created at its first sight; null for a second, different model */
    private MeasuredModel measuredOrNull(Model model) {
        if (measured == null) {
            measured = new MeasuredModel(model, settings.outputLayer(), settings.outputMode(), settings.baselines());
        }
        return measured.model() == model ? measured : null;
    }

    private synchronized void remember(RichnessRecord record) {
        history.add(record);
        int stale = history.size() - 1 - settings.fullSpectraKept();
        if (stale >= 0) {
            history.set(stale, history.get(stale).withoutSpectra());
        }
    }

    /**
     * Configures a {@link RichnessListener}. Defaults: measure at every epoch end, up to 4096 probe samples
     * (a {@link DataSet} probe in minibatches of 1024), spectra and baselines on, all spectrum entries kept,
     * spectra of the last 20 records kept in memory, pre-activation outputs, one log line per record, records
     * files appended to ({@link ExistingFile#APPEND}).
     */
    public static final class Builder {

        /** Default cap on probe samples per measurement. */
        public static final int DEFAULT_MAX_PROBE_SAMPLES = 4096;
        /**
         * Default size of the minibatches a {@link DataSet} probe is split into. Each minibatch costs a fixed
         * amount besides its arithmetic (DL4J's forward pass allocates about 40 KB of Java objects per call
         * whatever the minibatch's size, and every backend operation of the moment update has its own fixed
         * cost), so larger minibatches make a measurement cheaper, at the price of one minibatch's
         * activations in memory: see the module's PERFORMANCE.md.
         */
        public static final int DEFAULT_PROBE_BATCH_SIZE = 1024;
        /** Default number of latest in-memory records that keep their spectra. */
        public static final int DEFAULT_SPECTRA_KEPT = 20;

        private final DataSetIterator probeIterator;
        private final DataSet probeDataSet;
        private DataSetIterator spectrumIterator;
        private DataSet spectrumDataSet;
        private int frequency = 1;
        private InvocationType invocationType = InvocationType.EPOCH_END;
        private int maxProbeSamples = DEFAULT_MAX_PROBE_SAMPLES;
        private int probeBatchSize = DEFAULT_PROBE_BATCH_SIZE;
        private boolean spectra = true;
        private boolean baselines = true;
        private int spectrumEntries = Integer.MAX_VALUE;
        private int spectraKept = DEFAULT_SPECTRA_KEPT;
        private String outputLayer;
        private OutputMode outputMode = OutputMode.PRE_ACTIVATION;
        private boolean logRecords = true;
        private ExistingFile existingFiles = ExistingFile.APPEND;
        /** Reporters in the order given; file reporters are made at {@link #build()}, under its file policy. */
        private final List<Function<ExistingFile, RichnessReporter>> reporters = new ArrayList<>();

        private Builder(DataSetIterator probeIterator, DataSet probeDataSet) {
            this.probeIterator = probeIterator;
            this.probeDataSet = probeDataSet;
        }

        /**
         * Measure on the first and then every {@code frequency}-th invocation of the given type, as DL4J's
         * {@code EvaluativeListener}.
         *
         * @param frequency at least 1
         * @param type EPOCH_END (default), EPOCH_START or ITERATION_END
         * @return this builder
         */
        public Builder frequency(int frequency, InvocationType type) {
            this.frequency = frequency;
            this.invocationType = type;
            return this;
        }

        /**
         * A separate "train" probe whose features define the eigenfunctions (Algorithm 1); Π* and Π̂ are
         * then measured on the main (held-out) probe. Default: the main probe.
         *
         * @param probe the iterator
         * @return this builder
         */
        public Builder spectrumProbe(DataSetIterator probe) {
            this.spectrumIterator = probe;
            this.spectrumDataSet = null;
            return this;
        }

        /**
         * @param probe a data set used as the "train" probe, see {@link #spectrumProbe(DataSetIterator)}
         * @return this builder
         */
        public Builder spectrumProbe(DataSet probe) {
            this.spectrumDataSet = probe;
            this.spectrumIterator = null;
            return this;
        }

        /**
         * @param samples the most samples taken from each probe per measurement (at least 2); the Nyström
         *        spectrum wants more than p
         * @return this builder
         */
        public Builder maxProbeSamples(int samples) {
            this.maxProbeSamples = samples;
            return this;
        }

        /**
         * The size of the minibatches a {@link DataSet} probe (and spectrum probe) is split into; an iterator's
         * minibatches are measured as it gives them. The listener holds one minibatch's activations at a time
         * (every layer's, as DL4J's forward pass returns them) and keeps a double-precision copy of one
         * minibatch's z = [φ, f̂, y, φ₀] rows per probe between measurements, so lower it for a model whose
         * activations for {@value #DEFAULT_PROBE_BATCH_SIZE} samples do not fit in memory beside training.
         *
         * @param samples the minibatch size (at least 1; default {@value #DEFAULT_PROBE_BATCH_SIZE})
         * @return this builder
         */
        public Builder probeBatchSize(int samples) {
            this.probeBatchSize = samples;
            return this;
        }

        /**
         * @param enabled whether to compute the spectrum, Π* and Π̂ (a p × p eigendecomposition); D_LR always
         * @return this builder
         */
        public Builder spectra(boolean enabled) {
            this.spectra = enabled;
            return this;
        }

        /**
         * @param enabled whether to compute S_init (keeps a copy of the initial model), ‖θ‖², NC1, Tr(Σ_W)
         * @return this builder
         */
        public Builder baselines(boolean enabled) {
            this.baselines = enabled;
            return this;
        }

        /**
         * @param entries how many leading entries of ρ, ρ/ρ_1, Π*, Π̂ each record keeps (at least 1; default all p)
         * @return this builder
         */
        public Builder spectrumEntries(int entries) {
            this.spectrumEntries = entries;
            return this;
        }

        /**
         * @param records how many of the latest in-memory records keep their spectrum arrays (older ones keep
         *        scalars only; reporters always get the full record)
         * @return this builder
         */
        public Builder keepSpectraOfLast(int records) {
            this.spectraKept = records;
            return this;
        }

        /**
         * @param name for a ComputationGraph with several output layers, the one to measure
         * @return this builder
         */
        public Builder outputLayer(String name) {
            this.outputLayer = name;
            return this;
        }

        /**
         * @param mode PRE_ACTIVATION (default: φW + b, the paper's f̂) or POST_ACTIVATION
         * @return this builder
         */
        public Builder outputMode(OutputMode mode) {
            this.outputMode = mode;
            return this;
        }

        /**
         * @param reporter an additional destination for records
         * @return this builder
         */
        public Builder reportTo(RichnessReporter reporter) {
            Objects.requireNonNull(reporter, "reporter");
            reporters.add(policy -> reporter);
            return this;
        }

        /**
         * @param file a JSON Lines file to write every record to, spectra included (see {@link JsonLinesReporter});
         *        records already in it are kept or not as {@link #existingFiles(ExistingFile)} says
         * @return this builder
         * @throws IllegalArgumentException at {@link #build()} if the file is null or cannot be written
         */
        public Builder jsonLines(Path file) {
            reporters.add(policy -> fileReporter("jsonLines", file, () -> new JsonLinesReporter(file, policy)));
            return this;
        }

        /**
         * @param file a CSV file to write the scalar columns of every record to (see {@link CsvReporter});
         *        rows already in it are kept or not as {@link #existingFiles(ExistingFile)} says
         * @return this builder
         * @throws IllegalArgumentException at {@link #build()} if the file is null or cannot be written, or is
         *         appended to and has the header of another version
         */
        public Builder csv(Path file) {
            reporters.add(policy -> fileReporter("csv", file, () -> new CsvReporter(file, policy)));
            return this;
        }

        /**
         * What the {@link #jsonLines(Path)} and {@link #csv(Path)} files do with records already in them, as
         * DL4J's {@code CheckpointListener.Builder.deleteExisting} does for a checkpoint folder.
         *
         * @param policy {@link ExistingFile#APPEND} (default: this run after the earlier ones, told apart by the
         *        run id), {@link ExistingFile#REPLACE} (this run only) or {@link ExistingFile#REFUSE} ({@link
         *        #build()} throws if a file already holds records)
         * @return this builder
         */
        public Builder existingFiles(ExistingFile policy) {
            this.existingFiles = policy;
            return this;
        }

        /**
         * @param enabled whether to log one line per record (default true)
         * @return this builder
         */
        public Builder logRecords(boolean enabled) {
            this.logRecords = enabled;
            return this;
        }

        /**
         * @return the listener
         * @throws IllegalArgumentException naming the argument that is wrong: an empty or null probe, a
         *         frequency below 1, a null invocation type, fewer than 2 probe samples, a probe minibatch size
         *         below 1, fewer than 1 spectrum entry, a negative number of kept spectra, a null file policy, a
         *         records file that is null, cannot be written or is refused by the file policy
         */
        public RichnessListener build() {
            if (frequency < 1) {
                throw new IllegalArgumentException("frequency must be at least 1, got " + frequency);
            }
            if (invocationType == null) {
                throw new IllegalArgumentException("invocation type must not be null");
            }
            if (maxProbeSamples < 2) {
                throw new IllegalArgumentException("maxProbeSamples must be at least 2 (CKA needs 2 samples), got "
                        + maxProbeSamples);
            }
            if (spectrumEntries < 1) {
                throw new IllegalArgumentException("spectrumEntries must be at least 1, got " + spectrumEntries);
            }
            if (spectraKept < 0) {
                throw new IllegalArgumentException("keepSpectraOfLast must not be negative, got " + spectraKept);
            }
            if (probeBatchSize < 1) {
                throw new IllegalArgumentException("probeBatchSize must be at least 1, got " + probeBatchSize);
            }
            ProbeSet probe = probeIterator != null ? ProbeSet.of(probeIterator, "probe")
                    : ProbeSet.of(probeDataSet, "probe", probeBatchSize);
            ProbeSet spectrumProbe = spectrumIterator != null ? ProbeSet.of(spectrumIterator, "spectrum probe")
                    : spectrumDataSet != null ? ProbeSet.of(spectrumDataSet, "spectrum probe", probeBatchSize) : null;
            if (existingFiles == null) {
                throw new IllegalArgumentException("existingFiles must not be null: APPEND, REPLACE or REFUSE");
            }
            List<RichnessReporter> all = new ArrayList<>();
            if (logRecords) {
                all.add(new LogReporter());
            }
            reporters.forEach(reporter -> all.add(reporter.apply(existingFiles)));
            return new RichnessListener(new ListenerSettings(UUID.randomUUID().toString(), probe, spectrumProbe,
                    frequency, invocationType,
                    maxProbeSamples, spectra, baselines, spectrumEntries, spectraKept, outputLayer, outputMode,
                    List.copyOf(all)));
        }
    }

    @Override
    public String toString() {
        return "RichnessListener(" + settings.invocationType() + " every " + settings.frequency() + ", reporters "
                + Arrays.toString(settings.reporters().stream().map(r -> r.getClass().getSimpleName()).toArray())
                + ", run " + settings.runId() + ")";
    }

    /** Makes a file reporter, naming the builder's argument in the message of a destination that cannot be used. */
    private static RichnessReporter fileReporter(String argument, Path file,
                                                 Supplier<RichnessReporter> reporter) {
        try {
            return reporter.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(argument + "(" + file + "): " + e.getMessage(), e);
        }
    }
}
