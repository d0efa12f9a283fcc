package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import io.github.richness.device.SymmetricKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.DynamicPartition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-class statistics of the features for the neural-collapse baselines (appendix D, eq. 31 and 33): the
 * class of a sample is the argmax of its target row.
 *
 * <p>Two forms, chosen from the layout alone (so that equal layouts always merge):
 * <ul>
 *   <li><b>per-class moments</b>, when t · p² doubles fit in {@link #PER_CLASS_BUDGET_BYTES}: one
 *       {@link CentredMoments} of the features per class, fed by splitting each minibatch by class with ND4J's
 *       {@code dynamic_partition}. They give the class means and the within-class covariance of eq. 33,
 *       Σ_W = Σ_c E_{x∈A_c}[(φ − μ_c)(φ − μ_c)ᵀ] = Σ_c M_c / n_c, exactly, whatever the balance of the
 *       classes. Memory t · p² doubles; cost about one more accumulation of the features, in t smaller
 *       rank-k updates;</li>
 *   <li><b>class sums</b> otherwise: per-class counts and feature sums (one GEMM per minibatch), whose quotient
 *       is the class means. Σ_W then has to be formed from the pooled scatter, which equals eq. 33 only for
 *       balanced classes ({@link #perClassMoments()} tells the caller which form it has).</li>
 * </ul>
 * Counts are kept in both forms as a t-vector in the backend's memory. Not thread-safe.
 */
final class ClassStatistics {

    /**
     * The most memory the per-class moments may take (t · p² doubles): 32 MiB, for example p = 512 with 16
     * classes, or p = 128 with 256 classes. Beyond it the class sums are kept instead. The per-class split moves
     * the minibatch's t class counts to the host (a vector of length t).
     */
    static final long PER_CLASS_BUDGET_BYTES = 32L << 20;

    private static final String WORKSPACE = "RICHNESS_CLASSES";

    private final int classes;
    private final int features;
    private final INDArray counts;
    private final INDArray means;
    private final INDArray sums;
    private final CentredMoments[] perClass;
    private final MinibatchBuffer classBatch;
    private boolean meansCurrent = true;

    /**
     * @param layout a layout with class statistics
     * @param kernels the kernels of the per-class rank-k updates
     */
    ClassStatistics(MomentLayout layout, SymmetricKernels kernels) {
        this.classes = layout.targets();
        this.features = layout.features();
        boolean moments = fitsPerClassMoments(layout);
        MomentLayout featuresOnly = MomentLayout.featuresOnly(features);
        try (MemoryWorkspace ignored = Scratch.detached()) {
            this.counts = Nd4j.zeros(DataType.DOUBLE, classes);
            this.means = Nd4j.zeros(DataType.DOUBLE, classes, features);
            this.sums = moments ? null : Nd4j.zeros(DataType.DOUBLE, classes, features);
        }
        if (moments) {
            this.perClass = new CentredMoments[classes];
            for (int c = 0; c < classes; c++) {
                perClass[c] = new CentredMoments(featuresOnly, kernels);
            }
            this.classBatch = new MinibatchBuffer(featuresOnly);
        } else {
            this.perClass = null;
            this.classBatch = null;
        }
    }

    /**
     * @param layout a layout with class statistics
     * @return whether its per-class moments fit {@link #PER_CLASS_BUDGET_BYTES}
     */
    static boolean fitsPerClassMoments(MomentLayout layout) {
        return (double) layout.targets() * layout.features() * layout.features() * Double.BYTES
                <= PER_CLASS_BUDGET_BYTES;
    }

    /**
     * Adds a minibatch.
     *
     * @param features its n_b × p features in double precision, not centred
     * @param targets its n_b × t targets
     */
    void accumulate(INDArray features, INDArray targets) {
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray labels = targets.argMax(1);
            INDArray oneHot = Nd4j.exec(new OneHot(labels, classes, -1, 1.0, 0.0, DataType.DOUBLE))[0];
            INDArray batchCounts = oneHot.sum(0);
            counts.addi(batchCounts);
            if (perClass == null) {
                Nd4j.gemm(oneHot, features, sums, true, false, 1.0, 1.0);
            } else {
                accumulatePerClass(features, labels, HostTransfer.vector(batchCounts, classes));
            }
        }
        meansCurrent = false;
    }

    /**
     * Splits the minibatch by class with {@code dynamic_partition} and adds each class's rows to its moments.
     * The op runs outside the workspace (inside one it fails to size empty partitions) on a contiguous copy,
     * and not at all for a single row (which it sizes wrongly): that row's class is read from the counts.
     */
    private void accumulatePerClass(INDArray features, INDArray labels, double[] batchCounts) {
        if (features.rows() == 1) {
            int c = 0;
            while (batchCounts[c] == 0) {
                c++;
            }
            addToClass(c, features);
            return;
        }
        INDArray[] parts;
        try (MemoryWorkspace ignored = Scratch.detached()) {
            parts = Nd4j.exec(new DynamicPartition(features.dup('c'), labels.castTo(DataType.INT), classes));
        }
        for (int c = 0; c < classes; c++) {
            if (batchCounts[c] > 0) {
                addToClass(c, parts[c]);
            }
        }
    }

    private void addToClass(int c, INDArray rows) {
        classBatch.loadFeatures(rows);
        classBatch.centre();
        perClass[c].add(classBatch);
    }

    /**
     * Adds another accumulator's statistics.
     *
     * @param other statistics of the same layout
     */
    void merge(ClassStatistics other) {
        counts.addi(other.counts);
        if (perClass == null) {
            sums.addi(other.sums);
        } else {
            for (int c = 0; c < classes; c++) {
                perClass[c].merge(other.perClass[c]);
            }
        }
        meansCurrent = false;
    }

    /** Forgets everything accumulated. */
    void reset() {
        counts.assign(0);
        means.assign(0);
        if (perClass == null) {
            sums.assign(0);
        } else {
            for (CentredMoments moments : perClass) {
                moments.reset();
            }
        }
        meansCurrent = true;
    }

    /** @return the t per-class counts (do not modify) */
    INDArray counts() {
        return counts;
    }

    /** @return the t × p class means; rows of absent classes are zero (do not modify) */
    INDArray means() {
        if (!meansCurrent) {
            if (perClass == null) {
                means.assign(sums).diviColumnVector(Transforms.max(counts, 1.0).reshape(classes, 1));
            } else {
                for (int c = 0; c < classes; c++) {
                    means.getRow(c).assign(perClass[c].mean());
                }
            }
            meansCurrent = true;
        }
        return means;
    }

    /** @return whether the per-class moments (and so the exact Σ_W of eq. 33) are kept */
    boolean perClassMoments() {
        return perClass != null;
    }

    /**
     * @return Σ_W = Σ_c M_c / n_c over the classes present (eq. 33), a new p × p array
     * @throws IllegalStateException without per-class moments
     */
    INDArray withinClassCovariance() {
        if (perClass == null) {
            throw new IllegalStateException("the per-class moments of " + classes + " classes × p = " + features
                    + " exceed " + (PER_CLASS_BUDGET_BYTES >> 20) + " MiB: only class sums are kept");
        }
        INDArray sigma = Nd4j.zeros(DataType.DOUBLE, features, features);
        for (CentredMoments moments : perClass) {
            if (moments.count() > 0) {
                sigma.addi(moments.centred(Block.FEATURES, Block.FEATURES).div(moments.count()));
            }
        }
        return sigma;
    }

    /**
     * Writes the state for {@link MomentsCodec}: the counts, then each class's moments or the class sums.
     *
     * @param out where to write
     * @throws IOException if the output fails
     */
    void writeTo(DataOutput out) throws IOException {
        MomentIo.write(out, counts);
        if (perClass == null) {
            MomentIo.write(out, sums);
        } else {
            for (CentredMoments moments : perClass) {
                moments.writeTo(out);
            }
        }
    }

    /**
     * Replaces the state with one written by {@link #writeTo} for the same layout.
     *
     * @param in where to read
     * @throws IOException if the input fails or ends early
     */
    void readFrom(DataInput in) throws IOException {
        MomentIo.read(in, counts);
        if (perClass == null) {
            MomentIo.read(in, sums);
        } else {
            for (CentredMoments moments : perClass) {
                moments.readFrom(in);
            }
        }
        meansCurrent = false;
    }

    /**
     * @param layout a layout with class statistics
     * @param presentClasses the number of classes with at least one sample
     * @return the bytes {@link #writeTo} writes
     */
    static long encodedBytes(MomentLayout layout, int presentClasses) {
        long t = layout.targets();
        long p = layout.features();
        if (!fitsPerClassMoments(layout)) {
            return (t + t * p) * Double.BYTES;
        }
        return t * Double.BYTES + (t - presentClasses) * Long.BYTES + presentClasses * CentredMoments.encodedBytes(p);
    }
}
