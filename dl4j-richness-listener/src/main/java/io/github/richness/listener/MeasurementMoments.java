package io.github.richness.listener;

import io.github.richness.moments.BlockedMoments;
import io.github.richness.moments.ProbeMoments;

/**
 * The moments one measurement hands to {@link RecordAssembly}: the test probe's, its jackknife blocks, and the
 * training probe's.
 *
 * @param test the test probe's moments (D_LR, Π, S_init, the lazy reference; NC1 and the spectrum without a
 *        training probe)
 * @param blocks the same moments with their jackknife blocks ({@code blocks.total() == test}), or null: no
 *        standard errors
 * @param training the training probe's moments (the eigenfunctions, NC1, Tr(Σ_W)), or null without one
 */
public record MeasurementMoments(ProbeMoments test, BlockedMoments blocks, ProbeMoments training) {

    /** Checks that the blocks belong to the test probe. */
    public MeasurementMoments {
        if (blocks != null && blocks.total() != test) {
            throw new IllegalArgumentException("the jackknife blocks are not those of the test probe's moments");
        }
    }
}
