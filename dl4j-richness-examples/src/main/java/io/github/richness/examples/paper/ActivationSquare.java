package io.github.richness.examples.paper;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The quadratic activation σ(z) = z² of Gromov's solvable grokking network ("Grokking modular arithmetic",
 * 2023), which DL4J does not ship; its derivative is 2z.
 */
public final class ActivationSquare extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(in);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(in.muli(2).muli(epsilon), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationSquare;
    }

    @Override
    public int hashCode() {
        return ActivationSquare.class.hashCode();
    }

    @Override
    public String toString() {
        return "square";
    }
}
