package io.github.richness.examples.benchmarks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The floor of moment accumulation: one ND4J GEMM ΦᵀΦ of the whole n × p feature matrix in its own type,
 * into a preallocated p × p result: the least work any second-moment computation of Φ does.
 */
public class GramFloorBenchmark extends ProbeShape {

    private INDArray gram;

    @Override
    protected void prepare() {
        gram = Nd4j.create(type, p, p);
    }

    /** @return ΦᵀΦ */
    @Benchmark
    public INDArray gemm() {
        return Nd4j.gemm(features, features, gram, true, false, 1.0, 0.0);
    }
}
