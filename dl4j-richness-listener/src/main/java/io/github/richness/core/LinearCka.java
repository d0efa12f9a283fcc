package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;

/**
 * Linear centred kernel alignment between two blocks of a probe (eq. 7 and 58, appendices B.3 and E.1).
 *
 * <p>For sample matrices A (n × a) and B (n × b) with centred versions A_c, B_c, the centred n × n kernels
 * are A_c A_cᵀ and B_c B_cᵀ, and CKA = Tr(A_c A_cᵀ B_c B_cᵀ) / (‖A_c A_cᵀ‖_F ‖B_c B_cᵀ‖_F)
 * = ‖A_cᵀ B_c‖²_F / (‖A_cᵀ A_c‖_F ‖B_cᵀ B_c‖_F): three centred co-moments, O(ab) work, no n × n matrix.
 * The value lies in [0, 1]; results outside by round-off are clamped. When a block is constant over the
 * probe its kernel is zero and CKA is undefined: the result is NaN and {@link Outcome#problem()} says why.
 */
final class LinearCka {

    private LinearCka() {
    }

    /** A CKA value, or NaN with the reason. */
    record Outcome(double value, String problem) {
        static Outcome of(double value) {
            return new Outcome(Math.min(1.0, Math.max(0.0, value)), null);
        }

        static Outcome unclamped(double value) {
            return new Outcome(value, null);
        }

        static Outcome undefined(String problem) {
            return new Outcome(Double.NaN, problem);
        }
    }

    /**
     * @param moments the probe's moments
     * @param a the first block
     * @param b the second block
     * @return CKA between the blocks' centred linear kernels
     */
    static Outcome between(ProbeMoments moments, Block a, Block b) {
        double cross = HostTransfer.scalar(moments.centred(a, b).norm2());
        double normA = moments.centredNorm(a);
        double normB = moments.centredNorm(b);
        String constant = constantBlocks(normA, a, normB, b);
        if (constant != null) {
            return Outcome.undefined(constant);
        }
        return Outcome.of(cross * cross / (normA * normB));
    }

    /**
     * CKA between block a and the orthogonal projector onto the centred span of block b: Definition 1 taken
     * literally, T_MP's centred part being a scaled projection whatever the spread of b within its span.
     * With Z an orthonormal basis of span(B_c) of dimension r, CKA = ‖A_cᵀ Z‖²_F / (‖A_cᵀ A_c‖_F √r).
     *
     * <p>Which directions span(B_c) has is a rank decision, and the projector weighs every kept direction
     * equally however small its variance, so a rank threshold at round-off level lets a direction of no
     * practical size change the value (a direction with 3·10⁻⁸ of the largest variance moved it from 0.722 to
     * 0.750). The rule used: a direction counts when its variance exceeds 1/n of the largest one, λ_k &gt;
     * λ_1 / n ({@link #resolution(long)}), i.e. when its standard deviation exceeds σ_1/√n, the standard error
     * with which the probe locates the outputs' mean along their main direction, which the centring in CKA
     * subtracts: variation below that is not resolved by a probe of n samples. It keeps every direction of
     * ordinary outputs (a C-class network's centred logits have C or C − 1 directions of comparable variance,
     * far above 1/n), drops directions of round-off or noise level, and tends to the exact span as n grows;
     * never below the numerical floor {@link OrthonormalBasis#RELATIVE_RANK_TOLERANCE}.
     *
     * @param moments the probe's moments
     * @param a the feature block
     * @param b the block whose span is projected onto
     * @param kernels the eigensolver for b's Gram matrix
     * @return the projection CKA, the rank r used, and how many non-zero directions fell below the resolution
     */
    static Projection withProjection(ProbeMoments moments, Block a, Block b, SymmetricKernels kernels) {
        double normA = moments.centredNorm(a);
        OrthonormalBasis basis = OrthonormalBasis.ofGram(moments.centred(b, b), kernels,
                resolution(moments.count()));
        int belowResolution = Math.max(0, basis.numericalRank() - basis.rank());
        String constant = constantBlocks(normA, a, basis.rank(), b);
        if (constant != null) {
            return new Projection(Outcome.undefined(constant), basis.rank(), belowResolution);
        }
        double projected = HostTransfer.scalar(moments.centred(a, b).mmul(basis.whitening()).norm2());
        return new Projection(Outcome.of(projected * projected / (normA * Math.sqrt(basis.rank()))), basis.rank(),
                belowResolution);
    }

    /**
     * @param count n, the probe size
     * @return the relative variance max(1/n, {@link OrthonormalBasis#RELATIVE_RANK_TOLERANCE}) at or below
     *         which an output direction is not resolved by the probe
     */
    static double resolution(long count) {
        return Math.max(1.0 / count, OrthonormalBasis.RELATIVE_RANK_TOLERANCE);
    }

    /**
     * The projection variant's value with the dimension of the span it projected onto.
     *
     * @param outcome CKA, or NaN with the reason
     * @param rank r, the output directions kept
     * @param belowResolution non-zero directions left out as below the probe's resolution
     */
    record Projection(Outcome outcome, int rank, int belowResolution) {
    }

    static String constantBlocks(double normA, Block a, double normB, Block b) {
        if (!(normA > 0) && !(normB > 0)) {
            return a + " and " + b + " are constant over the probe: CKA is undefined";
        }
        if (!(normA > 0)) {
            return a + " are constant over the probe: CKA is undefined";
        }
        if (!(normB > 0)) {
            return b + " are constant over the probe: CKA is undefined";
        }
        return null;
    }
}
