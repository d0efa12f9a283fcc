package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The probe's size does not change a measurement's memory beyond one minibatch: the per-minibatch scratch
 * workspaces are as large after an 8 × larger probe as before, at the same minibatch size. (An iterator
 * probe's samples themselves are copied once, at build(), bounded by maxProbeSamples: see ProbeSet.)
 */
class ProbeSizeMemoryTest {

    private static final int BATCH = 64;

    @Test
    void workspacesDoNotGrowWithTheProbe() {
        MultiLayerNetwork net = TestModels.dense(81, true);
        long small = workspaceBytesAfterMeasuring(net, 4 * BATCH);
        long large = workspaceBytesAfterMeasuring(net, 32 * BATCH);
        assertTrue(small > 0, "the measurement uses its scratch workspace");
        assertEquals(small, large, "workspace bytes after a probe of " + 4 * BATCH + " and of " + 32 * BATCH
                + " samples in minibatches of " + BATCH);
    }

    private static long workspaceBytesAfterMeasuring(MultiLayerNetwork net, int samples) {
        DataSet probe = TestModels.classData(82, samples, 12);
        RichnessListener listener = RichnessListener.builder(TestModels.iterator(probe, BATCH)).logRecords(false)
                .build();
        for (int i = 0; i < 3; i++) {
            assertTrue(listener.measureNow(net).ok());
        }
        long bytes = 0;
        for (MemoryWorkspace workspace : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            bytes += workspace.getCurrentSize();
        }
        return bytes;
    }
}
