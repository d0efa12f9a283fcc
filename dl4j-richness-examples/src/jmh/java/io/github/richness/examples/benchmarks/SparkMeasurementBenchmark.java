package io.github.richness.examples.benchmarks;

import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import io.github.richness.spark.SparkRichness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The distributed measurement on a local Spark ({@code local[2]}, the probe in 2 cached partitions of 4
 * minibatches of 250) against the single-JVM listener's {@code measureNow} on the same 2,000 held-out digits in
 * minibatches of at most 1024, on an MLP 784 → p → 10 (p the measured feature width), spectra and baselines
 * (S_init against the initial model) on in both. At set-up it prints the bytes one distributed measurement
 * ships: the partitions' moments ({@code spark_moment_bytes}) and the broadcast models.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=16G",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class SparkMeasurementBenchmark {

    private static final int PROBE_SAMPLES = 2000;
    private static final int RDD_MINIBATCH = 250;

    /** The feature width p (the hidden layer entering the output layer). */
    @Param({"128", "512", "1024"})
    public int p;

    private JavaSparkContext sc;
    private MultiLayerNetwork net;
    private JavaRDD<DataSet> probeRdd;
    private SparkRichness spark;
    private RichnessListener listener;

    /** Starts Spark, caches the probe, and measures once each way (which also prints the bytes). */
    @Setup(Level.Trial)
    public void setUp() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("benchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sc.setLogLevel("WARN");
        net = network(p);
        MnistDigits digits = MnistDigits.embeddedTest().subset(PROBE_SAMPLES);
        DataSet probe = new MnistDataSetIterator(digits, PROBE_SAMPLES).next();
        List<DataSet> minibatches = new ArrayList<>();
        new MnistDataSetIterator(digits, RDD_MINIBATCH).forEachRemaining(minibatches::add);
        probeRdd = sc.parallelize(minibatches, 2).cache();
        probeRdd.count();
        spark = SparkRichness.builder(sc).initialModel(net.clone()).logRecords(false).build();
        listener = RichnessListener.builder(probe).logRecords(false).build();
        listener.measureNow(net);
        RichnessRecord record = spark.measure(net, probeRdd);
        System.out.printf("%nSPARK BYTES p=%d: moments %s bytes from %s partitions, broadcast %s bytes, n = %d%n", p,
                record.provenance().estimators().get("spark_moment_bytes"),
                record.provenance().estimators().get("spark_partitions_with_samples"),
                record.provenance().estimators().get("spark_broadcast_bytes"), record.probe().testSamples());
    }

    /** Stops Spark. */
    @TearDown(Level.Trial)
    public void tearDown() {
        spark.close();
        sc.stop();
    }

    /** @return one distributed measurement */
    @Benchmark
    public RichnessRecord spark() {
        return spark.measure(net, probeRdd);
    }

    /** @return one single-JVM measurement of the same model on the same samples */
    @Benchmark
    public RichnessRecord listener() {
        return listener.measureNow(net);
    }

    private static MultiLayerNetwork network(int width) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(width).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(10).build())
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork model = new MultiLayerNetwork(conf);
        model.init();
        return model;
    }
}
