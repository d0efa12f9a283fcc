package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.core.Richness;
import io.github.richness.record.RichnessRecord;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Repeated measurements do not leak; LossLayer and CenterLossOutputLayer heads are measured correctly. */
class MemoryAndHeadsTest {

    /** Growth allowed after 1,000 measurements, on the heap and off it: GC and allocator noise. */
    private static final long NOISE_BYTES = 32L << 20;
    /** Change between two garbage collections below which memory counts as settled. */
    private static final long SETTLED_BYTES = 1L << 20;
    private static final int MIN_SETTLE_ROUNDS = 3;
    private static final int SETTLE_ROUNDS = 60;
    private static final long SETTLE_PAUSE_MILLIS = 250;

    @Tag("slow")
    @Test
    void aThousandMeasurementsDoNotGrowMemory() {
        MultiLayerNetwork net = TestModels.dense(50, true);
        RichnessListener listener = RichnessListener.builder(TestModels.classData(51, 64, 12)).logRecords(false)
                .keepSpectraOfLast(5).build();
        for (int i = 0; i < 50; i++) {
            listener.measureNow(net);
        }
        long[] before = settledMemory();
        for (int i = 0; i < 1000; i++) {
            listener.measureNow(net);
        }
        long[] after = settledMemory();
        assertTrue(listener.history().stream().allMatch(RichnessRecord::ok));
        assertTrue(after[0] - before[0] < NOISE_BYTES, "heap grew by " + (after[0] - before[0]) + " bytes");
        assertTrue(after[1] - before[1] < NOISE_BYTES, "off-heap grew by " + (after[1] - before[1]) + " bytes");
    }

    @Test
    void lossLayerAfterDenseAndCenterLossHeadsAreMeasured() {
        DataSet probe = TestModels.classData(52, 120, 12);
        MultiLayerNetwork loss = network(new DenseLayer.Builder().nOut(TestModels.CLASSES).activation(Activation.IDENTITY).build(),
                new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build());
        MultiLayerNetwork center = network(new DenseLayer.Builder().nOut(9).activation(Activation.TANH).build(),
                new CenterLossOutputLayer.Builder().nOut(TestModels.CLASSES).activation(Activation.IDENTITY)
                        .lossFunction(LossFunctions.LossFunction.MSE).build());
        for (MultiLayerNetwork net : List.of(loss, center)) {
            RichnessRecord record = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
            List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
            int last = activations.size() - 1;
            boolean lossLayer = net == loss;
            INDArray features = activations.get(lossLayer ? last - 2 : last - 1);
            assertTrue(record.ok(), String.valueOf(record.failure()));
            assertEquals(Richness.lowRankDistance(features, activations.get(last)), record.lowRankDistance(), 1e-5,
                    record.provenance().head());
            assertTrue(record.provenance().head().contains(lossLayer ? "layer 1 (DenseLayer)" : "layer 2 (CenterLossOutputLayer)"),
                    record.provenance().head());
        }
    }

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer second,
                                             org.deeplearning4j.nn.conf.layers.Layer third) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(53).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(10).activation(Activation.RELU).build())
                .layer(second);
        list.layer(third);
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * Heap and off-heap bytes in use once they have settled: garbage collection is repeated until two rounds in
     * a row change neither by more than {@link #SETTLED_BYTES}, because JavaCPP frees native buffers from its
     * own deallocator thread, which lags behind on a loaded machine, and its references hold heap until it runs.
     */
    private static long[] settledMemory() {
        long[] previous = usedMemory();
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            System.gc();
            try {
                Thread.sleep(SETTLE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long[] now = usedMemory();
            boolean settled = Math.abs(now[0] - previous[0]) < SETTLED_BYTES && Math.abs(now[1] - previous[1]) < SETTLED_BYTES;
            previous = now;
            if (settled && round >= MIN_SETTLE_ROUNDS) {
                break;
            }
        }
        return previous;
    }

    private static long[] usedMemory() {
        Runtime runtime = Runtime.getRuntime();
        return new long[] {runtime.totalMemory() - runtime.freeMemory(), Pointer.totalBytes()};
    }
}
