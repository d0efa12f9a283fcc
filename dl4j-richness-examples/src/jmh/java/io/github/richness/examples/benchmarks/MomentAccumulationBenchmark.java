package io.github.richness.examples.benchmarks;

import io.github.richness.moments.Block;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Moment accumulation of a probe: n samples of features Φ (n × p) and outputs f̂ (n × C) streamed through
 * {@link ProbeMoments} in minibatches of {@link BenchmarkData#MINIBATCH}, then read once (which completes
 * the symmetric co-moment). Accumulation is in double whatever the input type. Its floor is
 * {@link GramFloorBenchmark} at the same n, p and input type.
 */
public class MomentAccumulationBenchmark extends ProbeShape {

    /** Output width. */
    @Param({"10", "100"})
    public int c;

    private INDArray[] featureBatches;
    private INDArray[] outputBatches;
    private ProbeMoments moments;

    @Override
    protected void prepare() {
        featureBatches = BenchmarkData.minibatches(features);
        outputBatches = BenchmarkData.minibatches(BenchmarkData.outputs(2, features, c));
        moments = new ProbeMoments(new MomentLayout(p, c, 0, false, false));
    }

    /** @return the completed feature co-moment */
    @Benchmark
    public INDArray accumulate() {
        moments.reset();
        for (int b = 0; b < featureBatches.length; b++) {
            moments.accumulate(featureBatches[b], outputBatches[b], null, null);
        }
        return moments.centred(Block.FEATURES, Block.FEATURES);
    }
}
