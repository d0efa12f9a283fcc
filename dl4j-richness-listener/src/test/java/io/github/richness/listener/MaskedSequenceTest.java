package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.listener.SequenceModels.Reduction;
import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Variable-length sequences: the listener measures a probe with the probe's own masks, never with the
 * training minibatch's that the layers still hold at {@code ITERATION_END}, leaves no mask behind, and
 * leaves masked training bit-for-bit unchanged. Every value is checked against D_LR of the features that
 * DL4J's own masked forward pass produces ({@link DL4JForward}).
 */
class MaskedSequenceTest {

    /** The listener (float32 forward pass, moments) against the double-precision Gram-matrix reference. */
    private static final double TOLERANCE = 1e-5;
    /** Masked and unmasked D_LR differ by more than this on these probes, so a lost mask cannot pass. */
    private static final double MASK_EFFECT = 1e-3;
    private static final int STEPS = 8;
    private static final int TRAINING_BATCH = 12;

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void networkProbesAreMeasuredWithTheirOwnMasks(Reduction reduction) {
        MultiLayerNetwork net = SequenceModels.network(reduction, 11);
        assertMeasuredWithOwnMasks(net);
        assertNull(net.getMask());
        for (Layer layer : net.getLayers()) {
            assertNull(layer.getMaskArray(), "the probe's mask stays in layer " + layer.getIndex());
        }
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void graphProbesAreMeasuredWithTheirOwnMasks(Reduction reduction) {
        ComputationGraph graph = SequenceModels.graph(reduction, 11);
        assertMeasuredWithOwnMasks(graph);
        assertNull(graph.getInputMaskArrays());
        for (Layer layer : graph.getLayers()) {
            assertNull(layer.getMaskArray(), "the probe's mask stays in layer " + layer.getIndex());
        }
    }

    @Test
    void lastTimeStepVertexReadsTheProbesMask() {
        assertMeasuredWithOwnMasks(SequenceModels.lastTimeStepVertexGraph(11));
    }

    @ParameterizedTest
    @CsvSource({"false, LAST_TIME_STEP", "false, GLOBAL_MAX", "true, LAST_TIME_STEP", "true, GLOBAL_MAX"})
    void staleTrainingMasksNeverReachTheProbeAndTrainingIsUnchanged(boolean graph, Reduction reduction) {
        DataSet probe = SequenceModels.sequences(30, 24, STEPS, 2);
        Model without = model(graph, reduction);
        fit(without, null);

        Model with = model(graph, reduction);
        RichnessListener sameSize = RichnessListener.builder(probe).probeBatchSize(TRAINING_BATCH).logRecords(false)
                .frequency(1, InvocationType.ITERATION_END).build();
        RichnessListener otherSize = RichnessListener.builder(probe).probeBatchSize(10).logRecords(false)
                .frequency(1, InvocationType.ITERATION_END).build();
        MaskWitness witness = new MaskWitness();
        ParameterSnapshots snapshots = new ParameterSnapshots();
        fit(with, new BaseTrainingListener[] {witness.before, sameSize, otherSize, snapshots, witness.after});

        assertArrayEquals(TestModels.parameters(without.params()), TestModels.parameters(with.params()),
                "parameters after masked training, bit for bit");
        assertEquals(10, snapshots.parameters.size());
        assertTrue(witness.checked >= 10 && witness.changed.isEmpty(), "masks changed: " + witness.changed);
        double largestMaskEffect = 0;
        for (int i = 0; i < snapshots.parameters.size(); i++) {
            Model at = model(graph, reduction);
            at.setParams(snapshots.parameters.get(i));
            double masked = dl4jLowRankDistance(at, List.of(probe), true);
            largestMaskEffect = Math.max(largestMaskEffect, Math.abs(masked - dl4jLowRankDistance(at, List.of(probe), false)));
            for (RichnessListener listener : List.of(sameSize, otherSize)) {
                RichnessRecord record = listener.history().get(i);
                assertTrue(record.ok(), record.failure());
                assertEquals(masked, record.lowRankDistance(), TOLERANCE, "iteration " + record.iteration());
            }
        }
        assertTrue(largestMaskEffect > MASK_EFFECT, "masked and unmasked D_LR differ by " + largestMaskEffect);
    }

    @Test
    void aMaskThatDoesNotFitTheFeaturesIsAFlaggedRecordThatSaysSo() {
        DataSet probe = SequenceModels.sequences(40, 16, STEPS, 2);
        probe.setFeaturesMaskArray(Nd4j.ones(16, STEPS + 1));
        RichnessRecord record = measure(SequenceModels.network(Reduction.LAST_TIME_STEP, 41), iterator(probe));
        assertFalse(record.ok());
        assertTrue(record.failure().contains("features mask has shape [16, 9] but its features have shape [16, 3, 8]"),
                record.failure());
    }

    @Test
    void aDataSetProbeWhoseMaskHasOtherRowsIsRefusedAtBuild() {
        DataSet probe = SequenceModels.sequences(42, 16, STEPS, 2);
        probe.setFeaturesMaskArray(Nd4j.ones(15, STEPS));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RichnessListener.builder(probe).build());
        assertTrue(refused.getMessage().contains("features mask has shape [15, 8] but the DataSet has 16 samples"),
                refused.getMessage());
    }

    @Test
    void aSampleMaskedEntirelyIsRefusedByIndex() {
        DataSet probe = SequenceModels.sequences(43, 16, STEPS, 2);
        probe.getFeaturesMaskArray().getRow(5).assign(0);
        RichnessRecord record = measure(SequenceModels.graph(Reduction.GLOBAL_MAX, 44), iterator(probe));
        assertFalse(record.ok());
        assertTrue(record.failure().contains("sample 5 of a probe minibatch of 16 is masked entirely"), record.failure());
    }

    @Test
    void aLabelsMaskIsAcceptedWhenItMasksNothingAndRefusedWhenItExcludesLabels() {
        MultiLayerNetwork net = SequenceModels.network(Reduction.GLOBAL_AVG, 45);
        DataSet probe = SequenceModels.sequences(46, 16, STEPS, 2);
        double plain = measure(net, iterator(probe)).lowRankDistance();
        probe.setLabelsMaskArray(Nd4j.ones(16, 1));
        RichnessRecord allOnes = measure(net, iterator(probe));
        assertTrue(allOnes.ok(), allOnes.failure());
        assertEquals(plain, allOnes.lowRankDistance(), 0.0);
        probe.getLabelsMaskArray().putScalar(3, 0, 0);
        RichnessRecord excluding = measure(net, iterator(probe));
        assertFalse(excluding.ok());
        assertTrue(excluding.failure().contains("labels mask excludes labels"), excluding.failure());
    }

    @Test
    void aTimeAxisReachingTheOutputLayerIsUnsupported() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(47).list()
                .layer(new LSTM.Builder().nIn(SequenceModels.INPUTS).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(TestModels.CLASSES).build())
                .setInputType(InputType.recurrent(SequenceModels.INPUTS)).build());
        net.init();
        RichnessRecord record = measure(net, iterator(SequenceModels.sequences(48, 16, STEPS, 2)));
        assertFalse(record.ok());
        assertTrue(record.failure().startsWith("UnsupportedModelException: the input of layer 1 (OutputLayer) has a time axis"),
                record.failure());
        assertTrue(record.failure().contains("RnnToFeedForwardPreProcessor"), record.failure());
    }

    /**
     * A DataSet probe split into minibatches of 16 and an iterator probe of three minibatches with different
     * lengths give D_LR of DL4J's masked features, which differs from the unmasked one; S_init (the initial
     * model's features, through the same masks) is 1 before training.
     */
    private static void assertMeasuredWithOwnMasks(Model model) {
        DataSet probe = SequenceModels.sequences(12, 48, STEPS, 2);
        List<DataSet> batches = List.of(SequenceModels.sequences(13, 20, STEPS, 2),
                SequenceModels.sequences(14, 16, 5, 1), SequenceModels.sequences(15, 12, 7, 3));
        double masked = dl4jLowRankDistance(model, List.of(probe), true);
        double unmasked = dl4jLowRankDistance(model, List.of(probe), false);
        RichnessRecord split = RichnessListener.builder(probe).probeBatchSize(16).logRecords(false).build()
                .measureNow(model);
        assertRecord(split, masked, unmasked, 48);

        double maskedBatches = dl4jLowRankDistance(model, batches, true);
        RichnessRecord iterated = measure(model, new ExistingDataSetIterator(batches));
        assertRecord(iterated, maskedBatches, dl4jLowRankDistance(model, batches, false), 48);
    }

    private static void assertRecord(RichnessRecord record, double masked, double unmasked, int samples) {
        assertTrue(record.ok(), record.failure());
        assertEquals(samples, record.probe().testSamples());
        assertEquals(masked, record.lowRankDistance(), TOLERANCE, "D_LR of DL4J's masked features");
        assertTrue(Math.abs(masked - unmasked) > MASK_EFFECT, "masked " + masked + ", unmasked " + unmasked);
        assertEquals(1.0, record.baselines().kernelSimilarityToInit(), TOLERANCE, "S_init of the model with itself");
    }

    /** D_LR of the features DL4J's own forward pass feeds the output layer, with or without the masks. */
    private static double dl4jLowRankDistance(Model model, List<DataSet> batches, boolean masked) {
        List<INDArray> features = new ArrayList<>();
        Layer head = model instanceof MultiLayerNetwork net ? net.getOutputLayer() : ((ComputationGraph) model).getLayer("out");
        for (DataSet batch : batches) {
            INDArray mask = masked ? batch.getFeaturesMaskArray() : null;
            INDArray phi;
            INDArray output;
            if (model instanceof MultiLayerNetwork net) {
                phi = DL4JForward.features(net, batch, masked);
                output = net.output(batch.getFeatures(), false, mask, null);
            } else {
                ComputationGraph graph = (ComputationGraph) model;
                phi = DL4JForward.features(graph, batch, masked, graph.getConfiguration().getVertexInputs().get("out").get(0));
                output = graph.output(false, new INDArray[] {batch.getFeatures()}, mask == null ? null : new INDArray[] {mask})[0];
            }
            DL4JForward.assertSoftmaxOutput(phi, head, output);
            features.add(phi);
        }
        return DL4JForward.lowRankDistance(features, head);
    }

    private static RichnessRecord measure(Model model, org.nd4j.linalg.dataset.api.iterator.DataSetIterator probe) {
        return RichnessListener.builder(probe).logRecords(false).build().measureNow(model);
    }

    private static ExistingDataSetIterator iterator(DataSet probe) {
        return new ExistingDataSetIterator(List.of(probe));
    }

    private static Model model(boolean graph, Reduction reduction) {
        return graph ? SequenceModels.graph(reduction, 21) : SequenceModels.network(reduction, 21);
    }

    /** Two epochs over five masked minibatches of 12 whose lengths differ from the probe's. */
    private static void fit(Model model, BaseTrainingListener[] listeners) {
        List<DataSet> training = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            training.add(SequenceModels.sequences(50 + i, TRAINING_BATCH, STEPS, 2));
        }
        ExistingDataSetIterator data = new ExistingDataSetIterator(training);
        if (model instanceof MultiLayerNetwork net) {
            if (listeners != null) {
                net.addListeners(listeners);
            }
            net.fit(data, 2);
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            if (listeners != null) {
                graph.addListeners(listeners);
            }
            graph.fit(data, 2);
        }
    }

    /** The parameters after every iteration, read only. */
    private static final class ParameterSnapshots extends BaseTrainingListener {
        private final List<INDArray> parameters = new ArrayList<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            parameters.add(model.params().dup());
        }
    }

    /**
     * Records every layer's mask (and a graph's input masks) before the listeners under test run at the end
     * of an iteration, and after them checks that each is the very same array: training's mask is back.
     */
    private static final class MaskWitness {
        private final List<String> changed = new ArrayList<>();
        private final List<INDArray> masks = new ArrayList<>();
        private int checked;

        private final BaseTrainingListener before = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                masks.clear();
                masks.addAll(masksOf(model));
                if (masks.stream().allMatch(m -> m == null)) {
                    changed.add("no training mask to witness at iteration " + iteration);
                }
            }
        };

        private final BaseTrainingListener after = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                List<INDArray> now = masksOf(model);
                for (int i = 0; i < now.size(); i++) {
                    if (now.get(i) != masks.get(i)) {
                        changed.add("mask " + i + " at iteration " + iteration);
                    }
                }
                checked++;
            }
        };

        private static List<INDArray> masksOf(Model model) {
            List<INDArray> masks = new ArrayList<>();
            Layer[] layers = model instanceof MultiLayerNetwork net ? net.getLayers() : ((ComputationGraph) model).getLayers();
            for (Layer layer : layers) {
                masks.add(layer.getMaskArray());
            }
            if (model instanceof ComputationGraph graph) {
                INDArray[] inputs = graph.getInputMaskArrays();
                masks.add(inputs == null ? null : inputs[0]);
            } else {
                masks.add(((MultiLayerNetwork) model).getMask());
            }
            return masks;
        }
    }
}
