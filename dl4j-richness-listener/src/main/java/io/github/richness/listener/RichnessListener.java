package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.LayerSelection;
import io.github.richness.capture.OutputMode;
import io.github.richness.layers.LayerOptions;
import io.github.richness.moments.ErrorBarPlan;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.CsvReporter;
import io.github.richness.report.ExistingFile;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.LayerCsvReporter;
import io.github.richness.report.LogReporter;
import io.github.richness.report.RichnessReporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * not measured costs a counter check. DL4J sends epoch events only from {@code fit(DataSetIterator)}: in a
 * user's own {@code fit(DataSet)} loop an epoch schedule would never fire, and the listener says so once, as a
 * warning, with what to do ({@code ITERATION_END}, or {@link #measureNow(Model)} after each epoch of the loop).
 *
 * <p>The probe is fixed when the listener is built: an iterator's first samples are copied once, at
 * {@link Builder#build()}, and the listener never touches the iterator again, so no measurement can consume or
 * reset an iterator that training is using (the training iterator itself may be given, as probe or spectrum
 * probe); a {@link DataSet} probe is measured in place.
 *
 * <p>Each measurement runs the model's inference forward pass (dropout off, batch norm with running
 * statistics) on the probe in minibatches, captures the features Φ entering the last linear layer and its
 * output f̂ = φW + b ({@link OutputMode}), accumulates their moments on the ND4J backend and computes the
 * numbers there; only scalars and short vectors come to the host. It leaves training exactly as it was: the
 * model's inputs, labels, masks and layer inputs are restored, the random stream is not used, the
 * parameters are not touched. Whatever fails inside a measurement or a reporter (NaN activations, an
 * unsupported layer, out of memory, any {@link Throwable}) is logged (a cause's stack trace once, then one
 * line) and recorded as a failed {@link RichnessRecord}; nothing is thrown out of {@code fit}. A failure's text
 * names the real cause where it lies in the model or the probe (training diverged, NaN in the probe's input,
 * dead features or outputs), and a measurement that yields no D_LR is a failed record, never an ok one
 * holding NaN.
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
    private final Schedule schedule;
    private final List<RichnessRecord> history = new ArrayList<>();
    private MeasuredModel measured;

    private RichnessListener(ListenerSettings settings) {
        this.settings = settings;
        this.measurement = new Measurement(settings);
        this.dispatch = new ReporterDispatch(settings.reporters());
        this.schedule = new Schedule(settings.frequency(), settings.invocationType());
    }

    /**
     * @param probe a held-out iterator: its first {@link Builder#maxProbeSamples(int) maxProbeSamples} samples
     *        are read once, at {@link Builder#build()}, and every measurement uses those (the listener never
     *        touches the iterator again, so even the training iterator is safe here; see {@link Builder#build()})
     * @return a builder
     * @throws IllegalArgumentException at {@link Builder#build()} if the iterator is null or gives fewer than 2
     *         samples
     */
    public static Builder builder(DataSetIterator probe) {
        return new Builder(ProbeArgument.iterator("probe", probe));
    }

    /**
     * @param probe a held-out data set, measured in minibatches
     * @return a builder
     * @throws IllegalArgumentException at {@link Builder#build()} if the data set is null or has fewer than 2
     *         samples
     */
    public static Builder builder(DataSet probe) {
        return new Builder(ProbeArgument.dataSet("probe", probe));
    }

    /** @return the id of this listener's run, written in every record's provenance */
    public String runId() {
        return settings.runId();
    }

    @Override
    public void onEpochStart(Model model) {
        rememberInitialState(model);
        if (schedule.epochStarted()) {
            measure(model);
        }
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
        if (schedule.epochEnded()) {
            measure(model);
        }
    }

    /**
     * Measures at {@code ITERATION_END} schedules; with an epoch schedule, warns once if iterations come
     * without epoch events (a user's own {@code fit(DataSet)} loop, see {@link Builder#frequency}).
     */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (schedule.iterationDone()) {
            measure(model);
        }
    }

    /**
     * Measures the model now, whatever the schedule: for a final measurement after training, or for use
     * without {@code fit}, or after each epoch of a training loop of your own (DL4J sends no epoch events to
     * {@code fit(DataSet)}; a call before the loop's first iteration records the initial model and tells the
     * listener that you measure by hand, so it does not warn about the missing epoch events). The record is
     * added to the history and reported like a scheduled one. Never throws: a failure is a record whose
     * {@link RichnessRecord#failure()} says why.
     *
     * @param model the model
     * @return the record
     */
    public RichnessRecord measureNow(Model model) {
        schedule.measuredOnRequest();
        return measure(model);
    }

    private RichnessRecord measure(Model model) {
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
     * files appended to ({@link ExistingFile#APPEND}), standard errors from 20 jackknife blocks within 256 MiB,
     * no training probe (spectrum and NC1 on the held-out probe).
     *
     * <p>The setters only record their argument; {@link #build()} checks them all and throws an
     * {@link IllegalArgumentException} that names the first bad one, as DL4J's {@code CheckpointListener.Builder}
     * does, before it reads any probe iterator.
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
        /** The fewest probe samples D_LR is defined on: CKA centres the kernels. */
        private static final int MIN_PROBE_SAMPLES = 2;

        private final ProbeArgument probe;
        private ProbeArgument trainingProbe;
        private int errorBarBlocks = ErrorBarPlan.DEFAULT_BLOCKS;
        private long errorBarMemory = ErrorBarPlan.DEFAULT_BUDGET_BYTES;
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
        private LayerOptions layers;
        private boolean layersGiven;
        /** Reporters in the order given; file reporters are made at {@link #build()}, under its file policy. */
        private final List<Function<ExistingFile, RichnessReporter>> reporters = new ArrayList<>();

        private Builder(ProbeArgument probe) {
            this.probe = probe;
        }

        /**
         * Measure on the first and then every {@code frequency}-th invocation of the given type, as DL4J's
         * {@code EvaluativeListener}.
         *
         * <p>DL4J sends epoch events only from {@code fit(DataSetIterator)} (and its early-stopping trainers). In
         * a loop of your own ({@code for (...) net.fit(dataSet);}) use {@code ITERATION_END}, or keep an epoch
         * schedule and call {@link RichnessListener#measureNow(Model)} after each of your epochs: with an epoch
         * schedule and no epoch event the listener says so once, as a warning, at the first iteration (unless a
         * {@code measureNow} came before it).
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
         * A training probe: a fixed sample of the training data, on which the paper's protocol measures the
         * spectrum's eigenfunctions (the n training samples of Algorithm 1, section 5.2; Π* and Π̂ are then
         * measured on the main, held-out probe) and neural collapse, NC1 and Tr(Σ_W) (training features,
         * Proposition 1 and appendix H.2). D_LR, its error bars, S_init and the lazy reference stay on the
         * held-out probe. Its first {@link #maxProbeSamples(int)} samples are read once at {@link #build()}, like
         * the main probe's, and never touched again, so the training iterator itself may be given here (its
         * first samples are then the sample: shuffle it, or give a {@code DataSet} of randomly drawn training
         * samples, if it is ordered by class). Not read when spectra and baselines are both off.
         *
         * <p>Without it (the default) the spectrum and NC1 are measured on the held-out probe, as before this
         * option existed: the records' provenance says {@code test} for them, and {@link #build()} logs it once.
         *
         * @param probe the iterator (not null: leave this setting out to use the main probe)
         * @return this builder
         */
        public Builder trainingProbe(DataSetIterator probe) {
            this.trainingProbe = ProbeArgument.iterator("training probe", probe);
            return this;
        }

        /**
         * @param probe a data set of training samples, see {@link #trainingProbe(DataSetIterator)} (not null)
         * @return this builder
         */
        public Builder trainingProbe(DataSet probe) {
            this.trainingProbe = ProbeArgument.dataSet("training probe", probe);
            return this;
        }

        /**
         * B, the blocks of the delete-one-block jackknife that gives every record the standard errors of D_LR
         * and the debiased D_LR ({@code d_lr_se}, {@code d_lr_debiased_se}). The probe's samples are dealt to
         * the blocks in turn (sample i to block i mod B); each block keeps the sums of its features and outputs,
         * so the jackknife costs (B + 2) · 8 (p + C + 3)² bytes besides the moments (p = 512, C = 10, B = 20:
         * 48.5 MB) and about one more moment update per minibatch, in a dozen backend operations whatever B. The standard error is itself uncertain by
         * about 1/√(2(B − 1)) relative (16 % at B = 20). When B blocks do not fit {@link #errorBarMemory(long)},
         * fewer are used and the record says so in a warning; when not even 2 fit, there are no standard errors
         * (NaN) and the record says why. The B used is in the provenance ({@code jackknife_blocks}).
         *
         * @param blocks B, at least 2 (default {@value ErrorBarPlan#DEFAULT_BLOCKS}); the probe needs at least
         *        B + 2 samples for standard errors
         * @return this builder
         */
        public Builder errorBarBlocks(int blocks) {
            this.errorBarBlocks = blocks;
            return this;
        }

        /**
         * @param bytes the most memory the jackknife's block accumulators may take (at least 0; default 256 MiB,
         *        {@link ErrorBarPlan#DEFAULT_BUDGET_BYTES}); see {@link #errorBarBlocks(int)}
         * @return this builder
         */
        public Builder errorBarMemory(long bytes) {
            this.errorBarMemory = bytes;
            return this;
        }

        /**
         * @param samples the most samples taken from each probe (at least 2); an iterator probe's are copied
         *        once, at {@link #build()}, so this also bounds that copy's memory (samples × one sample's
         *        features, labels and masks); the Nyström spectrum wants more than p
         * @return this builder
         */
        public Builder maxProbeSamples(int samples) {
            this.maxProbeSamples = samples;
            return this;
        }

        /**
         * The size of the minibatches a probe (and training probe) is measured in: a {@link DataSet} is split
         * into them, and an iterator's copies are joined and split into them unless they carry masks (masked
         * sequences keep the iterator's minibatches). The listener holds one minibatch's activations at a time
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
         * @param records how many of the latest in-memory records keep their spectrum arrays (at least 0; older
         *        ones keep scalars only; reporters always get the full record)
         * @return this builder
         */
        public Builder keepSpectraOfLast(int records) {
            this.spectraKept = records;
            return this;
        }

        /**
         * @param name for a ComputationGraph with several output layers, the one to measure (null, the default:
         *        the only one; not blank); a name the model lacks is a failed record naming the model's outputs
         * @return this builder
         */
        public Builder outputLayer(String name) {
            this.outputLayer = name;
            return this;
        }

        /**
         * Also measures intermediate layers (layer-wise richness, appendix I): D_LR_l, the debiased D_LR_l
         * with standard errors, D_eff_l and S_init_l of each selected layer against the network's outputs, in
         * the record's {@code layers}, from the same forward pass as the head. Layers wider than
         * {@link LayerOptions#DEFAULT_EXACT_WIDTH_CAP} are sketched (see {@link #layers(LayerOptions)}). A
         * selected layer the model lacks is a failed record naming it and the model's layers.
         *
         * @param selection for example {@code LayerSelection.everyLayerWithParameters()} or
         *        {@code LayerSelection.indices(0, 2)} (not null)
         * @return this builder
         */
        public Builder layers(LayerSelection selection) {
            this.layers = selection == null ? null : LayerOptions.of(selection);
            this.layersGiven = true;
            return this;
        }

        /**
         * @param options the layers and how they are measured: the exact width cap and the memory budgets
         *        (not null)
         * @return this builder
         */
        public Builder layers(LayerOptions options) {
            this.layers = options;
            this.layersGiven = true;
            return this;
        }

        /**
         * @param mode PRE_ACTIVATION (default: φW + b, the paper's f̂) or POST_ACTIVATION (not null)
         * @return this builder
         */
        public Builder outputMode(OutputMode mode) {
            this.outputMode = mode;
            return this;
        }

        /**
         * @param reporter an additional destination for records (not null)
         * @return this builder
         */
        public Builder reportTo(RichnessReporter reporter) {
            reporters.add(reporter == null ? null : policy -> reporter);
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
         * @param file a CSV file for the selected layers' numbers in long form, one row per record and layer
         *        ({@link LayerCsvReporter}), under the same file policy as {@link #csv(Path)}
         * @return this builder
         * @throws IllegalArgumentException at {@link #build()} if the file is null or cannot be written, or is
         *         refused by the file policy
         */
        public Builder layerCsv(Path file) {
            reporters.add(policy -> fileReporter("layerCsv", file, () -> new LayerCsvReporter(file, policy)));
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
         * Checks every setting, then reads the probes: an iterator's first {@link #maxProbeSamples(int)}
         * samples are copied once, here, between two {@code reset()} calls, and the listener never touches the
         * iterator again, so measuring cannot change training even if it is the training iterator (the
         * decision, and its memory cost, are explained in the probe's documentation: a {@code DataSet} probe
         * is not copied). Set an iterator's preprocessor before this call.
         *
         * @return the listener
         * @throws IllegalArgumentException naming the argument that is wrong: a null probe, a probe with fewer
         *         than 2 samples (or an empty training probe), a frequency below 1, a null invocation type, fewer
         *         than 2 probe samples, a probe minibatch size below 1, fewer than 1 spectrum entry, a negative
         *         number of kept spectra, fewer than 2 error-bar blocks, a negative error-bar memory, a blank output layer name, a null output mode, a null reporter, a null
         *         file policy, a records file that is null, cannot be written or is refused by the file policy
         */
        public RichnessListener build() {
            checkSettings();
            for (int i = 0; i < reporters.size(); i++) {
                if (reporters.get(i) == null) {
                    throw new IllegalArgumentException("reportTo: reporter " + (i + 1) + " of " + reporters.size()
                            + " is null");
                }
            }
            probe.requireNonNull();
            if (trainingProbe != null) {
                trainingProbe.requireNonNull();
            }
            List<RichnessReporter> all = new ArrayList<>();
            if (logRecords) {
                all.add(new LogReporter());
            }
            reporters.forEach(reporter -> all.add(reporter.apply(existingFiles)));
            ProbeSet probeSet = probe.read(maxProbeSamples, probeBatchSize);
            if (probeSet.samples() < MIN_PROBE_SAMPLES) {
                throw new IllegalArgumentException("the probe has " + probeSet.samples()
                        + " sample: D_LR needs at least " + MIN_PROBE_SAMPLES + " (CKA centres its kernels)");
            }
            ProbeSet trainingSet = trainingProbe != null && (spectra || baselines)
                    ? trainingProbe.read(maxProbeSamples, probeBatchSize) : null;
            if (trainingProbe == null && (spectra || baselines)) {
                LOG.info("Richness: no training probe: the spectrum{} measured on the held-out probe; the paper"
                        + " measures them on training data (RichnessListener.Builder.trainingProbe)",
                        baselines ? " and NC1 are" : " is");
            }
            return new RichnessListener(new ListenerSettings(UUID.randomUUID().toString(), probeSet, trainingSet,
                    frequency, invocationType,
                    maxProbeSamples, spectra, baselines, spectrumEntries, spectraKept, outputLayer, outputMode,
                    errorBarBlocks, errorBarMemory, List.copyOf(all), layers));
        }

        private void checkSettings() {
            if (frequency < 1) {
                throw new IllegalArgumentException("frequency must be at least 1, got " + frequency);
            }
            if (invocationType == null) {
                throw new IllegalArgumentException("frequency: the invocation type must not be null (EPOCH_END, "
                        + "EPOCH_START or ITERATION_END)");
            }
            if (maxProbeSamples < MIN_PROBE_SAMPLES) {
                throw new IllegalArgumentException("maxProbeSamples must be at least " + MIN_PROBE_SAMPLES
                        + " (CKA needs 2 samples), got " + maxProbeSamples);
            }
            if (probeBatchSize < 1) {
                throw new IllegalArgumentException("probeBatchSize must be at least 1, got " + probeBatchSize);
            }
            if (spectrumEntries < 1) {
                throw new IllegalArgumentException("spectrumEntries must be at least 1, got " + spectrumEntries);
            }
            if (spectraKept < 0) {
                throw new IllegalArgumentException("keepSpectraOfLast must not be negative, got " + spectraKept);
            }
            if (outputLayer != null && outputLayer.isBlank()) {
                throw new IllegalArgumentException("outputLayer must not be blank, got '" + outputLayer
                        + "' (null, the default, measures the model's only output layer)");
            }
            if (outputMode == null) {
                throw new IllegalArgumentException("outputMode must not be null: PRE_ACTIVATION (the default) or "
                        + "POST_ACTIVATION");
            }
            if (errorBarBlocks < 2) {
                throw new IllegalArgumentException("errorBarBlocks must be at least 2 (the jackknife deletes one"
                        + " block of B at a time), got " + errorBarBlocks);
            }
            if (errorBarMemory < 0) {
                throw new IllegalArgumentException("errorBarMemory must not be negative, got " + errorBarMemory);
            }
            if (existingFiles == null) {
                throw new IllegalArgumentException("existingFiles must not be null: APPEND, REPLACE or REFUSE");
            }
            if (layersGiven && layers == null) {
                throw new IllegalArgumentException("layers must not be null: a LayerSelection such as "
                        + "LayerSelection.everyLayerWithParameters(), or LayerOptions");
            }
        }
    }

    /**
     * A probe as given to a builder: an iterator or a data set, under the name of the setting it came from.
     * Null is kept as given, so that {@link Builder#build()} can say which argument it was.
     */
    private record ProbeArgument(String role, DataSetIterator iterator, DataSet dataSet, boolean isIterator) {

        static ProbeArgument iterator(String role, DataSetIterator iterator) {
            return new ProbeArgument(role, iterator, null, true);
        }

        static ProbeArgument dataSet(String role, DataSet dataSet) {
            return new ProbeArgument(role, null, dataSet, false);
        }

        void requireNonNull() {
            if (isIterator ? iterator == null : dataSet == null) {
                throw new IllegalArgumentException("the " + role + " " + (isIterator ? "DataSetIterator" : "DataSet")
                        + " is null" + (role.equals("probe") ? "" : ": leave trainingProbe out to use the main probe"));
            }
        }

        ProbeSet read(int maxSamples, int batchSize) {
            return isIterator ? ProbeSet.of(iterator, role, maxSamples, batchSize) : ProbeSet.of(dataSet, role, batchSize);
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
