package io.github.richness.examples.paper;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * The paper's target scaling (appendix H.4): MSE against one-hot targets divided by a constant α, y → y/α
 * (table 9: α = 1/3 for label-encoded MNIST, 1 for MNIST). Argmax accuracy does not depend on α.
 */
public final class ScaledTargets implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final double alpha;

    /**
     * @param alpha the paper's α, positive
     */
    public ScaledTargets(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.getLabels().divi(alpha);
    }
}
