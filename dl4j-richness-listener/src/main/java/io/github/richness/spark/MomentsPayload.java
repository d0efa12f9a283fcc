package io.github.richness.spark;

import io.github.richness.moments.MomentsCodec;
import io.github.richness.moments.ProbeMoments;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * What a partition sends to the driver: its moments in {@link MomentsCodec}'s form (none when it had no
 * sample), and, summed as payloads merge, the bytes the partitions' own moments took and how many
 * partitions had samples.
 *
 * <p>The moments are held encoded or decoded, whichever the last step needed: a partition's payload is
 * encoded once (to be sent, and to count its bytes), a merge decodes its inputs once and keeps the merged
 * moments decoded, and they are encoded again only if Spark serialises the payload (a level of the tree on
 * an executor). On the driver the merged moments are therefore never re-encoded. {@link #merge} may change
 * its first argument's moments, as Spark allows {@code treeAggregate}'s functions to; {@link #EMPTY} has none
 * and is never changed.
 */
final class MomentsPayload implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No sample: the zero of {@link #merge}. */
    static final MomentsPayload EMPTY = new MomentsPayload(null, null, 0, 0);

    private byte[] encoded;
    private transient ProbeMoments decoded;
    private final long partitionBytes;
    private final int partitionsWithSamples;

    private MomentsPayload(byte[] encoded, ProbeMoments decoded, long partitionBytes, int partitionsWithSamples) {
        this.encoded = encoded;
        this.decoded = decoded;
        this.partitionBytes = partitionBytes;
        this.partitionsWithSamples = partitionsWithSamples;
    }

    /**
     * @param moments one partition's moments, or null
     * @return their payload, encoded ({@link #EMPTY} without samples)
     */
    static MomentsPayload of(ProbeMoments moments) {
        if (moments == null || moments.count() == 0) {
            return EMPTY;
        }
        byte[] bytes = MomentsCodec.encode(moments);
        return new MomentsPayload(bytes, null, bytes.length, 1);
    }

    /**
     * The treeAggregate step: the moments of both (Chan's merge, {@link ProbeMoments#merge}), their counts added.
     *
     * @param a a payload (its moments may become the merged ones)
     * @param b another
     * @return the merged payload
     */
    static MomentsPayload merge(MomentsPayload a, MomentsPayload b) {
        long bytes = a.partitionBytes + b.partitionBytes;
        int partitions = a.partitionsWithSamples + b.partitionsWithSamples;
        if (!a.hasMoments() || !b.hasMoments()) {
            MomentsPayload some = a.hasMoments() ? a : b;
            return new MomentsPayload(some.encoded, some.decoded, bytes, partitions);
        }
        ProbeMoments merged = a.moments();
        merged.merge(b.moments());
        return new MomentsPayload(null, merged, bytes, partitions);
    }

    /** @return the moments (decoded once and kept); null without samples */
    ProbeMoments moments() {
        if (decoded == null && encoded != null) {
            decoded = MomentsCodec.decode(encoded);
            encoded = null;
        }
        return decoded;
    }

    /** @return the bytes of the partitions' own moments, summed */
    long partitionBytes() {
        return partitionBytes;
    }

    /** @return the number of partitions that had samples */
    int partitionsWithSamples() {
        return partitionsWithSamples;
    }

    private boolean hasMoments() {
        return encoded != null || decoded != null;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (encoded == null && decoded != null) {
            encoded = MomentsCodec.encode(decoded);
        }
        out.defaultWriteObject();
    }
}
