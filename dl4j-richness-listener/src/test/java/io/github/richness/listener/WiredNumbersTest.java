package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.core.Richness;
import io.github.richness.core.RichnessResult;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.DenseReference;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numbers of issue 13 as the listener records them, each against an independent computation from DL4J's
 * own forward pass: the lazy reference against an explicit least-squares fit, the standard error against a
 * delete-one-block jackknife of Gram-matrix D_LRs, the training probe's spectrum against
 * {@link Richness#analyze} on the training probe's features, ‖θ‖² against a hand sum without batch norm's
 * running statistics.
 */
class WiredNumbersTest {

    /** Float32 activations against double-precision references. */
    private static final double FLOAT_AGREEMENT = 1e-4;
    /** Rank tolerance of the explicit least-squares fit (relative residual of a dependent regressor). */
    private static final double FIT_RANK_TOLERANCE = 1e-9;
    private static final int BLOCKS = 5;

    @Test
    void lazyReferenceIsTheLeastSquaresReadoutOfTheInitialFeaturesAndStaysTheSameWhileTraining() {
        MultiLayerNetwork net = TestModels.dense(11, false);
        DataSet probe = TestModels.classData(12, 200, 12);
        MultiLayerNetwork initial = net.clone();
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
        RichnessRecord first = listener.measureNow(net);
        net.fit(TestModels.iterator(TestModels.classData(13, 400, 12), 50));
        RichnessRecord later = listener.measureNow(net);
        double[][] phi0 = DL4JForward.features(initial, probe, false).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] fit = DenseReference.leastSquaresFit(phi0, probe.getLabels().castTo(DataType.DOUBLE)
                .toDoubleMatrix(), FIT_RANK_TOLERANCE);
        double expected = DenseReference.lowRankDistance(phi0, fit);
        assertEquals(expected, first.distances().lazyLowRankDistance(), FLOAT_AGREEMENT);
        assertEquals(first.distances().lazyLowRankDistance(), later.distances().lazyLowRankDistance(), 0.0,
                "computed once, carried on every record");
        assertNotEquals(first.lowRankDistance(), later.lowRankDistance(), "training moved D_LR");
        assertEquals(Provenance.TEST_PROBE, later.provenance().probes().get(Provenance.LAZY));
    }

    @Test
    void standardErrorIsTheDeleteOneBlockJackknifeOfTheProbe() {
        MultiLayerNetwork net = TestModels.dense(21, false);
        DataSet probe = TestModels.classData(22, 203, 12);
        RichnessRecord record = RichnessListener.builder(probe).errorBarBlocks(BLOCKS).baselines(false)
                .logRecords(false).build().measureNow(net);
        Layer head = net.getLayer(net.getnLayers() - 1);
        double[][] phi = DL4JForward.features(net, probe, false).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] f = DL4JForward.logits(phi, head);
        double[] replicates = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            int block = b;
            int[] kept = IntStream.range(0, phi.length).filter(i -> i % BLOCKS != block).toArray();
            replicates[b] = DenseReference.lowRankDistance(rows(phi, kept), rows(f, kept));
        }
        double mean = java.util.Arrays.stream(replicates).average().orElseThrow();
        double squares = java.util.Arrays.stream(replicates).map(r -> (r - mean) * (r - mean)).sum();
        double expected = Math.sqrt(squares * (BLOCKS - 1) / BLOCKS);
        assertEquals(expected, record.distances().standardErrors().lowRankDistance(), 1e-3 * expected + 1e-7);
        assertTrue(record.distances().standardErrors().debiasedLowRankDistance() > 0);
        assertEquals(BLOCKS, record.provenance().jackknifeBlocks());
        assertEquals(DenseReference.debiasedLowRankDistance(phi, f), record.distances().debiasedLowRankDistance(),
                FLOAT_AGREEMENT);
    }

    @Test
    void trainingProbeDefinesTheSpectrumAndNeuralCollapseAndTheRecordSaysSo() {
        MultiLayerNetwork net = TestModels.dense(31, false);
        DataSet probe = TestModels.classData(32, 150, 12);
        DataSet training = TestModels.classData(33, 240, 12);
        RichnessRecord record = RichnessListener.builder(probe).trainingProbe(training).logRecords(false).build()
                .measureNow(net);
        RichnessRecord withoutTraining = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
        INDArray testFeatures = DL4JForward.features(net, probe, false);
        INDArray trainingFeatures = DL4JForward.features(net, training, false);
        Layer head = net.getLayer(net.getnLayers() - 1);
        INDArray outputs = Nd4j.createFromArray(DL4JForward.logits(testFeatures.castTo(DataType.DOUBLE)
                .toDoubleMatrix(), head));
        RichnessResult expected = Richness.analyze(trainingFeatures.castTo(DataType.DOUBLE),
                testFeatures.castTo(DataType.DOUBLE), outputs, probe.getLabels().castTo(DataType.DOUBLE));
        double[] eigenvalues = record.spectra().eigenvalues();
        for (int k = 0; k < eigenvalues.length; k++) {
            assertEquals(expected.eigenvalues()[k], eigenvalues[k], FLOAT_AGREEMENT * expected.eigenvalues()[0]);
        }
        assertArrayEquals(expected.cumulativeUtilization(), record.spectra().cumulativeUtilization(), 1e-3);
        assertEquals(expected.trustedEigenvalues(), record.spectra().trustedEigenvalues());
        assertEquals(expected.constantModeOverlap(), record.spectra().constantModeOverlap(), 1e-4);
        assertEquals(240, record.probe().spectrumSamples());
        Map<String, String> probes = record.provenance().probes();
        assertEquals(Provenance.TRAINING_PROBE, probes.get(Provenance.SPECTRUM));
        assertEquals(Provenance.TRAINING_PROBE, probes.get(Provenance.COLLAPSE));
        assertEquals(Provenance.TEST_PROBE, probes.get(Provenance.D_LR));
        assertEquals(Provenance.TEST_PROBE, withoutTraining.provenance().probes().get(Provenance.SPECTRUM));
        assertEquals(Provenance.TEST_PROBE, withoutTraining.provenance().probes().get(Provenance.COLLAPSE));
        assertNotEquals(withoutTraining.baselines().nc1(), record.baselines().nc1(), "NC1 on training features");
        assertCollapseOfDl4jFeatures(net, training, record);
        assertCollapseOfDl4jFeatures(net, probe, withoutTraining);
    }

    /**
     * The listener's class statistics are weighted by its fixed probe's class counts, counted from the labels:
     * NC1 and Tr(Σ_W) of unbalanced classes (one absent) equal the per-sample eq. 33 of DL4J's features at every
     * measurement. A probe whose labels are changed in place gets no NC1 at that measurement, with the reason,
     * and the right one at the next (counted again).
     */
    @Test
    void neuralCollapseOfTheFixedProbeFollowsEquationThirtyThreeAndNoticesChangedLabels() {
        MultiLayerNetwork net = TestModels.dense(51, false);
        DataSet probe = TestModels.classData(52, 170, 12);
        INDArray labels = probe.getLabels();
        for (int i = 0; i < 170; i++) {
            int label = i < 20 ? 0 : i < 120 ? 1 : 3;
            labels.getRow(i).assign(0).putScalar(label, 1);
        }
        RichnessListener listener = RichnessListener.builder(probe).probeBatchSize(64).logRecords(false).build();
        for (int measurement = 0; measurement < 2; measurement++) {
            assertCollapseOfDl4jFeatures(net, probe, listener.measureNow(net));
            net.fit(TestModels.iterator(TestModels.classData(53, 64, 12), 32));
        }
        labels.getRow(0).assign(0).putScalar(2, 1);
        RichnessRecord changed = listener.measureNow(net);
        assertTrue(Double.isNaN(changed.baselines().nc1()));
        assertTrue(changed.warnings().stream().anyMatch(w -> w.contains("changed in place")), changed.warnings()::toString);
        assertTrue(Double.isFinite(changed.lowRankDistance()), "the rest of the record is measured");
        assertCollapseOfDl4jFeatures(net, probe, listener.measureNow(net));
    }

    private static void assertCollapseOfDl4jFeatures(MultiLayerNetwork net, DataSet probe, RichnessRecord record) {
        double[][] phi = DL4JForward.features(net, probe, false).castTo(DataType.DOUBLE).toDoubleMatrix();
        int[] classes = probe.getLabels().argMax(1).toIntVector();
        double nc1 = DenseReference.nc1(phi, classes, 1e-4);
        assertEquals(nc1, record.baselines().nc1(), FLOAT_AGREEMENT * nc1);
        double trace = DenseReference.traceWithinClass(phi, classes);
        assertEquals(trace, record.baselines().withinClassTrace(), FLOAT_AGREEMENT * trace);
    }

    @Test
    void parameterNormLeavesOutBatchNormRunningStatistics() {
        MultiLayerNetwork net = TestModels.dense(41, false);
        net.fit(TestModels.iterator(TestModels.classData(42, 200, 12), 50));
        Layer batchNorm = net.getLayer(1);
        assertTrue(batchNorm.paramTable().containsKey("mean"), "DL4J keeps the running mean among the parameters");
        batchNorm.getParam("mean").assign(5.0);   // a running mean as large as activations have: 24 · 25 in ‖·‖²
        RichnessRecord record = RichnessListener.builder(TestModels.classData(43, 60, 12)).logRecords(false)
                .build().measureNow(net);
        double byHand = 0;
        for (Layer layer : net.getLayers()) {
            for (Map.Entry<String, INDArray> entry : layer.paramTable().entrySet()) {
                boolean runningStatistic = List.of("mean", "var", "log10stdev").contains(entry.getKey());
                if (!runningStatistic) {
                    INDArray values = entry.getValue();
                    for (long i = 0; i < values.length(); i++) {
                        byHand += values.getDouble(i) * values.getDouble(i);
                    }
                }
            }
        }
        double all = Math.pow(net.params().castTo(DataType.DOUBLE).norm2Number().doubleValue(), 2);
        assertEquals(byHand, record.baselines().parameterNormSquared(), 1e-6 * byHand);
        assertEquals(24 * 25.0, all - byHand, 1.0, "the running mean is among DL4J's flattened parameters");
    }

    private static double[][] rows(double[][] matrix, int[] kept) {
        double[][] out = new double[kept.length][];
        for (int i = 0; i < kept.length; i++) {
            out[i] = matrix[kept[i]];
        }
        return out;
    }
}
