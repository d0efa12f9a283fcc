package io.github.richness.examples.benchmarks;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;

import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full analysis from probe moments (D_LR, the spectrum of Algorithm 1, Π* and Π̂ of eq. 5) beside its
 * floor: LAPACK's divide-and-conquer {@code dsyevd} of the same p × p matrix ΦᵀΦ, called directly through
 * the OpenBLAS bindings on a column-major copy (the copy is part of the floor: dsyevd overwrites its input).
 * Five warm-up shots: the analysis is a few hundred lines of Java around its native calls, and with one
 * warm-up shot the JIT had not compiled them yet (at p = 512, 73 ms cold against about 45 ms warm).
 */
@Warmup(iterations = 5)
@Measurement(iterations = 3)
public class AnalysisBenchmark extends SingleShotBenchmark {

    /** Output and target width. */
    private static final int CLASSES = 10;

    /** Feature width. */
    @Param({"512", "1024", "2048", "4096"})
    public int p;

    private ProbeMoments moments;
    private INDArray gram;
    private INDArray values;

    /** Accumulates a probe of 2p samples. */
    @Setup(Level.Trial)
    public void setUp() {
        moments = BenchmarkData.probeMoments(p, CLASSES);
        gram = moments.uncentred(Block.FEATURES, Block.FEATURES);
        values = Nd4j.create(DataType.DOUBLE, p);
    }

    /** @return the result: the spectrum probe is the test probe, as in the listener's default */
    @Benchmark
    public RichnessResult fullAnalysis() {
        return RichnessAnalysis.analyze(moments, moments);
    }

    /** @return the eigenvectors of ΦᵀΦ */
    @Benchmark
    public INDArray dsyevdFloor() {
        INDArray vectors = gram.dup('f');
        int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, (byte) 'V', (byte) 'L', p,
                (DoublePointer) vectors.data().addressPointer(), p, (DoublePointer) values.data().addressPointer());
        if (info != 0) {
            throw new ArithmeticException("dsyevd failed: info = " + info);
        }
        return vectors;
    }
}
