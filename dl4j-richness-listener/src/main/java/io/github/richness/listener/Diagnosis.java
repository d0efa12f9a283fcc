package io.github.richness.listener;

import io.github.richness.device.HostTransfer;
import io.github.richness.moments.Block;
import io.github.richness.moments.ProbeMoments;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Names the real cause when a probe's moments cannot give D_LR, so that a failed record says what happened
 * to the model rather than what the maths saw.
 *
 * <ul>
 *   <li><b>Not finite</b> (the maths sees NaN or infinite values in Φ, f̂, the labels or Φ₀): the cause is
 *       looked for where it usually is. The model's parameters first (one reduction on the backend): after
 *       training diverges they are NaN or infinite, and the probe is not to blame. Then the probe's own input
 *       (one reduction per minibatch, on this failure path only). If both are finite the forward pass itself
 *       overflowed. Labels are the probe's: their NaN is the probe's.</li>
 *   <li><b>Undefined</b> (D_LR is NaN although everything is finite): CKA needs variation on both sides, so
 *       either every feature is constant over the probe (dead units, such as ReLUs that no longer fire on any
 *       sample; then the outputs are constant too) or the outputs are although the features vary (zero
 *       output weights, a saturated output activation). A record without D_LR is a failed record: D_LR is what
 *       a record is for, and an "ok" record holding NaN would be read as a number.</li>
 * </ul>
 */
final class Diagnosis {

    private static final Set<Block> MODEL_BLOCKS = EnumSet.of(Block.FEATURES, Block.OUTPUTS, Block.REFERENCE);

    private Diagnosis() {
    }

    /**
     * @param model the model measured
     * @param probe the probe the moments come from
     * @param role the probe's name in texts ("test probe", "spectrum probe")
     * @param maxSamples the samples of the probe that were measured
     * @param blocks the blocks that received non-finite values, not empty
     * @return the failure's text
     */
    static String nonFinite(Model model, ProbeSet probe, String role, int maxSamples, Set<Block> blocks) {
        return nonFinite(model, () -> inputFinite(probe, maxSamples), role, blocks);
    }

    /**
     * @param model the model measured
     * @param inputFinite whether the probe's input features are finite (asked only when the model's are)
     * @param role the probe's name in texts
     * @param blocks the blocks that received non-finite values, not empty
     * @return the failure's text
     */
    static String nonFinite(Model model, BooleanSupplier inputFinite, String role, Set<Block> blocks) {
        List<String> causes = new ArrayList<>();
        Set<Block> fromModel = EnumSet.noneOf(Block.class);
        fromModel.addAll(blocks);
        fromModel.retainAll(MODEL_BLOCKS);
        if (!fromModel.isEmpty()) {
            String what = names(fromModel);
            if (!fromModel.equals(EnumSet.of(Block.REFERENCE)) && !finite(model.params())) {
                causes.add("training has diverged: the model's parameters have NaN or infinite values, so its " + what
                        + " on the " + role + " are not finite; lower the learning rate, clip the gradients or stop"
                        + " before the divergence");
            } else if (!inputFinite.getAsBoolean()) {
                causes.add("the " + role + "'s input features have NaN or infinite values, so the model's " + what
                        + " on it are not finite; remove or impute those samples");
            } else if (fromModel.equals(EnumSet.of(Block.REFERENCE))) {
                causes.add("the copy of the initial model kept for S_init gives NaN or infinite features on the "
                        + role + " (it was not finite when the listener first saw the model); turn baselines off");
            } else {
                causes.add("the forward pass overflowed: the model's parameters and the " + role + "'s input are"
                        + " finite but its " + what + " are not (values beyond the range of "
                        + model.params().dataType() + "); training is close to diverging");
            }
        }
        if (blocks.contains(Block.TARGETS)) {
            causes.add("the " + role + "'s labels have NaN or infinite values");
        }
        return String.join("; ", causes);
    }

    /**
     * @param test the test probe's moments, finite, from which D_LR came out NaN
     * @param warnings the analysis' warnings, which say which CKA was undefined
     * @return the failure's text
     */
    static String undefinedDistance(ProbeMoments test, List<String> warnings) {
        if (!(test.centredNorm(Block.FEATURES) > 0)) {
            return "dead features: every feature Φ takes the same value on every sample of the test probe (units"
                    + " that no longer respond to the input, for example ReLUs that fire on no sample), so the"
                    + " outputs are constant too and D_LR is undefined";
        }
        if (!(test.centredNorm(Block.OUTPUTS) > 0)) {
            return "dead outputs: the outputs f̂ take the same value on every sample of the test probe although"
                    + " the features vary (zero or vanishing output weights, or a saturated output activation), so"
                    + " D_LR is undefined";
        }
        return "D_LR is undefined: " + String.join("; ", warnings);
    }

    static boolean inputFinite(ProbeSet probe, int maxSamples) {
        boolean[] finite = {true};
        probe.forEach(maxSamples, batch -> finite[0] &= finite(batch.getFeatures()));
        return finite[0];
    }

    /** @return whether every element is finite (an integer array always is); one scalar transfer */
    private static boolean finite(INDArray array) {
        if (array == null || !array.dataType().isFPType()) {
            return true;
        }
        INDArray count = Nd4j.getExecutioner().exec(new MatchCondition(array, Conditions.notFinite()));
        return HostTransfer.scalar(count) == 0;
    }

    private static String names(Set<Block> blocks) {
        return blocks.stream().map(Diagnosis::name).collect(Collectors.joining(", ", "", ""))
                .replaceFirst(", ([^,]*)$", " and $1");
    }

    private static String name(Block block) {
        return switch (block) {
            case FEATURES -> "features Φ";
            case OUTPUTS -> "outputs f̂";
            case REFERENCE -> "initial-model features Φ₀";
            case TARGETS -> "labels";
        };
    }
}
