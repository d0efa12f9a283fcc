package io.github.richness.examples.paper;

import io.github.richness.core.Richness;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.data.ModularArithmetic;
import io.github.richness.examples.data.ModularTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.ViewIterator;

/**
 * {@link Grokking} with {@code --model transformer}: the paper's own grokking run (figure 12, table 3), the
 * 2-layer transformer of {@link GrokkingTransformer} on the token sequences of the task ({@link ModularTokens}),
 * measured from step 0 every {@code --every} epochs, with the jump found from the accuracies
 * ({@link GrokkingJump}) and the same table as the MLP's. It reads {@code --seeds}, {@code --task},
 * {@code --modulus}, {@code --train-fraction}, {@code --epochs}, {@code --batch}, {@code --learning-rate},
 * {@code --weight-decay}, {@code --every} and {@code --out}; the MLP's {@code --width}, {@code --init-scale}
 * and {@code --centre-output} do not apply (the model is {@link GrokkingTransformer#PAPER}, PyTorch's default
 * initialisation). The paper's recipe is {@code --task division --weight-decay 0}, 4,000 epochs of 10 steps.
 */
final class GrokkingWithTransformer {

    private static final int EVALUATION_BATCH = 1024;

    private GrokkingWithTransformer() {
    }

    /**
     * @param options {@link Grokking}'s parsed options
     * @return the results table, also written to the output folder
     */
    static ResultsTable run(Options options) {
        int modulus = options.integer("modulus");
        ModularArithmetic.Operation operation = ModularArithmetic.Operation.named(options.string("task"));
        Path out = options.path("out");
        ResultsTable table = new ResultsTable("Grokking, modular " + operation.name().toLowerCase(Locale.ROOT)
                + " mod " + modulus + ", 2-layer transformer (table 3, figure 12)",
                List.of("Step", "D_LR se", "lazy reference", "D_LR (projection)", "D_eff"));
        for (int seed = 1; seed <= options.integer("seeds"); seed++) {
            ModularArithmetic task = ModularTokens.of(
                    ModularArithmetic.split(operation, modulus, options.real("train-fraction"), seed));
            ComputationGraph network = GrokkingTransformer.network(modulus, GrokkingTransformer.PAPER,
                    options.real("learning-rate"), options.real("weight-decay"), seed);
            double lazyReference = Richness.lazyReference(
                    FrozenFeatures.of(network, new ViewIterator(task.test(), EVALUATION_BATCH)).getFeatures(),
                    task.test().getLabels());
            Grokking.trainAndTabulate(network, task, EVALUATION_BATCH, lazyReference, seed,
                    "transformer, seed " + seed, options, table);
        }
        table.write(out.resolve(RegimeComparison.RESULTS_FILE));
        return table;
    }
}
