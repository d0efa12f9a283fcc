package io.github.richness.spark;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import io.github.richness.listener.ProbeAccumulation;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One partition's share of a distributed measurement: rebuilds the broadcast model (and the initial model for
 * S_init), runs the listener's capture on the partition's minibatches, at most its quota of samples, and
 * accumulates the same moments as the listener ({@link ProbeAccumulation}). Returns one {@link MomentsPayload};
 * no activation leaves the partition. Deterministic in the partition's data, so a retried task gives the
 * same payload.
 */
final class PartitionMoments implements Function2<Integer, Iterator<DataSet>, Iterator<MomentsPayload>> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelSnapshot> model;
    private final Broadcast<ModelSnapshot> initial;
    private final String outputLayer;
    private final OutputMode outputMode;
    private final int batchSize;
    private final long[] quotas;
    private final boolean trainingProbe;
    private final boolean classStatistics;

    /**
     * @param model the measured model
     * @param initial the reference model for S_init, or null
     * @param outputLayer for a graph, the output layer to measure (null: the only one)
     * @param outputMode which output f̂ is
     * @param batchSize the largest minibatch run through the model at once
     * @param quotas the most samples each partition takes, by partition index; null for all
     * @param trainingProbe whether this is the training probe (features only) rather than the probe
     * @param classStatistics whether the moments keep class statistics (NC1 and Tr(Σ_W) are measured on them)
     */
    PartitionMoments(Broadcast<ModelSnapshot> model, Broadcast<ModelSnapshot> initial, String outputLayer,
                     OutputMode outputMode, int batchSize, long[] quotas, boolean trainingProbe,
                     boolean classStatistics) {
        this.model = model;
        this.initial = initial;
        this.outputLayer = outputLayer;
        this.outputMode = outputMode;
        this.batchSize = batchSize;
        this.quotas = quotas == null ? null : quotas.clone();
        this.trainingProbe = trainingProbe;
        this.classStatistics = classStatistics;
    }

    @Override
    public Iterator<MomentsPayload> call(Integer partition, Iterator<DataSet> minibatches) {
        long quota = quotas == null ? Long.MAX_VALUE : quotas[partition];
        if (quota == 0 || !minibatches.hasNext()) {
            return List.of(MomentsPayload.EMPTY).iterator();
        }
        ActivationCapture capture = ActivationCapture.of(model.value().restore(), outputLayer, outputMode);
        ProbeAccumulation moments = new ProbeAccumulation(classStatistics);
        if (trainingProbe) {
            moments.addTrainingProbe(minibatches, quota, batchSize, capture);
            return List.of(MomentsPayload.of(moments.trainingMoments())).iterator();
        }
        ActivationCapture reference = initial == null ? null
                : ActivationCapture.of(initial.value().restore(), outputLayer, outputMode);
        moments.addProbe(minibatches, quota, batchSize, capture, reference);
        return List.of(MomentsPayload.of(moments.probeMoments())).iterator();
    }
}
