package io.github.richness.earlystopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessQuantity;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.BestScoreEpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Early stopping by richness with DL4J's own trainers. The prediction comes from a first run of the same
 * deterministic training with a fixed number of epochs (its D_LR after every epoch); the second run, with a
 * richness condition, must stop exactly where those numbers say.
 */
class RichnessScoreCalculatorTest {

    private static final int EPOCHS = 6;
    private static final int CLASSES = 4;
    private static final DataSet TRAIN = data(1, 240);
    private static final DataSet PROBE = data(2, 200);
    private static Map<Integer, Double> reference;

    @BeforeAll
    static void referenceRun() {
        reference = multiLayer(new MaxEpochsTerminationCondition(EPOCHS)).getScoreVsEpoch();
        assertEquals(EPOCHS, reference.size());
    }

    @Test
    void stopsWhenTheNetworkIsRichEnough() {
        int stop = lastNewLowBefore(reference, EPOCHS - 1);
        double level = levelReachedAt(reference, stop);
        EarlyStoppingResult<MultiLayerNetwork> result = multiLayer(new BestScoreEpochTerminationCondition(level),
                new MaxEpochsTerminationCondition(EPOCHS));
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertTrue(result.getTerminationDetails().contains("BestScoreEpochTerminationCondition"),
                result.getTerminationDetails());
        assertEquals(stop + 1, result.getTotalEpochs(), "stopped at the first epoch with D_LR < " + level + ": "
                + reference);
        assertEquals(stop, result.getBestModelEpoch());
        assertEquals(reference.get(stop), result.getScoreVsEpoch().get(stop), 1e-12, "deterministic training");
    }

    /**
     * minimizeScore() is true: "improvement" means "richer by more than the minimum", and the best model is the
     * richest one. The minimum is the median epoch-to-epoch fall of the reference run, so the run stops early.
     */
    @Test
    void stopsWhenTheNetworkStopsGettingRicher() {
        double[] falls = new double[EPOCHS - 1];
        for (int epoch = 1; epoch < EPOCHS; epoch++) {
            falls[epoch - 1] = reference.get(epoch - 1) - reference.get(epoch);
        }
        java.util.Arrays.sort(falls);
        double minimum = falls[falls.length / 2];
        int patience = 1;
        int bestEpoch = 0;
        int expectedLast = EPOCHS - 1;
        for (int epoch = 1; epoch < EPOCHS; epoch++) {
            if (reference.get(bestEpoch) - reference.get(epoch) > minimum) {
                bestEpoch = epoch;
            } else if (epoch >= bestEpoch + patience) {
                expectedLast = epoch;
                break;
            }
        }
        assertTrue(expectedLast < EPOCHS - 1, "the reference run must let the condition stop early: " + reference);
        EarlyStoppingResult<MultiLayerNetwork> result = multiLayer(
                new ScoreImprovementEpochTerminationCondition(patience, minimum),
                new MaxEpochsTerminationCondition(EPOCHS));
        assertEquals(expectedLast + 1, result.getTotalEpochs(), "D_LR by epoch " + reference + ", minimum " + minimum);
        int richest = 0;
        for (int epoch = 1; epoch <= expectedLast; epoch++) {
            richest = reference.get(epoch) < reference.get(richest) ? epoch : richest;
        }
        assertEquals(richest, result.getBestModelEpoch(), "the saved best model is the richest one evaluated");
        // DL4J M2.1's getBestModelScore() is the saved model's own score() after an epoch condition: read the map
        assertEquals(reference.get(richest), result.getScoreVsEpoch().get(result.getBestModelEpoch()), 1e-12);
    }

    @Test
    void scoresAreTheListenersRecords() {
        List<RichnessRecord> records = new ArrayList<>();
        RichnessListener listener = RichnessListener.builder(PROBE).spectra(false).logRecords(false)
                .reportTo(records::add).build();
        RichnessScoreCalculator<MultiLayerNetwork> score = RichnessScoreCalculator.of(listener,
                RichnessQuantity.PROJECTION_LOW_RANK_DISTANCE);
        assertTrue(score.minimizeScore());
        MultiLayerNetwork net = network();
        double value = score.calculateScore(net);
        assertEquals(1, records.size());
        assertEquals(records.get(0).distances().projectionLowRankDistance(), value, 0.0);
        assertEquals(records.get(0), score.lastRecord());
        RichnessScoreCalculator<Model> failing = RichnessScoreCalculator.measuredBy(
                model -> RichnessRecord.builder().failure("simulated").build(), RichnessQuantity.LOW_RANK_DISTANCE);
        assertTrue(Double.isNaN(failing.calculateScore(net)), "a failed measurement scores NaN");
    }

    @Test
    void computationGraphStopsWhenRichEnough() {
        Map<Integer, Double> graphScores = graph(new MaxEpochsTerminationCondition(EPOCHS)).getScoreVsEpoch();
        int stop = lastNewLowBefore(graphScores, EPOCHS - 1);
        EarlyStoppingResult<ComputationGraph> result = graph(
                new BestScoreEpochTerminationCondition(levelReachedAt(graphScores, stop)),
                new MaxEpochsTerminationCondition(EPOCHS));
        assertEquals(stop + 1, result.getTotalEpochs(), "D_LR by epoch " + graphScores);
        assertEquals(stop, result.getBestModelEpoch());
    }

    /** @return the last epoch before {@code end} whose score is below every earlier one (a new low) */
    private static int lastNewLowBefore(Map<Integer, Double> scores, int end) {
        int found = -1;
        double low = scores.get(0);
        for (int epoch = 1; epoch < end; epoch++) {
            if (scores.get(epoch) < low) {
                low = scores.get(epoch);
                found = epoch;
            }
        }
        assertTrue(found > 0, "D_LR never fell to a new low: " + new TreeMap<>(scores));
        return found;
    }

    /** @return a level first undercut at {@code epoch}: halfway between its score and the lowest before it */
    private static double levelReachedAt(Map<Integer, Double> scores, int epoch) {
        double low = Double.MAX_VALUE;
        for (int e = 0; e < epoch; e++) {
            low = Math.min(low, scores.get(e));
        }
        return (low + scores.get(epoch)) / 2;
    }

    private static EarlyStoppingResult<MultiLayerNetwork> multiLayer(EpochTerminationCondition... conditions) {
        RichnessListener listener = RichnessListener.builder(PROBE).spectra(false).baselines(false)
                .logRecords(false).build();
        EarlyStoppingConfiguration<MultiLayerNetwork> config = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .scoreCalculator(RichnessScoreCalculator.<MultiLayerNetwork>of(listener))
                .epochTerminationConditions(conditions)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        return new EarlyStoppingTrainer(config, network(), train()).fit();
    }

    private static EarlyStoppingResult<ComputationGraph> graph(EpochTerminationCondition... conditions) {
        RichnessListener listener = RichnessListener.builder(PROBE).spectra(false).baselines(false)
                .logRecords(false).build();
        EarlyStoppingConfiguration<ComputationGraph> config = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .scoreCalculator(RichnessScoreCalculator.<ComputationGraph>of(listener))
                .epochTerminationConditions(conditions)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(5).updater(new Adam(3e-3)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(CLASSES).build(), "hidden")
                .setOutputs("out").setInputTypes(InputType.feedForward(10)).build());
        graph.init();
        return new EarlyStoppingGraphTrainer(config, graph, train()).fit();
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(4).updater(new Adam(3e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(CLASSES).build())
                .setInputType(InputType.feedForward(10)).build());
        net.init();
        return net;
    }

    private static DataSetIterator train() {
        return new ListDataSetIterator<>(TRAIN.asList(), 24);
    }

    /** Gaussian inputs whose class (i mod 4) shifts the mean. */
    private static DataSet data(long seed, int n) {
        Random random = new Random(seed);
        double[][] x = new double[n][10];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            y[i][i % CLASSES] = 1;
            for (int j = 0; j < 10; j++) {
                x[i][j] = random.nextGaussian() + (j % CLASSES == i % CLASSES ? 1.0 : 0.0);
            }
        }
        return new DataSet(Nd4j.createFromArray(x).castTo(DataType.FLOAT),
                Nd4j.createFromArray(y).castTo(DataType.FLOAT));
    }
}
