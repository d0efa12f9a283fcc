package io.github.richness.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The number of samples in a partition (one value per partition, no forward pass), from which the driver
 * gives each partition its share of a capped probe: the probe's leading samples in partition order, the
 * samples a listener given the same minibatches in the same order would take.
 */
final class PartitionSizes implements FlatMapFunction<Iterator<DataSet>, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Long> call(Iterator<DataSet> minibatches) {
        long samples = 0;
        while (minibatches.hasNext()) {
            DataSet minibatch = minibatches.next();
            if (minibatch != null && minibatch.getFeatures() != null) {
                samples += minibatch.numExamples();
            }
        }
        return List.of(samples).iterator();
    }

    /**
     * @param sizes the samples of each partition, in partition order
     * @param cap the most samples to take in all
     * @return each partition's quota: the leading {@code cap} samples of the partitions in order
     */
    static long[] quotas(List<Long> sizes, long cap) {
        long[] quotas = new long[sizes.size()];
        long left = cap;
        for (int i = 0; i < quotas.length; i++) {
            quotas[i] = Math.min(sizes.get(i), left);
            left -= quotas[i];
        }
        return quotas;
    }
}
