package io.github.richness.moments;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.Scratch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The additive fourth-order sums that the unbiased HSIC of features and outputs needs besides the centred
 * co-moment: Σ‖x_i‖⁴, Σ‖x_i‖²‖y_i‖² and Σ‖y_i‖⁴ of the rows x_i = φ_i − μ_φ, y_i = f̂_i − μ_f centred on the
 * whole probe's means (see {@code io.github.richness.core.DebiasedCka}).
 *
 * <h2>Why a centre, and which sums</h2>
 * The centred rows depend on the mean of the whole probe, unknown until its last minibatch, so the sums are
 * kept about a fixed centre c = (c_φ, c_f): the mean of the first minibatch, which is within a few spreads
 * of the probe's mean, so that nothing cancels even when the features sit at 10⁴ with spread 1. With
 * a_i = z_i − c (z = [φ, f̂], width w = p + C), r_i = ‖a_{i,φ}‖², s_i = ‖a_{i,f}‖², the state is
 * <pre>
 *   R = [Σ r_i a_i, Σ s_i a_i]      (w × 2)        S = Σ [r_i, s_i]ᵀ [r_i, s_i]   (2 × 2: Σr², Σrs, Σs²)
 * </pre>
 * all plain sums over samples, so a minibatch adds its own (computed from its centred rows plus μ_b − c).
 *
 * <h2>Moving the centre (the merge rule and the read-out)</h2>
 * Sums about c' become sums about c by substituting a = a' + g, g = c' − c, and expanding. Besides the sums
 * themselves this needs only the low moments about c' of the same samples, which the Chan-merged
 * {@link CentredMoments} give exactly: Σa' = n δ', Σa'a'ᵀ = M + n δ'δ'ᵀ, δ' = μ − c'. With g_φ, g_f the parts
 * of g (zero elsewhere), k_φ = ‖g_φ‖², k_f = ‖g_f‖², P = (Σa'a'ᵀ)[g_φ, g_f] (w × 2), α = [g_φ, g_f]ᵀ Σa',
 * Σr' = Tr M_φφ + n‖δ'_φ‖² and Σs' likewise:
 * <pre>
 *   Σ r a  = R'_r + g Σr' + 2 P_φ + 2 g α_φ + k_φ Σa' + n k_φ g        (and Σ s a with f for φ)
 *   Σ r²   = Σr'² + 4 g_φᵀP_φ + 4 g_φᵀR'_r + 2 k_φ Σr' + 4 k_φ α_φ + n k_φ²
 *   Σ s²   = Σs'² + 4 g_fᵀP_f + 4 g_fᵀR'_s + 2 k_f Σs' + 4 k_f α_f + n k_f²
 *   Σ r s  = Σr's' + 2 g_fᵀR'_r + 2 g_φᵀR'_s + 4 g_φᵀP_f + k_f Σr' + k_φ Σs' + 2 k_f α_φ + 2 k_φ α_f + n k_φ k_f
 * </pre>
 * Merging two accumulators moves the other's sums to this centre and adds them; moving the sums to c = μ gives
 * the centred sums (then a = x, and Σr², Σrs, Σs² are the three numbers wanted), which simplifies to
 * {@link #centredFromSums}, used by the read-out here and by the jackknife blocks of {@link BlockedMoments}.
 * Every quantity is additive or a function of additive quantities, so the result is independent of how the
 * probe was split into minibatches or accumulators, to rounding.
 *
 * <p>Invariant: {@code hasCentre} is false exactly while no sample has been added, and then R and S are
 * zero. Not thread-safe.
 */
final class RowNormSums {

    private static final String WORKSPACE = "RICHNESS_ROW_NORMS";

    private final int features;
    private final int width;
    private final INDArray centre;
    private final INDArray weighted;
    private final INDArray squares;
    private final INDArray blockPattern;
    private boolean hasCentre;

    /** @param layout a layout with outputs */
    RowNormSums(MomentLayout layout) {
        this.features = layout.features();
        this.width = layout.features() + layout.outputs();
        try (MemoryWorkspace ignored = Scratch.detached()) {
            this.centre = Nd4j.zeros(DataType.DOUBLE, width);
            this.weighted = Nd4j.zeros(DataType.DOUBLE, width, 2);
            this.squares = Nd4j.zeros(DataType.DOUBLE, 2, 2);
            double[][] pattern = new double[width][4];
            for (int i = 0; i < width; i++) {
                int block = i < features ? 0 : 1;
                pattern[i][block] = 1.0;
                pattern[i][2 + block] = 1.0;
            }
            this.blockPattern = Nd4j.createFromArray(pattern);
        }
    }

    /**
     * Adds a {@link MinibatchBuffer#centre() centred} minibatch, before its spare row is used by the Chan
     * update: row i is a_i = (z_i − μ_b) + (μ_b − c).
     *
     * @param batch the centred minibatch, its spare row holding μ_b
     */
    void add(MinibatchBuffer batch) {
        INDArray batchMean = batch.spareRow().get(NDArrayIndex.interval(0, width));
        if (!hasCentre) {
            centre.assign(batchMean);
            hasCentre = true;
        }
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray shifted = batch.samples().get(NDArrayIndex.all(), NDArrayIndex.interval(0, width))
                    .addRowVector(batchMean.sub(centre));
            INDArray phi = shifted.get(NDArrayIndex.all(), NDArrayIndex.interval(0, features));
            INDArray out = shifted.get(NDArrayIndex.all(), NDArrayIndex.interval(features, width));
            INDArray norms = Nd4j.createUninitialized(DataType.DOUBLE, shifted.rows(), 2);
            squaredRowNorms(phi, norms.getColumn(0));
            squaredRowNorms(out, norms.getColumn(1));
            addShifted(centre, shifted, norms);
        }
    }

    /**
     * Writes ‖x_i‖² of every row into {@code into}, in one reduction (ND4J's {@code SquaredNorm} along the rows;
     * {@code rows.mul(rows).sum(1)} took about eight times as long, with a temporary of the rows' size).
     *
     * A single column (w = 1) is squared element-wise instead: ND4J takes a reduction of an n × 1 matrix along
     * its rows for one over the whole vector.
     *
     * @param rows an n × w double matrix
     * @param into an n-vector, for example a column of a matrix (a view)
     */
    static void squaredRowNorms(INDArray rows, INDArray into) {
        if (rows.columns() == 1) {
            INDArray column = rows.reshape(rows.rows());
            into.assign(column).muli(column);
        } else {
            Nd4j.exec(new SquaredNorm(rows, into, 1));
        }
    }

    /**
     * Adds rows already shifted to a centre, with their row norms: what {@link BlockedMoments} forms for its
     * blocks anyway, so that its total need not shift and square the same minibatch again. The first call's
     * centre becomes this accumulator's; every later call must pass the same centre.
     *
     * @param rowCentre the centre c the rows are about (w values)
     * @param shifted the rows a_i = z_i − c (n_b × w)
     * @param norms their [r_i, s_i] (n_b × 2)
     */
    void addShifted(INDArray rowCentre, INDArray shifted, INDArray norms) {
        if (!hasCentre) {
            centre.assign(rowCentre);
            hasCentre = true;
        }
        Nd4j.gemm(shifted, norms, weighted, true, false, 1.0, 1.0);
        Nd4j.gemm(norms, norms, squares, true, false, 1.0, 1.0);
    }

    /**
     * Adds another accumulator's sums, moved to this centre.
     *
     * @param other sums of the same layout
     * @param otherMoments the other accumulator's centred moments
     */
    void merge(RowNormSums other, CentredMoments otherMoments) {
        if (!other.hasCentre) {
            return;
        }
        if (!hasCentre) {
            centre.assign(other.centre);
            hasCentre = true;
        }
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            Shifted here = other.shift(otherMoments, other.centre.sub(centre));
            weighted.addi(here.weighted);
            squares.addi(Nd4j.createFromArray(new double[][] {{here.rr, here.rs}, {here.rs, here.ss}}));
        }
    }

    /** Forgets everything accumulated. */
    void reset() {
        centre.assign(0);
        weighted.assign(0);
        squares.assign(0);
        hasCentre = false;
    }

    /**
     * @param moments the centred moments of the same samples
     * @return Σ‖x_i‖⁴, Σ‖x_i‖²‖y_i‖², Σ‖y_i‖⁴ about the samples' mean; zeros before any sample
     */
    RowNormMoments centred(CentredMoments moments) {
        if (!hasCentre) {
            return new RowNormMoments(0, 0, 0);
        }
        try (MemoryWorkspace ignored = Scratch.open(WORKSPACE)) {
            INDArray offset = moments.mean().get(NDArrayIndex.interval(0, width)).sub(centre).reshape(width, 1);
            INDArray d = blockPattern.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).mulColumnVector(offset);
            INDArray traces = Nd4j.gemm(blockPattern.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)),
                    Diagonals.of(moments.symmetricComoment(), 0, width).reshape(width, 1), true, false);
            double[] x = HostTransfer.vector(Nd4j.concat(0, Nd4j.gemm(d, weighted, true, false).reshape(4),
                    Nd4j.gemm(d, moments.leading(width).mmul(d), true, false).reshape(4),
                    Nd4j.gemm(d, d, true, false).reshape(4), squares.reshape(4), traces.reshape(2)), 18);
            return centredFromSums(moments.count(), new double[] {x[12], x[13], x[15]},
                    new double[] {x[0], x[1], x[2], x[3]}, new double[] {x[4], x[5], x[7]}, x[8], x[11], x[16], x[17]);
        }
    }

    /**
     * The read-out: Σ‖x‖⁴, Σ‖x‖²‖y‖², Σ‖y‖⁴ about the samples' mean μ from their sums about a centre c, with
     * δ = μ − c, D = [δ_φ, δ_f], G = DᵀR, H = DᵀMD (M centred), k_φ = ‖δ_φ‖², k_f = ‖δ_f‖² and the centred
     * traces T_φ = Tr M_φφ, T_f = Tr M_ff (the class documentation's move with g = c − μ, simplified):
     * <pre>
     *   Σ‖x‖⁴       = Σr² − 4 G_φφ + 4 H_φφ + 2 k_φ T_φ + 3 n k_φ²
     *   Σ‖x‖²‖y‖²   = Σrs − 2 (G_fφ + G_φf) + 4 H_φf + k_f T_φ + k_φ T_f + 3 n k_φ k_f
     *   Σ‖y‖⁴       = Σs² − 4 G_ff + 4 H_ff + 2 k_f T_f + 3 n k_f²
     * </pre>
     * where G_ij = D_iᵀ R_j (R_φ = Σ r a, R_f = Σ s a).
     *
     * @param n the number of samples
     * @param fourth Σr², Σrs, Σs² about c
     * @param g G in row-major order: δ_φᵀR_φ, δ_φᵀR_f, δ_fᵀR_φ, δ_fᵀR_f
     * @param h H_φφ, H_φf, H_ff
     * @param kPhi ‖δ_φ‖²
     * @param kOut ‖δ_f‖²
     * @param tracePhi Tr M_φφ
     * @param traceOut Tr M_ff
     * @return the centred fourth-order sums
     */
    static RowNormMoments centredFromSums(double n, double[] fourth, double[] g, double[] h, double kPhi,
                                          double kOut, double tracePhi, double traceOut) {
        double featureFourth = fourth[0] - 4 * g[0] + 4 * h[0] + 2 * kPhi * tracePhi + 3 * n * kPhi * kPhi;
        double cross = fourth[1] - 2 * (g[2] + g[1]) + 4 * h[1] + kOut * tracePhi + kPhi * traceOut
                + 3 * n * kPhi * kOut;
        double outputFourth = fourth[2] - 4 * g[3] + 4 * h[2] + 2 * kOut * traceOut + 3 * n * kOut * kOut;
        return new RowNormMoments(featureFourth, cross, outputFourth);
    }

    /**
     * The sums moved by g = c' − c (see the class documentation), in a few backend operations and one transfer
     * of 46 scalars: with D = [g_φ, g_f, δ'_φ, δ'_f] (w × 4) every scalar of the formulas is an entry of DᵀD,
     * DᵀR, Dᵀ(MD) or S, and the new R is R + 2 (MD)_{:,1:2} + [g, δ'] K for a 2 × 2 matrix K of those scalars.
     */
    private Shifted shift(CentredMoments moments, INDArray g) {
        double n = moments.count();
        INDArray offset = moments.mean().get(NDArrayIndex.interval(0, width)).sub(centre);
        INDArray gColumn = g.reshape(width, 1);
        INDArray offsetColumn = offset.reshape(width, 1);
        INDArray d = Nd4j.hstack(gColumn, gColumn, offsetColumn, offsetColumn).muli(blockPattern);
        INDArray md = moments.leading(width).mmul(d);
        INDArray traces = Nd4j.gemm(blockPattern.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)),
                Diagonals.of(moments.symmetricComoment(), 0, width).reshape(width, 1), true, false);
        double[] x = HostTransfer.vector(Nd4j.concat(0, Nd4j.gemm(d, d, true, false).reshape(16),
                Nd4j.gemm(d, weighted, true, false).reshape(8), Nd4j.gemm(d, md, true, false).reshape(16),
                squares.reshape(4), traces.reshape(2)), 46);
        // x[0..15] = DᵀD, x[16..23] = DᵀR, x[24..39] = DᵀMD (row-major), x[40..43] = S, x[44..45] = Tr M_φφ, Tr M_ff
        double kPhi = x[0];
        double kOut = x[5];
        double alphaPhi = n * x[2];
        double alphaOut = n * x[7];
        double sumR = x[44] + n * x[10];
        double sumS = x[45] + n * x[15];
        double gpPhiPhi = x[24] + x[2] * alphaPhi;
        double gpPhiOut = x[25] + x[2] * alphaOut;
        double gpOutOut = x[29] + x[7] * alphaOut;
        double rr = x[40] + 4 * gpPhiPhi + 4 * x[16] + 2 * kPhi * sumR + 4 * kPhi * alphaPhi + n * kPhi * kPhi;
        double ss = x[43] + 4 * gpOutOut + 4 * x[19] + 2 * kOut * sumS + 4 * kOut * alphaOut + n * kOut * kOut;
        double rs = x[41] + 2 * x[18] + 2 * x[17] + 4 * gpPhiOut + kOut * sumR + kPhi * sumS
                + 2 * kOut * alphaPhi + 2 * kPhi * alphaOut + n * kPhi * kOut;
        INDArray coefficients = Nd4j.createFromArray(new double[][] {
            {sumR + 2 * alphaPhi + n * kPhi, sumS + 2 * alphaOut + n * kOut},
            {2 * alphaPhi + n * kPhi, 2 * alphaOut + n * kOut}});
        INDArray moved = md.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).mul(2.0).addi(weighted);
        Nd4j.gemm(Nd4j.hstack(gColumn, offsetColumn), coefficients, moved, false, false, 1.0, 1.0);
        return new Shifted(moved, rr, rs, ss);
    }

    /** Sums about a moved centre. */
    private record Shifted(INDArray weighted, double rr, double rs, double ss) {
    }

    /**
     * Writes the state for {@link MomentsCodec}: whether there is a centre, then the centre c, R and S.
     *
     * @param out where to write
     * @throws IOException if the output fails
     */
    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(hasCentre);
        if (hasCentre) {
            MomentIo.write(out, centre);
            MomentIo.write(out, weighted);
            MomentIo.write(out, squares);
        }
    }

    /**
     * Replaces the state with one written by {@link #writeTo} for the same layout.
     *
     * @param in where to read
     * @throws IOException if the input fails or ends early
     */
    void readFrom(DataInput in) throws IOException {
        reset();
        if (in.readBoolean()) {
            MomentIo.read(in, centre);
            MomentIo.read(in, weighted);
            MomentIo.read(in, squares);
            hasCentre = true;
        }
    }

    /**
     * @param layout a layout with outputs
     * @return the bytes {@link #writeTo} writes once a sample has been added
     */
    static long encodedBytes(MomentLayout layout) {
        long width = layout.features() + layout.outputs();
        return 1 + (width + 2 * width + 4) * Double.BYTES;
    }
}
