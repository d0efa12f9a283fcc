package io.github.richness.examples.benchmarks;

import io.github.richness.moments.Block;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why ND4J's own symmetric eigensolvers are slow on the CPU backend: the same p × p matrix as
 * {@link AnalysisBenchmark#dsyevdFloor()} through {@code Eigen.symmetricGeneralizedEigenvalues} and through
 * the backend's {@code syev} on column-major and row-major copies. Both end in LAPACK's QR-iteration
 * {@code dsyev} (see PERFORMANCE.md).
 */
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class PlainEigenBenchmark extends SingleShotBenchmark {

    /** Feature width. */
    @Param({"512", "1024", "2048"})
    public int p;

    private INDArray gram;
    private INDArray values;

    /** Builds ΦᵀΦ of a probe of 2p samples. */
    @Setup(Level.Trial)
    public void setUp() {
        gram = BenchmarkData.probeMoments(p, 2).uncentred(Block.FEATURES, Block.FEATURES);
        values = Nd4j.create(DataType.DOUBLE, p);
    }

    /** @return the eigenvalues, eigenvectors overwriting a copy */
    @Benchmark
    public INDArray eigenSymmetricGeneralized() {
        return Eigen.symmetricGeneralizedEigenvalues(gram.dup('c'), true);
    }

    /** @return the eigenvectors of a column-major copy */
    @Benchmark
    public INDArray syevColumnMajor() {
        INDArray vectors = gram.dup('f');
        Nd4j.getBlasWrapper().lapack().syev('V', 'L', vectors, values);
        return vectors;
    }

    /** @return the eigenvectors of a row-major copy (LAPACKE transposes it in and out) */
    @Benchmark
    public INDArray syevRowMajor() {
        INDArray vectors = gram.dup('c');
        Nd4j.getBlasWrapper().lapack().syev('V', 'L', vectors, values);
        return vectors;
    }
}
