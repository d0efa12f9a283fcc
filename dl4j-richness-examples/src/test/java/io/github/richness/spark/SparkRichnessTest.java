package io.github.richness.spark;

import static io.github.richness.spark.RecordAgreement.assertSameNumbers;
import static io.github.richness.spark.SparkTestModels.classData;
import static io.github.richness.spark.SparkTestModels.minibatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.listener.RichnessListener;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.MomentsCodec;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The distributed measurement gives the single-JVM listener's record, whatever the partitioning: the same
 * model (trained first, with dropout and batch norm), the same probe samples, compared number by number.
 */
class SparkRichnessTest {

    private static final DataSet PROBE = classData(7, 150);
    private static final DataSet SPECTRUM_PROBE = classData(8, 200);
    private static final int CAP = 100;
    /** p = 12, C = 4, t = 4, with S_init's reference features and per-class moments. */
    private static final MomentLayout LAYOUT = new MomentLayout(12, 4, 4, true, true);
    /** Tasks made to fail in {@link #aTaskThatFailsOnceIsRetriedWithTheSameResult}. */
    private static final AtomicInteger FAILED_ATTEMPTS = new AtomicInteger();

    private static JavaSparkContext sc;
    private static MultiLayerNetwork initial;
    private static MultiLayerNetwork trained;
    private static RichnessRecord whole;
    private static RichnessRecord capped;
    private static RichnessRecord separateSpectrum;

    @BeforeAll
    static void trainWithListeners() {
        sc = LocalSpark.context();
        trained = SparkTestModels.dense(3);
        initial = trained.clone();
        RichnessListener wholeProbe = listener(RichnessListener.builder(PROBE));
        RichnessListener cappedProbe = listener(RichnessListener.builder(PROBE).maxProbeSamples(CAP));
        RichnessListener spectrumProbe = listener(RichnessListener.builder(PROBE).trainingProbe(SPECTRUM_PROBE));
        trained.addListeners(wholeProbe, cappedProbe, spectrumProbe);
        trained.fit(new ListDataSetIterator<>(classData(9, 320).asList(), 32), 3);
        whole = wholeProbe.measureNow(trained);
        capped = cappedProbe.measureNow(trained);
        separateSpectrum = spectrumProbe.measureNow(trained);
    }

    private static RichnessListener listener(RichnessListener.Builder builder) {
        return builder.frequency(1_000, InvocationType.EPOCH_END).logRecords(false).build();
    }

    /** 1 partition; 3 of 5 to 69 samples; 7 of which the first is empty. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void equalsTheListenerWhateverThePartitioning(int partitions) {
        List<DataSet> batches = partitions == 7 ? minibatches(PROBE, 5, 30, 18, 40, 32, 25)
                : minibatches(PROBE, 5, 30, 17, 1, 40, 12, 25, 20);
        JavaRDD<DataSet> probe = sc.parallelize(batches, partitions);
        List<Integer> sizes = probe.glom().map(List::size).collect();
        int withSamples = (int) sizes.stream().filter(size -> size > 0).count();
        assertEquals(partitions == 7, sizes.contains(0), "partition sizes " + sizes);
        RichnessRecord record = spark().build().measure(trained, probe);
        assertSameNumbers(whole, record);
        Provenance provenance = record.provenance();
        assertEquals(Provenance.SPARK, provenance.source());
        assertEquals(Integer.toString(partitions), provenance.estimators().get("spark_partitions"));
        assertEquals(Integer.toString(withSamples), provenance.estimators().get("spark_partitions_with_samples"));
        assertEquals(withSamples * MomentsCodec.maxEncodedBytes(LAYOUT),
                Long.parseLong(provenance.estimators().get("spark_moment_bytes")),
                "every partition with samples of all 4 classes ships one full encoding, whatever its size");
        assertEquals(trained.getEpochCount(), record.epoch());
        assertEquals(trained.getIterationCount(), record.iteration());
    }

    /** The cap takes the leading samples in partition order, cutting a minibatch and a partition. */
    @Test
    void takesTheLeadingSamplesUpToTheCap() {
        JavaRDD<DataSet> probe = sc.parallelize(minibatches(PROBE, 5, 30, 17, 1, 40, 12, 25, 20), 3);
        RichnessRecord record = spark().maxProbeSamples(CAP).build().measure(trained, probe);
        assertEquals(CAP, record.probe().testSamples());
        assertSameNumbers(capped, record);
        assertEquals(Integer.toString(CAP), Integer.toString(record.provenance().sampleCap()));
    }

    @Test
    void separateSpectrumProbe() {
        JavaRDD<DataSet> probe = sc.parallelize(minibatches(PROBE, 5, 30, 17, 1, 40, 12, 25, 20), 3);
        JavaRDD<DataSet> spectrum = sc.parallelize(minibatches(SPECTRUM_PROBE, 50, 3, 97, 50), 2);
        RichnessRecord record = spark().trainingProbe(spectrum).build().measure(trained, probe);
        assertEquals(200, record.probe().spectrumSamples());
        assertSameNumbers(separateSpectrum, record);
        assertEquals(Provenance.TRAINING_PROBE, record.provenance().probes().get(Provenance.SPECTRUM));
        assertEquals("2", record.provenance().estimators().get("spark_training_partitions"));
    }

    @Test
    void computationGraph() {
        ComputationGraph graph = SparkTestModels.graph(4);
        ComputationGraph start = graph.clone();
        RichnessListener listener = listener(RichnessListener.builder(PROBE));
        graph.addListeners(listener);
        graph.fit(new ListDataSetIterator<>(classData(10, 160).asList(), 32), 2);
        RichnessRecord expected = listener.measureNow(graph);
        RichnessRecord record = SparkRichness.builder(sc).initialModel(start).logRecords(false).build()
                .measure(graph, sc.parallelize(minibatches(PROBE, 40, 70, 40), 3));
        assertSameNumbers(expected, record);
        assertEquals("'out'", record.provenance().headName());
    }

    /** local[2,2]: partition 1's first attempt throws; Spark runs it again, on the same data. */
    @Test
    void aTaskThatFailsOnceIsRetriedWithTheSameResult() {
        FAILED_ATTEMPTS.set(0);
        JavaRDD<DataSet> flaky = sc.parallelize(minibatches(PROBE, 5, 30, 17, 1, 40, 12, 25, 20), 3)
                .mapPartitionsWithIndex((partition, batches) -> {
                    if (partition == 1 && TaskContext.get().attemptNumber() == 0) {
                        FAILED_ATTEMPTS.incrementAndGet();
                        throw new IllegalStateException("simulated executor failure");
                    }
                    return batches;
                }, true);
        RichnessRecord record = spark().build().measure(trained, flaky);
        assertEquals(1, FAILED_ATTEMPTS.get(), "the first attempt of partition 1 failed once");
        assertSameNumbers(whole, record);
    }

    /** Only the moments travel: their size does not grow with the probe. */
    @Test
    void shippedBytesDoNotDependOnTheProbeSize() {
        DataSet large = classData(11, 600);
        long small = momentBytes(sc.parallelize(minibatches(PROBE, 50, 50, 50), 3));
        long big = momentBytes(sc.parallelize(minibatches(large, 200, 200, 200), 3));
        assertEquals(small, big);
        assertEquals(3 * MomentsCodec.maxEncodedBytes(LAYOUT), small);
    }

    private long momentBytes(JavaRDD<DataSet> probe) {
        RichnessRecord record = spark().build().measure(trained, probe);
        assertTrue(record.ok(), record.failure());
        assertTrue(Long.parseLong(record.provenance().estimators().get("spark_broadcast_bytes"))
                > 8L * 2 * trained.numParams(), "both models' parameters are broadcast");
        return Long.parseLong(record.provenance().estimators().get("spark_moment_bytes"));
    }

    /** An executor failure beyond Spark's retries is a failed record, reported like any other, not an exception. */
    @Test
    void aFailedJobIsAFailedRecord() {
        List<RichnessRecord> reported = new ArrayList<>();
        SparkRichness richness = spark().reportTo(reported::add).build();
        JavaRDD<DataSet> wrongWidth = sc.parallelize(List.of(new DataSet(org.nd4j.linalg.factory.Nd4j.rand(8, 3),
                org.nd4j.linalg.factory.Nd4j.rand(8, 4))), 1);
        RichnessRecord record = richness.measure(trained, wrongWidth);
        assertFalse(record.ok());
        assertTrue(record.failure().contains("features entering layer 3"), record.failure());
        assertEquals(List.of(record), reported);
        assertEquals(List.of(record), richness.history());
        assertEquals("1", record.provenance().estimators().get("spark_partitions"));
        assertThrows(IllegalArgumentException.class, () -> richness.measure(trained, null));
    }

    /** The one-call form: defaults, and no S_init without an initial model (a warning says so). */
    @Test
    void oneCallWithoutInitialModel() {
        RichnessRecord record = SparkRichness.measure(sc, trained,
                sc.parallelize(minibatches(PROBE, 75, 75), 2));
        assertTrue(record.ok(), record.failure());
        assertEquals(whole.lowRankDistance(), record.lowRankDistance(), RecordAgreement.RELATIVE * whole.lowRankDistance());
        assertTrue(Double.isNaN(record.baselines().kernelSimilarityToInit()));
        assertTrue(record.warnings().stream().anyMatch(w -> w.contains("no initial model")), record.warnings().toString());
        assertEquals(Integer.MAX_VALUE, record.provenance().sampleCap());
    }

    @Test
    void builderNamesTheWrongArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkRichness.builder(sc).maxProbeSamples(1)
                .build()).getMessage().contains("maxProbeSamples"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkRichness.builder(sc).treeDepth(0)
                .build()).getMessage().contains("treeDepth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkRichness.builder(null).build())
                .getMessage().contains("Spark context"));
    }

    private static SparkRichness.Builder spark() {
        return SparkRichness.builder(sc).initialModel(initial).logRecords(false);
    }
}
