package io.github.richness.examples.benchmarks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The probe grid shared by {@link MomentAccumulationBenchmark} and its floor {@link GramFloorBenchmark}:
 * n samples of p features in the given type, and the short single-shot settings both run with.
 */
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public abstract class ProbeShape extends SingleShotBenchmark {

    /** Probe size. */
    @Param({"2048", "8192"})
    public int n;

    /** Feature width. */
    @Param({"512", "2048", "4096"})
    public int p;

    /** Type of the activations handed in. */
    @Param({"FLOAT", "DOUBLE"})
    public DataType type;

    /** The n × p features. */
    protected INDArray features;

    /** Builds the features, then lets the subclass prepare. */
    @Setup(Level.Trial)
    public void setUp() {
        features = BenchmarkData.features(1, n, p, type);
        prepare();
    }

    /** Prepares what the subclass's benchmark needs besides {@link #features}. */
    protected abstract void prepare();
}
