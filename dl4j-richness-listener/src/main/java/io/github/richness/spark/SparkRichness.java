package io.github.richness.spark;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import io.github.richness.device.HostTransfer;
import io.github.richness.earlystopping.RichnessScoreCalculator;
import io.github.richness.listener.FailureLog;
import io.github.richness.listener.MeasurementPlan;
import io.github.richness.listener.MeasurementMoments;
import io.github.richness.listener.RecordAssembly;
import io.github.richness.listener.RunLazyReference;
import io.github.richness.listener.WarningLog;
import io.github.richness.listener.ReporterDispatch;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessQuantity;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.CsvReporter;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.LogReporter;
import io.github.richness.report.RichnessReporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Measures the richness of a model on a distributed probe ({@code JavaRDD<DataSet>}), exactly: D_LR (eq. 4),
 * the spectra of section 5 and the baselines of section 4.1 of the driver's model, the same numbers as a
 * {@link io.github.richness.listener.RichnessListener} given the same model and the same samples (to
 * rounding, 1e-9 relative in the tests, whatever the partitioning).
 *
 * <pre>{@code
 * SparkRichness richness = SparkRichness.builder(sc)
 *         .initialModel(sparkNet.getNetwork())              // before the first fit: S_init's reference
 *         .jsonLines(Path.of("richness.jsonl"))
 *         .build();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     sparkNet.fit(trainRdd);
 *     richness.measure(sparkNet.getNetwork(), probeRdd);   // one record per epoch, to every reporter
 * }
 * }</pre>
 *
 * <p>How (DL4J's {@code SparkDl4jMultiLayer.doEvaluation} pattern): the model's configuration JSON and
 * parameters are broadcast; each partition rebuilds the model, runs the listener's capture on its
 * minibatches (split to at most {@link Builder#probeBatchSize probeBatchSize} samples) and accumulates the
 * listener's moments; only the moments travel back, in {@link io.github.richness.moments.MomentsCodec}'s
 * form: O(d² + t p²) bytes per partition (d = p + C + t, twice p with S_init; t p² for the per-class moments
 * of NC1), never an activation. They are merged with {@code treeAggregate} (Chan's pairwise update, exact to
 * rounding) and analysed on the driver by the listener's own {@link RecordAssembly}. A task that fails and
 * is retried recomputes its partition's moments from the same data: the result does not change. Cache the
 * probe RDD when it is measured every epoch, as for DL4J's evaluation.
 *
 * <p>Samples: every sample of the probe by default (a distributed probe is meant to be large); with
 * {@link Builder#maxProbeSamples} the leading samples in partition order, found with one counting job (no
 * forward pass), which are those a listener given the same minibatches in the same order takes.
 *
 * <p>Records say they were measured on Spark: {@link Provenance#source()} is {@value Provenance#SPARK} and
 * the estimator settings carry {@code spark_partitions}, {@code spark_partitions_with_samples},
 * {@code spark_training_partitions}, {@code spark_moment_bytes} and {@code spark_broadcast_bytes}. A
 * measurement that fails (an unsupported model, a Spark job that fails beyond its retries; diverged
 * parameters, NaN in the probe's input (one more job, on that path only), dead features or outputs, named as
 * the listener names them) is a failed record naming the cause, logged once per cause with its stack trace: never an exception out of
 * {@link #measure}, whose only exceptions are for null arguments. Records go to the reporters (one log line
 * each by default) and to {@link #history()}.
 *
 * <p>{@link #close()} releases the broadcast of the initial model. Not meant to be shared across threads;
 * {@link #measure} is synchronised.
 */
public final class SparkRichness implements AutoCloseable {

    private final JavaSparkContext sc;
    private final JavaRDD<DataSet> trainingProbe;
    private final int maxProbeSamples;
    private final int probeBatchSize;
    private final int spectraKept;
    private final String outputLayer;
    private final OutputMode outputMode;
    private final int treeDepth;
    private final MeasurementPlan plan;
    private final ReporterDispatch dispatch;
    private final FailureLog failures = new FailureLog();
    private final WarningLog warningLog = new WarningLog();
    private final RunLazyReference lazyReference = new RunLazyReference();
    private final List<RichnessRecord> history = new ArrayList<>();
    private final Broadcast<ModelSnapshot> initial;
    private final long initialBytes;

    private SparkRichness(Builder builder, List<RichnessReporter> reporters) {
        this.sc = builder.sc;
        this.trainingProbe = builder.trainingProbe;
        this.maxProbeSamples = builder.maxProbeSamples;
        this.probeBatchSize = builder.probeBatchSize;
        this.spectraKept = builder.spectraKept;
        this.outputLayer = builder.outputLayer;
        this.outputMode = builder.outputMode;
        this.treeDepth = builder.treeDepth;
        this.plan = new MeasurementPlan(UUID.randomUUID().toString(), Provenance.SPARK, builder.outputMode,
                builder.maxProbeSamples, builder.spectra, builder.baselines, builder.spectrumEntries,
                builder.trainingProbe != null, 0, 0);
        this.dispatch = new ReporterDispatch(reporters);
        ModelSnapshot initialModel = builder.baselines && builder.initialModel != null
                ? ModelSnapshot.of(builder.initialModel) : null;
        this.initial = initialModel == null ? null : sc.broadcast(initialModel);
        this.initialBytes = initialModel == null ? 0 : initialModel.bytes();
    }

    /**
     * Measures once with the defaults ({@link #builder}): spectra and baselines without S_init, every probe
     * sample, one log line.
     *
     * @param sc the Spark context
     * @param model the driver's MultiLayerNetwork or single-input ComputationGraph
     * @param probe the held-out probe, in minibatches
     * @return the record (a failed one naming the cause if the measurement failed)
     * @throws IllegalArgumentException if an argument is null
     */
    public static RichnessRecord measure(JavaSparkContext sc, Model model, JavaRDD<DataSet> probe) {
        try (SparkRichness richness = builder(sc).build()) {
            return richness.measure(model, probe);
        }
    }

    /**
     * @param sc the Spark context the probes belong to
     * @return a builder with the defaults listed at {@link Builder}
     */
    public static Builder builder(JavaSparkContext sc) {
        return new Builder(sc);
    }

    /** @return the id of this measurement series, written in every record's provenance */
    public String runId() {
        return plan.runId();
    }

    /**
     * Measures the model on the probe now; the record goes to the reporters and the history.
     *
     * @param model the driver's MultiLayerNetwork or single-input ComputationGraph (its parameters are read,
     *        never changed)
     * @param probe the held-out probe, in minibatches of any size; labels, when a matrix, are the targets
     * @return the record (a failed one naming the cause if the measurement failed)
     * @throws IllegalArgumentException if an argument is null
     */
    public synchronized RichnessRecord measure(Model model, JavaRDD<DataSet> probe) {
        if (model == null || probe == null) {
            throw new IllegalArgumentException("model and probe must not be null");
        }
        long start = System.nanoTime();
        int epoch = RecordAssembly.epochOf(model);
        int iteration = RecordAssembly.iterationOf(model);
        Map<String, String> distribution = new LinkedHashMap<>();
        distribution.put("spark_partitions", Integer.toString(probe.getNumPartitions()));
        ActivationCapture capture = null;
        RichnessRecord record;
        try {
            capture = ActivationCapture.of(model, outputLayer, outputMode);
            record = measure(model, probe, capture, distribution, epoch, iteration, start);
            warningLog.log(record.warnings());
        } catch (Throwable e) {
            failures.log(epoch, iteration, e);
            record = RecordAssembly.failure(plan, capture, RecordAssembly.when(epoch, iteration, start), e);
        }
        record = record.toBuilder().provenance(record.provenance().withEstimators(distribution)).build();
        remember(record);
        dispatch.report(record);
        return record;
    }

    private RichnessRecord measure(Model model, JavaRDD<DataSet> probe, ActivationCapture capture,
                                   Map<String, String> distribution, int epoch, int iteration, long start) {
        ModelSnapshot snapshot = ModelSnapshot.of(model);
        Broadcast<ModelSnapshot> current = sc.broadcast(snapshot);
        try {
            MomentsPayload probeMoments = aggregate(probe, current, plan.baselines() ? initial : null, false);
            RecordAssembly.requireFinite(model, probeMoments.moments(), "test probe", () -> inputFinite(probe));
            long bytes = probeMoments.partitionBytes();
            distribution.put("spark_partitions_with_samples", Integer.toString(probeMoments.partitionsWithSamples()));
            ProbeMoments training = null;
            if (plan.readsTrainingProbe()) {
                MomentsPayload trainingMoments = aggregate(trainingProbe, current, null, true);
                bytes += trainingMoments.partitionBytes();
                distribution.put("spark_training_partitions", Integer.toString(trainingProbe.getNumPartitions()));
                training = trainingMoments.moments();
                RecordAssembly.requireFinite(model, training, "training probe", () -> inputFinite(trainingProbe));
            }
            distribution.put("spark_moment_bytes", Long.toString(bytes));
            distribution.put("spark_broadcast_bytes", Long.toString(snapshot.bytes() + initialBytes));
            double parameterNorm = plan.baselines() ? RecordAssembly.parameterNormSquared(model) : Double.NaN;
            List<String> warnings = plan.baselines() && initial == null
                    ? List.of("no S_init and no lazy reference d_lr_lazy: no initial model was given"
                    + " (SparkRichness.Builder.initialModel)") : List.of();
            return RecordAssembly.record(plan, new MeasurementMoments(probeMoments.moments(), null, training),
                    lazyReference, parameterNorm, warnings, capture, RecordAssembly.when(epoch, iteration, start));
        } finally {
            current.destroy();
        }
    }

    private MomentsPayload aggregate(JavaRDD<DataSet> data, Broadcast<ModelSnapshot> model,
                                     Broadcast<ModelSnapshot> reference, boolean trainingProbe) {
        long[] quotas = maxProbeSamples == Integer.MAX_VALUE ? null
                : PartitionSizes.quotas(data.mapPartitions(new PartitionSizes()).collect(), maxProbeSamples);
        PartitionMoments partition = new PartitionMoments(model, reference, outputLayer,
                outputMode, probeBatchSize, quotas, trainingProbe, plan.keepsClassStatistics(trainingProbe));
        return data.mapPartitionsWithIndex(partition, false)
                .treeAggregate(MomentsPayload.EMPTY, MomentsPayload::merge, MomentsPayload::merge, treeDepth);
    }

    /** Whether every input feature of a probe is finite: one job, run only when the moments are not finite. */
    private static boolean inputFinite(JavaRDD<DataSet> data) {
        return data.map(SparkRichness::finiteFeatures).fold(true, Boolean::logicalAnd);
    }

    private static Boolean finiteFeatures(DataSet minibatch) {
        INDArray features = minibatch == null ? null : minibatch.getFeatures();
        if (features == null || !features.dataType().isFPType()) {
            return true;
        }
        INDArray count = Nd4j.getExecutioner().exec(new MatchCondition(features, Conditions.notFinite()));
        return HostTransfer.scalar(count) == 0;
    }

    /**
     * A score calculator for DL4J's early stopping that measures on a distributed probe with this object: for
     * {@code SparkEarlyStoppingTrainer} (or {@code EarlyStoppingTrainer} with a Spark probe).
     *
     * @param probe the held-out probe
     * @param quantity what to score
     * @param <T> the model type of the early-stopping configuration
     * @return the score calculator (see {@link RichnessScoreCalculator} for the direction of the score)
     */
    public <T extends Model> RichnessScoreCalculator<T> scoreCalculator(JavaRDD<DataSet> probe,
                                                                         RichnessQuantity quantity) {
        Objects.requireNonNull(probe, "probe");
        return RichnessScoreCalculator.measuredBy(model -> measure(model, probe), quantity);
    }

    /**
     * @return the measurements so far, oldest first; records older than the latest
     *         {@link Builder#keepSpectraOfLast K} have their spectrum arrays dropped
     */
    public synchronized List<RichnessRecord> history() {
        return List.copyOf(history);
    }

    /** Releases the broadcast of the initial model on the driver and the executors. */
    @Override
    public void close() {
        if (initial != null) {
            initial.destroy();
        }
    }

    private void remember(RichnessRecord record) {
        history.add(record);
        int stale = history.size() - 1 - spectraKept;
        if (stale >= 0) {
            history.set(stale, history.get(stale).withoutSpectra());
        }
    }

    @Override
    public String toString() {
        return "SparkRichness(run " + plan.runId() + ")";
    }

    /**
     * Configures a {@link SparkRichness}, with the options of the listener's builder that apply to a
     * distributed probe. Defaults: every probe sample, minibatches of at most 1024 samples, spectra and
     * baselines on (S_init only with an {@link #initialModel initial model}), all spectrum entries kept,
     * spectra of the last 20 records kept in memory, pre-activation outputs, one log line per record,
     * {@code treeAggregate} depth 2.
     */
    public static final class Builder {

        /** Default size of the minibatches run through the model on the executors. */
        public static final int DEFAULT_PROBE_BATCH_SIZE = 1024;
        /** Default number of latest in-memory records that keep their spectra. */
        public static final int DEFAULT_SPECTRA_KEPT = 20;
        /** Default depth of the {@code treeAggregate} that merges the partitions' moments (Spark's default). */
        public static final int DEFAULT_TREE_DEPTH = 2;

        private final JavaSparkContext sc;
        private JavaRDD<DataSet> trainingProbe;
        private Model initialModel;
        private int maxProbeSamples = Integer.MAX_VALUE;
        private int probeBatchSize = DEFAULT_PROBE_BATCH_SIZE;
        private boolean spectra = true;
        private boolean baselines = true;
        private int spectrumEntries = Integer.MAX_VALUE;
        private int spectraKept = DEFAULT_SPECTRA_KEPT;
        private String outputLayer;
        private OutputMode outputMode = OutputMode.PRE_ACTIVATION;
        private boolean logRecords = true;
        private int treeDepth = DEFAULT_TREE_DEPTH;
        private final List<RichnessReporter> reporters = new ArrayList<>();

        private Builder(JavaSparkContext sc) {
            this.sc = sc;
        }

        /**
         * The model S_init compares with: give the model before its first update (its parameters are copied
         * now, so later training does not change the reference). Without it S_init is NaN with a warning.
         *
         * @param model a MultiLayerNetwork or ComputationGraph of the same architecture as the measured one
         * @return this builder
         */
        public Builder initialModel(Model model) {
            this.initialModel = model;
            return this;
        }

        /**
         * A training probe, as the listener's ({@code RichnessListener.Builder.trainingProbe}): a fixed sample of
         * the training data whose features define the eigenfunctions (Algorithm 1) and on which NC1 and Tr(Σ_W)
         * are measured; Π* and Π̂, D_LR and S_init are measured on the probe given to
         * {@link SparkRichness#measure(Model, JavaRDD)}. Default: that probe for everything.
         *
         * @param probe the distributed training probe
         * @return this builder
         */
        public Builder trainingProbe(JavaRDD<DataSet> probe) {
            this.trainingProbe = probe;
            return this;
        }

        /**
         * @param samples the most samples taken from each probe per measurement (at least 2): its leading
         *        samples in partition order; default all
         * @return this builder
         */
        public Builder maxProbeSamples(int samples) {
            this.maxProbeSamples = samples;
            return this;
        }

        /**
         * @param samples the largest minibatch an executor runs through the model at once (at least 1; larger
         *        RDD minibatches are split, smaller ones measured as they are)
         * @return this builder
         */
        public Builder probeBatchSize(int samples) {
            this.probeBatchSize = samples;
            return this;
        }

        /**
         * @param enabled whether to compute the spectrum, Π* and Π̂ (a p × p eigendecomposition on the driver)
         * @return this builder
         */
        public Builder spectra(boolean enabled) {
            this.spectra = enabled;
            return this;
        }

        /**
         * @param enabled whether to compute S_init (with an initial model), ‖θ‖², NC1 and Tr(Σ_W)
         * @return this builder
         */
        public Builder baselines(boolean enabled) {
            this.baselines = enabled;
            return this;
        }

        /**
         * @param entries how many leading entries of ρ, ρ/ρ_1, Π*, Π̂ each record keeps (at least 1)
         * @return this builder
         */
        public Builder spectrumEntries(int entries) {
            this.spectrumEntries = entries;
            return this;
        }

        /**
         * @param records how many of the latest in-memory records keep their spectrum arrays
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
         * @param depth the depth of the {@code treeAggregate} merging the partitions' moments (at least 1)
         * @return this builder
         */
        public Builder treeDepth(int depth) {
            this.treeDepth = depth;
            return this;
        }

        /**
         * @param reporter an additional destination for records, called on the driver
         * @return this builder
         */
        public Builder reportTo(RichnessReporter reporter) {
            reporters.add(Objects.requireNonNull(reporter, "reporter"));
            return this;
        }

        /**
         * @param file a JSON Lines file on the driver to append every record to
         * @return this builder
         */
        public Builder jsonLines(Path file) {
            return reportTo(new JsonLinesReporter(file));
        }

        /**
         * @param file a CSV file on the driver to append the scalar columns of every record to
         * @return this builder
         */
        public Builder csv(Path file) {
            return reportTo(new CsvReporter(file));
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
         * @return the distributed measurement (broadcasts the initial model, if given, now)
         * @throws IllegalArgumentException naming the argument that is wrong: a null Spark context or output
         *         mode, fewer than 2 probe samples, a probe minibatch size below 1, fewer than 1 spectrum
         *         entry, a negative number of kept spectra, a tree depth below 1, a training probe of another
         *         Spark context
         */
        public SparkRichness build() {
            if (sc == null) {
                throw new IllegalArgumentException("the Spark context must not be null");
            }
            if (outputMode == null) {
                throw new IllegalArgumentException("output mode must not be null");
            }
            if (maxProbeSamples < 2) {
                throw new IllegalArgumentException("maxProbeSamples must be at least 2 (CKA needs 2 samples), got "
                        + maxProbeSamples);
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
            if (treeDepth < 1) {
                throw new IllegalArgumentException("treeDepth must be at least 1, got " + treeDepth);
            }
            if (trainingProbe != null && trainingProbe.context() != sc.sc()) {
                throw new IllegalArgumentException("the training probe belongs to another Spark context");
            }
            List<RichnessReporter> all = new ArrayList<>();
            if (logRecords) {
                all.add(new LogReporter());
            }
            all.addAll(reporters);
            return new SparkRichness(this, List.copyOf(all));
        }
    }
}
