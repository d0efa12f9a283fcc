package io.github.richness.spark;

import io.github.richness.moments.MomentsCodec;
import io.github.richness.moments.ProbeMoments;
import java.io.Serializable;

/**
 * What a partition sends to the driver: its moments in {@link MomentsCodec}'s form (null when it had no
 * sample), and, summed as payloads merge, the bytes the partitions' moments took and how many partitions had
 * samples. Immutable.
 */
final class MomentsPayload implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No sample: the zero of {@link #merge}. */
    static final MomentsPayload EMPTY = new MomentsPayload(null, 0, 0);

    private final byte[] moments;
    private final long partitionBytes;
    private final int partitionsWithSamples;

    private MomentsPayload(byte[] moments, long partitionBytes, int partitionsWithSamples) {
        this.moments = moments;
        this.partitionBytes = partitionBytes;
        this.partitionsWithSamples = partitionsWithSamples;
    }

    /**
     * @param moments one partition's moments, or null
     * @return their payload ({@link #EMPTY} without samples)
     */
    static MomentsPayload of(ProbeMoments moments) {
        if (moments == null || moments.count() == 0) {
            return EMPTY;
        }
        byte[] bytes = MomentsCodec.encode(moments);
        return new MomentsPayload(bytes, bytes.length, 1);
    }

    /**
     * The treeAggregate step: the moments of both (Chan's merge, {@link ProbeMoments#merge}), their counts added.
     *
     * @param a a payload
     * @param b another
     * @return the merged payload
     */
    static MomentsPayload merge(MomentsPayload a, MomentsPayload b) {
        long bytes = a.partitionBytes + b.partitionBytes;
        int partitions = a.partitionsWithSamples + b.partitionsWithSamples;
        if (a.moments == null || b.moments == null) {
            return new MomentsPayload(a.moments == null ? b.moments : a.moments, bytes, partitions);
        }
        ProbeMoments merged = MomentsCodec.decode(a.moments);
        merged.merge(MomentsCodec.decode(b.moments));
        return new MomentsPayload(MomentsCodec.encode(merged), bytes, partitions);
    }

    /** @return the moments, decoded; null without samples */
    ProbeMoments moments() {
        return moments == null ? null : MomentsCodec.decode(moments);
    }

    /** @return the bytes of the partitions' own moments, summed */
    long partitionBytes() {
        return partitionBytes;
    }

    /** @return the number of partitions that had samples */
    int partitionsWithSamples() {
        return partitionsWithSamples;
    }
}
