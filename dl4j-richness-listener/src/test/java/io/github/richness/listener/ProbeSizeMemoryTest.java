package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.testing.RetainedBuffers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The probe's size does not change the listener's memory beyond one minibatch and the initial model's features:
 * after measuring an 8 × larger probe at the same minibatch size, the listener keeps as many bytes of ND4J
 * buffers (its moments, its reused minibatch buffer, every array its objects hold: {@link RetainedBuffers})
 * plus exactly the extra samples' initial features that {@link InitialFeatureCache} keeps within its budget
 * (rows × p × 4 bytes of the float network), and its scratch workspaces are as large. A listener that kept the
 * probe's rows in double, or grew a buffer with the probe, would keep more. (An iterator probe's samples themselves are
 * copied once, at build(), bounded by maxProbeSamples: see ProbeSet; this test's probes are DataSets.)
 */
class ProbeSizeMemoryTest {

    private static final int BATCH = 64;
    private static final int SMALL = 4 * BATCH;
    private static final int LARGE = 32 * BATCH;
    /** Width of the test network's features (TestModels.dense). */
    private static final int FEATURES = 16;

    @Test
    void whatTheListenerKeepsGrowsWithTheProbeOnlyByTheKeptInitialFeatures() {
        MultiLayerNetwork net = TestModels.dense(81, true);
        Memory small = memoryAfterMeasuring(net, SMALL);
        Memory large = memoryAfterMeasuring(net, LARGE);
        assertTrue(small.retained() > 0, "the listener keeps its moments between measurements");
        long keptInitialFeatures = (long) (LARGE - SMALL) * FEATURES * Float.BYTES;
        assertEquals(small.retained() + keptInitialFeatures, large.retained(), "bytes of ND4J buffers kept after a"
                + " probe of " + SMALL + " and of " + LARGE + " samples in minibatches of " + BATCH);
        assertEquals(small.workspaces(), large.workspaces(), "scratch workspace bytes");
    }

    private record Memory(long retained, long workspaces) {
    }

    private static Memory memoryAfterMeasuring(MultiLayerNetwork net, int samples) {
        DataSet probe = TestModels.classData(82, samples, 12);
        RichnessListener listener = RichnessListener.builder(probe).probeBatchSize(BATCH).logRecords(false).build();
        for (int i = 0; i < 3; i++) {
            assertTrue(listener.measureNow(net).ok());
        }
        long workspaces = 0;
        for (MemoryWorkspace workspace : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            workspaces += workspace.getCurrentSize();
        }
        return new Memory(RetainedBuffers.bytesReachableFrom(listener), workspaces);
    }
}
