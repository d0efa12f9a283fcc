package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Moments of a layer too wide for its p × p co-moments: the exact p × C cross-moment with the outputs and
 * randomized sketches of the p × p ones, from which {@code io.github.richness.core.SketchedCka} estimates
 * CKA(Φ, f̂) and CKA(Φ, Φ⁰) with Hutchinson's trace estimator.
 *
 * <p>With M = Φ_cᵀΦ_c (centred features), M⁰ = Φ⁰_cᵀΦ⁰_c and X = Φ⁰_cᵀΦ_c, CKA needs ‖M‖²_F = tr(M²),
 * ‖M⁰‖²_F and ‖X‖²_F. For a Rademacher vector g (independent ±1 entries), E‖Mg‖² = tr(M²) and E‖Xg‖² = ‖X‖²_F
 * (Hutchinson 1989, "A stochastic estimator of the trace of the influence matrix for Laplacian smoothing
 * splines"; the variance for Rademacher probes, Var(gᵀAg) = 2(‖A‖²_F − Σᵢ A²ᵢᵢ) ≤ 2‖A‖²_F with A = M², is in
 * Avron and Toledo 2011, "Randomized algorithms for estimating the trace of an implicit symmetric positive
 * semi-definite matrix", J. ACM 58(2)). So one pass over the probe accumulates, for k fixed probes G
 * (p × k, seeded), the products MG, M⁰G and XG, each summed minibatch by minibatch: Σ AᵀAG with A = Φ − c for
 * a centre c (the first minibatch's mean, so nothing cancels at large offsets), corrected for the probe's mean
 * at the end (M G = Σ AᵀAG − n δ δᵀG, δ = μ − c). Each probe's column gives one unbiased term ‖(MG)_j‖².
 *
 * <p>Memory: 4 p·k doubles (G, MG, M⁰G, XG; 2 p·k without a reference), plus p·C and C² for the outputs:
 * {@link #bytes(int, int, int, boolean)}. k is chosen from a budget by {@link #probesWithin}. Work per minibatch:
 * about 6 n_b·p·k flops. Not thread-safe.
 */
public final class SketchedMoments {

    /** Fewest probes a sketch is made with; below it the jackknife over probes says little. */
    public static final int MIN_PROBES = 16;

    /** Most probes: beyond it the exact moments are cheaper for the widths a budget allows. */
    public static final int MAX_PROBES = 4096;

    private final int features;
    private final int outputs;
    private final boolean reference;
    private final INDArray probes;
    private final INDArray featureProducts;
    private final INDArray referenceProducts;
    private final INDArray crossProducts;
    private final INDArray outputCross;
    private final INDArray outputSquares;
    private INDArray featureSum;
    private INDArray referenceSum;
    private INDArray outputSum;
    private INDArray featureCentre;
    private INDArray referenceCentre;
    private INDArray outputCentre;
    private long count;

    /**
     * @param features p, the layer's width
     * @param outputs C, the output width
     * @param reference whether the reference (initial model's) features are sketched too, for S_init
     * @param probes k, the number of Rademacher probes
     * @param seed the seed of the probes (a fixed seed makes a measurement reproducible)
     */
    public SketchedMoments(int features, int outputs, boolean reference, int probes, long seed) {
        if (features < 1 || outputs < 1 || probes < 2) {
            throw new IllegalArgumentException("a sketch needs p ≥ 1, C ≥ 1 and k ≥ 2, got p = " + features + ", C = "
                    + outputs + ", k = " + probes);
        }
        this.features = features;
        this.outputs = outputs;
        this.reference = reference;
        this.probes = rademacher(features, probes, seed);
        this.featureProducts = Nd4j.zeros(DataType.DOUBLE, features, probes);
        this.referenceProducts = reference ? Nd4j.zeros(DataType.DOUBLE, features, probes) : null;
        this.crossProducts = reference ? Nd4j.zeros(DataType.DOUBLE, features, probes) : null;
        this.outputCross = Nd4j.zeros(DataType.DOUBLE, features, outputs);
        this.outputSquares = Nd4j.zeros(DataType.DOUBLE, outputs, outputs);
    }

    /**
     * @param features p
     * @param outputs C
     * @param reference whether S_init is sketched too
     * @param budgetBytes the memory the sketch may take
     * @return the most probes k that fit the budget, at most {@link #MAX_PROBES}; below {@link #MIN_PROBES}
     *         when even those do not fit
     */
    public static int probesWithin(int features, int outputs, boolean reference, long budgetBytes) {
        long fixed = bytes(features, outputs, 0, reference);
        long perProbe = 8L * features * (reference ? 4 : 2);
        return (int) Math.min(MAX_PROBES, Math.max(0, (budgetBytes - fixed) / perProbe));
    }

    /**
     * @param features p
     * @param outputs C
     * @param probes k
     * @param reference whether S_init is sketched too
     * @return the bytes of the accumulators (the minibatch temporaries, n_b·(p + k) doubles, come on top)
     */
    public static long bytes(int features, int outputs, int probes, boolean reference) {
        long matrices = reference ? 4 : 2;
        return 8L * (matrices * features * probes + (long) features * outputs + (long) outputs * outputs
                + 3L * (2L * features + outputs));
    }

    /**
     * Adds one minibatch; arrays of any floating-point type are converted to double.
     *
     * @param layer n_b × p features
     * @param output n_b × C outputs
     * @param referenceLayer n_b × p reference features, or null without a reference
     */
    public void accumulate(INDArray layer, INDArray output, INDArray referenceLayer) {
        if (layer.columns() != features || output.columns() != outputs || layer.rows() != output.rows()
                || reference != (referenceLayer != null)) {
            throw new IllegalArgumentException("sketch of width " + features + " × " + outputs
                    + (reference ? " with reference" : "") + " given features " + layer.rows() + " × "
                    + layer.columns() + ", outputs " + output.rows() + " × " + output.columns());
        }
        if (layer.rows() == 0) {
            return;
        }
        INDArray a = layer.castTo(DataType.DOUBLE);
        INDArray f = output.castTo(DataType.DOUBLE);
        if (count == 0) {
            featureCentre = a.mean(0);
            outputCentre = f.mean(0);
            featureSum = Nd4j.zeros(DataType.DOUBLE, features);
            outputSum = Nd4j.zeros(DataType.DOUBLE, outputs);
        }
        a = a.subRowVector(featureCentre);
        f = f.subRowVector(outputCentre);
        INDArray sketched = a.mmul(probes);
        featureProducts.addi(a.transpose().mmul(sketched));
        outputCross.addi(a.transpose().mmul(f));
        outputSquares.addi(f.transpose().mmul(f));
        featureSum.addi(a.sum(0));
        outputSum.addi(f.sum(0));
        if (reference) {
            INDArray r = referenceLayer.castTo(DataType.DOUBLE);
            if (count == 0) {
                referenceCentre = r.mean(0);
                referenceSum = Nd4j.zeros(DataType.DOUBLE, features);
            }
            r = r.subRowVector(referenceCentre);
            referenceProducts.addi(r.transpose().mmul(r.mmul(probes)));
            crossProducts.addi(r.transpose().mmul(sketched));
            referenceSum.addi(r.sum(0));
        }
        count += layer.rows();
    }

    /** Forgets the samples, keeping the probes and the accumulators. */
    public void reset() {
        count = 0;
        featureProducts.assign(0);
        outputCross.assign(0);
        outputSquares.assign(0);
        if (reference) {
            referenceProducts.assign(0);
            crossProducts.assign(0);
        }
    }

    /** @return n, the samples accumulated */
    public long count() {
        return count;
    }

    /** @return k, the number of probes */
    public int probeCount() {
        return (int) probes.columns();
    }

    /** @return p */
    public int features() {
        return features;
    }

    /** @return whether the reference features are sketched */
    public boolean hasReference() {
        return reference;
    }

    /** @return the bytes of this sketch's accumulators */
    public long bytes() {
        return bytes(features, outputs, probeCount(), reference);
    }

    /** @return ‖Φ_cᵀ f̂_c‖²_F, exact */
    public double outputCrossSquared() {
        return squaredNorm(centred(outputCross, featureSum, outputSum));
    }

    /** @return ‖f̂_cᵀ f̂_c‖_F, exact */
    public double outputNorm() {
        return Math.sqrt(squaredNorm(centred(outputSquares, outputSum, outputSum)));
    }

    /** @return the k unbiased terms ‖(M G)_j‖² of ‖Φ_cᵀΦ_c‖²_F */
    public double[] featureTerms() {
        return columnNorms(centred(featureProducts, featureSum, featureSum.reshape(1, features).mmul(probes)));
    }

    /** @return the k unbiased terms ‖(M⁰ G)_j‖² of ‖Φ⁰_cᵀΦ⁰_c‖²_F; empty without a reference */
    public double[] referenceTerms() {
        return reference ? columnNorms(centred(referenceProducts, referenceSum,
                referenceSum.reshape(1, features).mmul(probes))) : new double[0];
    }

    /** @return the k unbiased terms ‖(X G)_j‖² of ‖Φ⁰_cᵀΦ_c‖²_F; empty without a reference */
    public double[] crossTerms() {
        return reference ? columnNorms(centred(crossProducts, referenceSum,
                featureSum.reshape(1, features).mmul(probes))) : new double[0];
    }

    /**
     * The probes from their own generator (ND4J's global one is training's and is left alone), filled in
     * slices of rows so that no host copy of the whole matrix is made.
     */
    private static INDArray rademacher(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray matrix = Nd4j.create(DataType.DOUBLE, rows, columns);
        int slice = Math.max(1, (1 << 16) / columns);
        for (int start = 0; start < rows; start += slice) {
            int end = Math.min(rows, start + slice);
            double[] values = new double[(end - start) * columns];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextBoolean() ? 1.0 : -1.0;
            }
            matrix.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())
                    .assign(Nd4j.createFromArray(values).reshape(end - start, columns));
        }
        return matrix;
    }

    /** Σ aᵀb − (Σa)(Σb)ᵀ / n: the centred co-moment from shifted sums (the shift cancels). */
    private INDArray centred(INDArray products, INDArray leftSum, INDArray rightSum) {
        INDArray left = leftSum.reshape(leftSum.length(), 1);
        INDArray right = rightSum.reshape(1, rightSum.length());
        return products.sub(left.mmul(right).divi(count));
    }

    private static double squaredNorm(INDArray matrix) {
        double norm = HostTransfer.scalar(matrix.norm2());
        return norm * norm;
    }

    private double[] columnNorms(INDArray matrix) {
        INDArray squares = matrix.mul(matrix).sum(0);
        return HostTransfer.vector(squares, matrix.columns());
    }
}
