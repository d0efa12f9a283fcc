package io.github.richness.examples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of moment accumulation: one ND4J GEMM ΦᵀΦ of the whole n × p feature matrix in its own type,
 * into a preallocated p × p result: the least work any second-moment computation of Φ does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=16G"})
public class GramFloorBenchmark {

    /** Probe size. */
    @Param({"2048", "8192"})
    public int n;

    /** Feature width. */
    @Param({"512", "2048", "4096"})
    public int p;

    /** Type of the features and of the product. */
    @Param({"FLOAT", "DOUBLE"})
    public DataType type;

    private INDArray features;
    private INDArray gram;

    /** Builds the features and the result array. */
    @Setup(Level.Trial)
    public void setUp() {
        features = BenchmarkData.features(1, n, p, type);
        gram = Nd4j.create(type, p, p);
    }

    /** @return ΦᵀΦ */
    @Benchmark
    public INDArray gemm() {
        return Nd4j.gemm(features, features, gram, true, false, 1.0, 0.0);
    }
}
