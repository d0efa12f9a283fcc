package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class of a sample, for the neural-collapse baselines (appendix D): the argmax of its target row, in one
 * place for the class statistics and for counting a probe's classes before it is accumulated.
 */
public final class ClassLabels {

    private static final String WORKSPACE = "RICHNESS_CLASS_LABELS";

    private ClassLabels() {
    }

    /**
     * @param targets n × t targets (one-hot, or scores whose argmax is the class)
     * @return the n × t one-hot classes in double precision, in the current workspace
     */
    static INDArray oneHot(INDArray targets) {
        INDArray labels = targets.argMax(1);
        return Nd4j.exec(new OneHot(labels, (int) targets.columns(), -1, 1.0, 0.0, DataType.DOUBLE))[0];
    }

    /**
     * @param targets n × t targets
     * @return how many of the n rows fall in each of the t classes (one transfer of t values)
     */
    public static double[] counts(INDArray targets) {
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            return HostTransfer.vector(oneHot(targets).sum(0), targets.columns());
        }
    }
}
