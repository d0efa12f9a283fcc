package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.capture.OutputMode;
import io.github.richness.core.Richness;
import io.github.richness.record.RichnessRecord;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The listener in real training runs, checked against activations captured independently with feedForward. */
class RichnessListenerTest {

    /** The networks compute in float; D_LR from our capture and from DL4J's feedForward agree to float round-off. */
    private static final double FLOAT_AGREEMENT = 1e-5;

    @Test
    void denseNetworkMatchesFeedForwardActivations() {
        MultiLayerNetwork net = TestModels.dense(1, true);
        DataSet probe = TestModels.classData(2, 300, 12);
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(3, 400, 12), 50), 3);

        List<RichnessRecord> history = listener.history();
        assertEquals(3, history.size());
        assertEquals(List.of(0, 1, 2), history.stream().map(RichnessRecord::epoch).toList());
        List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
        double expected = Richness.lowRankDistance(activations.get(3), activations.get(4));
        RichnessRecord last = history.get(2);
        assertTrue(last.ok(), String.valueOf(last.failure()));
        assertEquals(expected, last.lowRankDistance(), FLOAT_AGREEMENT);
        assertEquals(300, last.probe().testSamples());
        assertEquals(16, last.probe().featureWidth());
        assertEquals(16, last.spectra().eigenvalues().length);
        assertEquals(16, last.spectra().cumulativeQuality().length, "Π* from the probe's one-hot labels");
        assertTrue(last.provenance().head().contains("layer 3 (OutputLayer)"), last.provenance().head());
        assertTrue(last.baselines().kernelSimilarityToInit() < 1.0 && last.baselines().kernelSimilarityToInit() > 0, "features moved since init");
        assertTrue(last.baselines().parameterNormSquared() > 0);
        assertTrue(Double.isFinite(last.baselines().nc1()) && last.baselines().withinClassTrace() > 0);
        assertTrue(Double.isFinite(history.get(0).lowRankDistance()), "the first epoch's D_LR is a number (its "
                + "range needs no check: CKA is clamped to [0, 1])");
    }

    @Test
    void softmaxHeadMeasuresLogitsAndOptionallyProbabilities() {
        MultiLayerNetwork net = TestModels.dense(4, false);
        DataSet probe = TestModels.classData(5, 200, 12);
        net.fit(TestModels.iterator(TestModels.classData(6, 200, 12), 50), 2);
        RichnessRecord logits = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
        RichnessRecord probabilities = RichnessListener.builder(probe).logRecords(false)
                .outputMode(OutputMode.POST_ACTIVATION).build().measureNow(net);
        List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
        assertEquals(Richness.lowRankDistance(activations.get(3), activations.get(4)), probabilities.lowRankDistance(),
                FLOAT_AGREEMENT, "post-activation output is DL4J's softmax output");
        INDArray w = net.getLayer(3).getParam("W");
        INDArray b = net.getLayer(3).getParam("b");
        INDArray independentLogits = activations.get(3).mmul(w).addRowVector(b);
        assertEquals(Richness.lowRankDistance(activations.get(3), independentLogits), logits.lowRankDistance(), FLOAT_AGREEMENT);
    }

    @Test
    void convolutionalNetworksMatchFeedForwardActivations() {
        DataSet probe = TestModels.imageData(7, 200);
        for (boolean convHead : new boolean[] {false, true}) {
            MultiLayerNetwork net = TestModels.cnn(8, convHead);
            RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
            net.addListeners(listener);
            net.fit(TestModels.iterator(TestModels.imageData(9, 200), 40), 2);
            List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
            int last = activations.size() - 1;
            INDArray features = activations.get(last - 1);
            features = features.reshape('c', features.size(0), features.length() / features.size(0));
            RichnessRecord record = listener.history().get(1);
            assertEquals(Richness.lowRankDistance(features, activations.get(last)), record.lowRankDistance(),
                    FLOAT_AGREEMENT, convHead ? "4-d features flattened as DL4J's preprocessor does" : "dense features");
            assertEquals(features.columns(), record.probe().featureWidth());
        }
    }

    @Test
    void residualGraphMatchesFeedForwardActivations() {
        ComputationGraph graph = TestModels.residual(10, false);
        DataSet probe = TestModels.imageData(11, 200);
        RichnessListener listener = RichnessListener.builder(TestModels.iterator(probe, 64)).logRecords(false).build();
        graph.addListeners(listener);
        graph.fit(TestModels.iterator(TestModels.imageData(12, 200), 40), 2);
        Map<String, INDArray> activations = graph.feedForward(probe.getFeatures(), false);
        RichnessRecord record = listener.history().get(1);
        assertEquals(Richness.lowRankDistance(activations.get("pool"), activations.get("out")), record.lowRankDistance(),
                FLOAT_AGREEMENT);
        assertEquals(6, record.probe().featureWidth(), "global pooling: p is the number of channels");
        assertEquals(200, record.probe().testSamples(), "the iterator's samples, copied once at build(), measured in full at every epoch");
        assertEquals(200, listener.history().get(0).probe().testSamples());
    }

    @Test
    void graphWithSeveralOutputsNeedsANameAndListsThem() {
        ComputationGraph graph = TestModels.residual(13, true);
        DataSet probe = TestModels.imageData(14, 50);
        RichnessRecord ambiguous = RichnessListener.builder(probe).logRecords(false).build().measureNow(graph);
        assertFalse(ambiguous.ok());
        assertTrue(ambiguous.failure().contains("2 output layers [out, aux]"), ambiguous.failure());
        RichnessRecord named = RichnessListener.builder(probe).logRecords(false).outputLayer("aux").build().measureNow(graph);
        assertTrue(named.ok(), String.valueOf(named.failure()));
        assertTrue(named.provenance().head().contains("'aux'"));
    }

    @Test
    void unsupportedLayersAreNamedAndTrainingContinues() {
        MultiLayerNetwork rnn = TestModels.recurrent(15);
        DataSet sequences = new DataSet(org.nd4j.linalg.factory.Nd4j.rand(4, 3, 5), org.nd4j.linalg.factory.Nd4j.rand(4, 2, 5));
        RichnessListener listener = RichnessListener.builder(sequences).logRecords(false).build();
        rnn.addListeners(listener);
        rnn.fit(new ExistingDataSetIterator(List.of(sequences)), 1);
        RichnessRecord record = listener.history().get(0);
        assertFalse(record.ok());
        assertTrue(record.failure().contains("layer 1 (RnnOutputLayer) has a time axis"), record.failure());
    }

    @Test
    void nanActivationsGiveAFlaggedRecordAndTrainingContinues() {
        MultiLayerNetwork net = TestModels.dense(16, true);
        DataSet probe = TestModels.classData(17, 100, 12);
        probe.getFeatures().putScalar(3, 4, Double.NaN);
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(18, 100, 12), 50), 2);
        assertEquals(2, listener.history().size());
        RichnessRecord record = listener.history().get(1);
        assertFalse(record.ok());
        assertTrue(record.failure().startsWith("the test probe's input features have NaN or infinite values"), record.failure());
        assertTrue(record.failure().contains("layer 3 (OutputLayer)"), "names the layer: " + record.failure());
        assertTrue(Double.isNaN(record.lowRankDistance()));
        assertTrue(Double.isFinite(net.score()), "training went on");
    }

    @Test
    void iterationScheduleCountsInvocationsLikeEvaluativeListener() {
        MultiLayerNetwork net = TestModels.dense(19, true);
        RichnessListener listener = RichnessListener.builder(TestModels.classData(20, 60, 12)).logRecords(false)
                .spectra(false).baselines(false).frequency(3, InvocationType.ITERATION_END).build();
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(21, 100, 12), 10), 1);
        List<Integer> iterations = listener.history().stream().map(RichnessRecord::iteration).toList();
        assertEquals(List.of(0, 3, 6, 9), iterations,
                "measured at the 1st, 4th, 7th and 10th iteration end (DL4J counts iterations from 0)");
        RichnessRecord first = listener.history().get(0);
        assertEquals(0, first.spectra().eigenvalues().length, "spectra off");
        assertTrue(Double.isNaN(first.baselines().nc1()), "baselines off");
        assertTrue(Double.isFinite(first.lowRankDistance()));
    }

    @Test
    void historyKeepsSpectraOfTheLatestRecordsOnly() {
        MultiLayerNetwork net = TestModels.dense(22, true);
        RichnessListener listener = RichnessListener.builder(TestModels.classData(23, 80, 12)).logRecords(false)
                .keepSpectraOfLast(2).spectrumEntries(5).build();
        for (int i = 0; i < 5; i++) {
            listener.measureNow(net);
        }
        List<RichnessRecord> history = listener.history();
        assertEquals(5, history.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 3 ? 0 : 5, history.get(i).spectra().eigenvalues().length, "record " + i);
            assertTrue(Double.isFinite(history.get(i).lowRankDistance()), "scalars kept for record " + i);
        }
    }

    @Test
    void separateSpectrumProbeDefinesTheEigenfunctions() {
        MultiLayerNetwork net = TestModels.dense(24, true);
        RichnessRecord record = RichnessListener.builder(TestModels.classData(25, 100, 12)).logRecords(false)
                .trainingProbe(TestModels.iterator(TestModels.classData(26, 250, 12), 60)).build().measureNow(net);
        assertEquals(100, record.probe().testSamples());
        assertEquals(250, record.probe().spectrumSamples());
        assertEquals(1.0, record.spectra().cumulativeUtilization()[15], 0.05, "16 eigenfunctions nearly span the outputs");
    }

    /**
     * The moments are streaming sums, so the minibatch size changes nothing but the float round-off of the
     * forward pass (a GEMM of another shape sums in another order).
     */
    @Test
    void aDataSetProbeGivesTheSameNumbersInAnyMinibatchSize() {
        MultiLayerNetwork net = TestModels.dense(32, true);
        DataSet probe = TestModels.classData(33, 150, 12);
        RichnessListener whole = RichnessListener.builder(probe).logRecords(false).build();
        whole.measureNow(net);
        net.fit(TestModels.iterator(TestModels.classData(34, 200, 12), 50), 2);
        RichnessRecord reference = whole.measureNow(net);
        for (int batch : new int[] {1, 7, 64}) {
            RichnessListener split = RichnessListener.builder(probe).probeBatchSize(batch).logRecords(false).build();
            MultiLayerNetwork same = TestModels.dense(32, true);
            split.measureNow(same);
            same.setParams(net.params());
            RichnessRecord record = split.measureNow(same);
            assertEquals(150, record.probe().testSamples());
            assertEquals(reference.lowRankDistance(), record.lowRankDistance(), FLOAT_AGREEMENT, "minibatches of " + batch);
            assertArrayEquals(reference.spectra().eigenvalues(), record.spectra().eigenvalues(), FLOAT_AGREEMENT * reference.spectra().eigenvalues()[0]);
            assertArrayEquals(reference.spectra().cumulativeQuality(), record.spectra().cumulativeQuality(), FLOAT_AGREEMENT);
            assertEquals(reference.baselines().kernelSimilarityToInit(), record.baselines().kernelSimilarityToInit(), FLOAT_AGREEMENT);
            assertEquals(reference.baselines().nc1(), record.baselines().nc1(), FLOAT_AGREEMENT * reference.baselines().nc1());
        }
        DataSet spectrumProbe = TestModels.classData(35, 90, 12);
        RichnessRecord wholeSpectrum = RichnessListener.builder(probe).trainingProbe(spectrumProbe).baselines(false)
                .logRecords(false).build().measureNow(net);
        RichnessRecord splitSpectrum = RichnessListener.builder(probe).trainingProbe(spectrumProbe).baselines(false)
                .probeBatchSize(16).logRecords(false).build().measureNow(net);
        assertEquals(90, splitSpectrum.probe().spectrumSamples());
        assertArrayEquals(wholeSpectrum.spectra().eigenvalues(), splitSpectrum.spectra().eigenvalues(),
                FLOAT_AGREEMENT * wholeSpectrum.spectra().eigenvalues()[0], "the training probe in minibatches of 16");
        assertArrayEquals(wholeSpectrum.spectra().cumulativeUtilization(), splitSpectrum.spectra().cumulativeUtilization(), FLOAT_AGREEMENT);
    }

    @Test
    void captureLeavesTheModelsInputsAndMasksAlone() {
        MultiLayerNetwork net = TestModels.dense(28, true);
        DataSet train = TestModels.classData(29, 20, 12);
        net.fit(train);
        INDArray input = train.getFeatures();
        net.setInput(input);
        net.setLabels(train.getLabels());
        RichnessListener.builder(TestModels.classData(30, 40, 12)).logRecords(false).build().measureNow(net);
        assertSame(input, net.getInput());
        assertSame(train.getLabels(), net.getLabels());
        assertNull(net.getMask());
    }

    @Test
    void recordsAreImmutable() {
        RichnessRecord record = RichnessListener.builder(TestModels.classData(31, 60, 12)).logRecords(false).build()
                .measureNow(TestModels.dense(32, true));
        double[] eigenvalues = record.spectra().eigenvalues();
        double[] before = eigenvalues.clone();
        assertTrue(before[0] > 0, "a leading eigenvalue to overwrite: " + before[0]);
        eigenvalues[0] = -1;
        assertArrayEquals(before, record.spectra().eigenvalues(), "the record's array is not the one handed out");
        assertThrows(UnsupportedOperationException.class, () -> record.warnings().add("x"));
    }
}
