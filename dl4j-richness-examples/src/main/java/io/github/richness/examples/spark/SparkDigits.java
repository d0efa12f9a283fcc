package io.github.richness.examples.spark;

import io.github.richness.alert.RegimeAlerts;
import io.github.richness.examples.QuickStart;
import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.report.figure.HtmlReport;
import io.github.richness.spark.SparkRichness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed training with DL4J on Spark, measured every epoch: the quick start's MLP on the embedded MNIST
 * digits, trained by {@link SparkDl4jMultiLayer} with {@link ParameterAveragingTrainingMaster} on a local
 * Spark ({@code local[W]}, W workers), and after every {@code fit(rdd)} the averaged model on the driver is
 * measured by {@link SparkRichness} on the 2,000 held-out digits, distributed as an RDD. The records go to
 * {@code richness.jsonl} and {@code richness.csv}, a log line each, and {@link RegimeAlerts}; at the end the
 * run's report ({@code report/report.html}).
 *
 * <pre>mvn -B -q -pl dl4j-richness-examples -am compile exec:java -Dexec.mainClass=io.github.richness.examples.spark.SparkDigits</pre>
 *
 * <p>Java 17 needs Spark's {@code --add-opens} flags: {@code .mvn/jvm.config} gives them to the Maven JVM that
 * {@code exec:java} runs in ({@code spark-submit} adds them itself on a cluster).
 */
public final class SparkDigits {

    private static final Logger LOG = LoggerFactory.getLogger(SparkDigits.class);
    private static final int BATCH = 32;
    private static final int PROBE_BATCH = 500;
    private static final long SEED = 42;
    /** The training samples of the training probe (the spectrum's eigenfunctions and NC1, the paper's protocol). */
    private static final int TRAINING_PROBE_SAMPLES = 2000;

    private SparkDigits() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        CommandLine.of("SparkDigits", "an MLP trained on Spark (parameter averaging), measured every epoch on an RDD")
                .option("epochs", "3", "training epochs (fit(rdd) calls)")
                .option("workers", "2", "local Spark worker threads")
                .option("train-samples", "8000", "how many of the 8,000 embedded training digits to use")
                .option("out", "richness-output/spark", "output folder")
                .parse(args)
                .ifPresent(SparkDigits::run);
    }

    /**
     * @param options the parsed options of {@link #main}
     * @return the records, one per epoch
     */
    public static List<RichnessRecord> run(Options options) {
        Path out = options.path("out");
        prepare(out);
        SparkConf conf = new SparkConf().setMaster("local[" + options.integer("workers") + "]")
                .setAppName("SparkDigits")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            return train(sc, options.integer("epochs"), options.integer("train-samples"), out);
        }
    }

    /**
     * The loop a Spark user writes (README, "Distributed training").
     *
     * @param sc the Spark context
     * @param epochs training epochs
     * @param trainSamples how many embedded training digits
     * @param out where the records and the report go
     * @return the records, one per epoch
     */
    static List<RichnessRecord> train(JavaSparkContext sc, int epochs, int trainSamples, Path out) {
        JavaRDD<DataSet> train = sc.parallelize(minibatches(new MnistDataSetIterator(
                MnistDigits.embeddedTrain().subset(trainSamples), BATCH, SEED)));   // DL4J persists it itself
        JavaRDD<DataSet> probe = sc.parallelize(minibatches(new MnistDataSetIterator(
                MnistDigits.embeddedTest(), PROBE_BATCH))).cache();
        JavaRDD<DataSet> trainingProbe = sc.parallelize(minibatches(new MnistDataSetIterator(   // a fixed sample
                MnistDigits.embeddedTrain().subset(Math.min(trainSamples, TRAINING_PROBE_SAMPLES)), PROBE_BATCH, SEED)))
                .cache();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(BATCH)
                .batchSizePerWorker(BATCH)
                .averagingFrequency(5)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)   // the data is in memory: no export to files
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, QuickStart.network(), master);
        List<RichnessRecord> records = new ArrayList<>();
        try (SparkRichness richness = SparkRichness.builder(sc)
                .initialModel(sparkNet.getNetwork())              // before the first fit: the reference of S_init
                .trainingProbe(trainingProbe)                     // spectrum and NC1 on training data (the paper)
                .jsonLines(out.resolve(TrainingLoop.JSON_LINES))
                .csv(out.resolve(TrainingLoop.CSV))
                .reportTo(RegimeAlerts.builder().threshold(0.05).build())
                .build()) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                sparkNet.fit(train);
                RichnessRecord record = richness.measure(sparkNet.getNetwork(), probe);
                double accuracy = sparkNet.evaluate(probe).accuracy();
                LOG.info("epoch {}/{}: loss {}, test acc {}, D_LR {}", epoch, epochs,
                        String.format("%.4f", sparkNet.getScore()), String.format("%.3f", accuracy),
                        String.format("%.4f", record.lowRankDistance()));
                records.add(record);
            }
        }
        writeReport(out);
        return records;
    }

    private static List<DataSet> minibatches(DataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        iterator.forEachRemaining(batches::add);
        return batches;
    }

    private static void prepare(Path out) {
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve(TrainingLoop.JSON_LINES));
            Files.deleteIfExists(out.resolve(TrainingLoop.CSV));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output folder " + out, e);
        }
    }

    private static void writeReport(Path out) {
        try {
            Path page = HtmlReport.write(JsonLinesReporter.read(out.resolve(TrainingLoop.JSON_LINES)),
                    out.resolve(TrainingLoop.REPORT), "SparkDigits: distributed training, measured on Spark");
            LOG.info("records in {}, report in {}", out.toAbsolutePath(), page.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            LOG.warn("the report could not be written to {}: {}", out.resolve(TrainingLoop.REPORT), e.toString());
        }
    }
}
