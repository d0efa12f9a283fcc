package io.github.richness.spark;

import static io.github.richness.spark.RecordAgreement.assertSameNumbers;
import static io.github.richness.spark.SparkTestModels.classData;
import static io.github.richness.spark.SparkTestModels.minibatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessQuantity;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.BestScoreEpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.earlystopping.SparkEarlyStoppingTrainer;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * dl4j-spark 1.0.0-M2 beside DL4J 1.0.0-M2.1: training with {@link SparkDl4jMultiLayer} and
 * {@link ParameterAveragingTrainingMaster}, measured after each {@code fit(rdd)}, and early stopping by
 * richness with {@link SparkEarlyStoppingTrainer}.
 */
class SparkTrainingTest {

    private static final DataSet PROBE = classData(21, 120);

    private final JavaSparkContext sc = LocalSpark.context();
    private final JavaRDD<DataSet> train = sc.parallelize(classData(22, 256).asList(), 2)
            .glom().map(DataSet::merge);
    private final JavaRDD<DataSet> probe = sc.parallelize(minibatches(PROBE, 40, 40, 40), 2);

    private static ParameterAveragingTrainingMaster master() {
        return new ParameterAveragingTrainingMaster.Builder(16).batchSizePerWorker(16).averagingFrequency(2)
                .workerPrefetchNumBatches(0).rddTrainingApproach(RDDTrainingApproach.Direct).build();
    }

    /**
     * The documented loop: after each fit the driver's averaged model is measured on the distributed probe,
     * and equals the listener's measurement of the same model; S_init compares with the model as it was when
     * the builder was given it, not with the live network that training updates in place.
     */
    @Test
    void measuresTheAveragedModelAfterEachFit() {
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, SparkTestModels.dense(5), master());
        MultiLayerNetwork before = sparkNet.getNetwork().clone();
        List<RichnessRecord> reported = new ArrayList<>();
        SparkRichness richness = SparkRichness.builder(sc).initialModel(sparkNet.getNetwork()).logRecords(false)
                .reportTo(reported::add).build();
        SparkRichness withoutBaselines = SparkRichness.builder(sc).baselines(false).logRecords(false).build();
        for (int epoch = 1; epoch <= 2; epoch++) {
            sparkNet.fit(train);
            MultiLayerNetwork averaged = sparkNet.getNetwork();
            assertEquals(epoch, averaged.getEpochCount());
            RichnessRecord record = richness.measure(averaged, probe);
            RichnessListener listener = RichnessListener.builder(PROBE).baselines(false).logRecords(false).build();
            assertSameNumbers(listener.measureNow(averaged), withoutBaselines.measure(averaged, probe));
            RichnessRecord fromCopy = SparkRichness.builder(sc).initialModel(before).logRecords(false).build()
                    .measure(averaged, probe);
            assertEquals(fromCopy.baselines().kernelSimilarityToInit(), record.baselines().kernelSimilarityToInit(),
                    1e-12);
            assertTrue(record.baselines().kernelSimilarityToInit() < 1, "the features moved");
            assertEquals(epoch, record.epoch());
        }
        assertEquals(2, reported.size());
        assertEquals(reported, richness.history());
    }

    /**
     * BestScoreEpochTerminationCondition(1) stops at the first evaluation only if lower is better (D_LR is
     * below 1): the score's direction reaches DL4J's Spark trainer, and the score is the record's D_LR.
     */
    @Test
    void sparkEarlyStoppingByRichness() {
        SparkRichness richness = SparkRichness.builder(sc).spectra(false).logRecords(false).build();
        EarlyStoppingConfiguration<MultiLayerNetwork> config = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .scoreCalculator(richness.<MultiLayerNetwork>scoreCalculator(probe, RichnessQuantity.LOW_RANK_DISTANCE))
                .epochTerminationConditions(new BestScoreEpochTerminationCondition(1.0),
                        new MaxEpochsTerminationCondition(3))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new SparkEarlyStoppingTrainer(sc, master(), config,
                SparkTestModels.dense(6), train).fit();
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertTrue(result.getTerminationDetails().contains("BestScoreEpochTerminationCondition"),
                result.getTerminationDetails());
        assertEquals(1, result.getTotalEpochs());
        assertEquals(1, richness.history().size());
        assertEquals(List.of(richness.history().get(0).lowRankDistance()),
                List.copyOf(result.getScoreVsEpoch().values()), "the one score is the record's D_LR");
        assertEquals("spark", richness.history().get(0).provenance().source());
    }
}
