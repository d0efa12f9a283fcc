package io.github.richness.listener;

import io.github.richness.core.LazyReference;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.List;

/**
 * The lazy reference d_lr_lazy of a run ({@link LazyReference}: the D_LR of the initial model's features with a
 * least-squares readout of the probe's targets), computed once and carried on every record.
 *
 * <p>It depends only on the initial model and the probe, both fixed for a run, so it is computed from the first
 * test-probe moments that hold the initial model's features ({@link Block#REFERENCE}, accumulated for S_init,
 * whichever way they were obtained) and the targets, and kept. Later calls return the kept value without any
 * arithmetic. Where it cannot be computed (no target matrix in the probe, initial features constant) it is NaN
 * and every record says why; where the moments hold no initial features (the copy of the initial model failed,
 * or no initial model was given), the caller's warning about the missing initial model covers it. Not
 * thread-safe: one per listener or distributed measurement.
 */
public final class RunLazyReference {

    private LazyReference.Outcome outcome;

    /**
     * @param probe the test probe's moments of this measurement
     * @param warnings receives why the value is NaN, if it is
     * @return d_lr_lazy, or NaN
     */
    public double of(ProbeMoments probe, List<String> warnings) {
        if (outcome == null) {
            if (!probe.layout().has(Block.REFERENCE)) {
                return Double.NaN;
            }
            if (!probe.layout().has(Block.TARGETS)) {
                warnings.add("no lazy reference d_lr_lazy: the probe's labels are not a samples × targets matrix");
                return Double.NaN;
            }
            outcome = LazyReference.of(probe);
        }
        if (outcome.problem() != null) {
            warnings.add("lazy reference d_lr_lazy: " + outcome.problem());
        }
        return outcome.lowRankDistance();
    }
}
