package io.github.richness.examples.benchmarks;

import io.github.richness.listener.RichnessListener;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Synthetic activations for the benchmarks: post-ReLU Gaussian features Φ (n × p, with the dominant mean
 * direction real features have), linear outputs Φ W (n × C) and one-hot targets, from fixed seeds.
 */
final class BenchmarkData {

    /** Minibatch size in which probes are accumulated: the listener's default for a {@code DataSet} probe. */
    static final int MINIBATCH = RichnessListener.Builder.DEFAULT_PROBE_BATCH_SIZE;

    private BenchmarkData() {
    }

    /** @return n × p features max(0, g) with g standard Gaussian, in the given type */
    static INDArray features(long seed, int n, int p, DataType type) {
        Nd4j.getRandom().setSeed(seed);
        return Transforms.relu(Nd4j.randn(DataType.DOUBLE, n, p), false).castTo(type);
    }

    /** @return n × C outputs Φ W with Gaussian W, in Φ's type */
    static INDArray outputs(long seed, INDArray features, int classes) {
        Nd4j.getRandom().setSeed(seed);
        INDArray weights = Nd4j.randn(features.dataType(), features.columns(), classes).divi(Math.sqrt(features.columns()));
        return features.mmul(weights);
    }

    /** @return n × C one-hot targets of the argmax of the outputs */
    static INDArray targets(INDArray outputs) {
        return Nd4j.exec(new OneHot(outputs.argMax(1), outputs.columns(), -1, 1.0, 0.0, outputs.dataType()))[0];
    }

    /** @return consecutive row blocks of at most {@link #MINIBATCH} rows, each its own contiguous copy */
    static INDArray[] minibatches(INDArray rows) {
        int n = rows.rows();
        INDArray[] batches = new INDArray[(n + MINIBATCH - 1) / MINIBATCH];
        for (int b = 0; b < batches.length; b++) {
            int end = Math.min((b + 1) * MINIBATCH, n);
            batches[b] = rows.get(NDArrayIndex.interval(b * MINIBATCH, end), NDArrayIndex.all()).dup('c');
        }
        return batches;
    }

    /**
     * @return the moments of a probe of n = 2p samples (Nyström wants n &gt; p) with C outputs and C one-hot
     *         targets, in double precision
     */
    static ProbeMoments probeMoments(int p, int classes) {
        int n = 2 * p;
        INDArray phi = features(1, n, p, DataType.DOUBLE);
        INDArray outputs = outputs(2, phi, classes);
        INDArray targets = targets(outputs);
        ProbeMoments moments = new ProbeMoments(new MomentLayout(p, classes, classes, false, false));
        INDArray[] phiBatches = minibatches(phi);
        INDArray[] outputBatches = minibatches(outputs);
        INDArray[] targetBatches = minibatches(targets);
        for (int b = 0; b < phiBatches.length; b++) {
            moments.accumulate(phiBatches[b], outputBatches[b], targetBatches[b], null);
        }
        return moments;
    }
}
