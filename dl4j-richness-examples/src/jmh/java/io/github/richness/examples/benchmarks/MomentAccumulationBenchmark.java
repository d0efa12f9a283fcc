package io.github.richness.examples.benchmarks;

import io.github.richness.moments.Block;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Moment accumulation of a probe: n samples of features Φ (n × p) and outputs f̂ (n × C) streamed through
 * {@link ProbeMoments} in minibatches of {@link BenchmarkData#MINIBATCH}, then read once (which completes
 * the symmetric co-moment). Its floor is {@link GramFloorBenchmark} at the same n, p and input type.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=16G"})
public class MomentAccumulationBenchmark {

    /** Probe size. */
    @Param({"2048", "8192"})
    public int n;

    /** Feature width. */
    @Param({"512", "2048", "4096"})
    public int p;

    /** Output width. */
    @Param({"10", "100"})
    public int c;

    /** Type of the activations handed in (accumulation is in double either way). */
    @Param({"FLOAT", "DOUBLE"})
    public DataType type;

    private INDArray[] features;
    private INDArray[] outputs;
    private ProbeMoments moments;

    /** Builds the activations and the accumulator. */
    @Setup(Level.Trial)
    public void setUp() {
        INDArray phi = BenchmarkData.features(1, n, p, type);
        features = BenchmarkData.minibatches(phi);
        outputs = BenchmarkData.minibatches(BenchmarkData.outputs(2, phi, c));
        moments = new ProbeMoments(new MomentLayout(p, c, 0, false, false));
    }

    /**
     * @return the completed feature co-moment
     */
    @Benchmark
    public INDArray accumulate() {
        moments.reset();
        for (int b = 0; b < features.length; b++) {
            moments.accumulate(features[b], outputs[b], null, null);
        }
        return moments.centred(Block.FEATURES, Block.FEATURES);
    }
}
