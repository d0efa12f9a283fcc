package io.github.richness.examples.paper;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU of PyTorch's default {@code nn.GELU()} (Hendrycks and Gimpel, 2016): σ(z) = z Φ(z)
 * = z (1 + erf(z / √2)) / 2, derivative Φ(z) + z φ(z) with φ(z) = exp(−z² / 2) / √(2π). DL4J 1.0.0-M2.1's
 * {@code ActivationGELU(true)} ("precise") is neither this nor the tanh approximation (at z = −2 it gives
 * −0.0789, the exact GELU −0.0455), and its backward pass does not match its own forward pass (relative error
 * 2·10⁻³ in a gradient check; EXPERIMENTS.md §5.1).
 */
public final class ActivationExactGelu extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;
    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_2_PI = Math.sqrt(2 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(cdf(in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray density = Transforms.exp(in.mul(in).muli(-0.5), false).divi(SQRT_2_PI);
        INDArray derivative = cdf(in).addi(density.muli(in));
        return new Pair<>(in.assign(derivative).muli(epsilon), null);
    }

    /** @return Φ(z) elementwise, a new array */
    private static INDArray cdf(INDArray in) {
        INDArray scaled = in.div(SQRT_2);
        Nd4j.getExecutioner().exec(new Erf(scaled, scaled));
        return scaled.addi(1).muli(0.5);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationExactGelu;
    }

    @Override
    public int hashCode() {
        return ActivationExactGelu.class.hashCode();
    }

    @Override
    public String toString() {
        return "gelu";
    }
}
