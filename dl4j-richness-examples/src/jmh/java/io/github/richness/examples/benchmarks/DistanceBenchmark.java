package io.github.richness.examples.benchmarks;

import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.concurrent.TimeUnit;
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
 * D_LR and its projection variant from accumulated moments (eq. 4, appendix E.1: three centred co-moment
 * norms and a C × C eigendecomposition), beside its floor: one Frobenius norm of the p × p feature
 * co-moment, the single pass over the largest moment that any D_LR from moments makes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=16G"})
public class DistanceBenchmark {

    /** Feature width. */
    @Param({"512", "2048", "4096"})
    public int p;

    /** Output width. */
    @Param({"10", "100"})
    public int c;

    private ProbeMoments moments;

    /** Accumulates a probe of 2p samples. */
    @Setup(Level.Trial)
    public void setUp() {
        moments = BenchmarkData.probeMoments(p, c);
    }

    /** @return D_LR and its projection variant */
    @Benchmark
    public RichnessResult lowRankDistance() {
        return RichnessAnalysis.distancesOnly(moments);
    }

    /** @return ‖M_ΦΦ‖_F */
    @Benchmark
    public INDArray normFloor() {
        return moments.centred(Block.FEATURES, Block.FEATURES).norm2();
    }
}
