package io.github.richness.examples.paper;

import io.github.richness.core.Richness;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.data.ModularArithmetic;
import io.github.richness.examples.data.ModularTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.ViewIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(GrokkingWithTransformer.class);
    private static final int EVALUATION_BATCH = 1024;
    private static final double NANOS_PER_SECOND = 1e9;

    private GrokkingWithTransformer() {
    }

    /**
     * @param options {@link Grokking}'s parsed options
     * @return the results table, also written to the output folder
     */
    static ResultsTable run(Options options) {
        int modulus = options.integer("modulus");
        int batch = options.integer("batch");
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
            long started = System.nanoTime();
            TrainingSummary summary = TrainingLoop.builder(network, new ViewIterator(task.train(), batch),
                            new ViewIterator(task.test(), EVALUATION_BATCH))
                    .trainEvaluation(new ViewIterator(task.train(), EVALUATION_BATCH))
                    .epochs(options.integer("epochs"))
                    .every(options.integer("every"))
                    .measureAtStart(true)
                    .output(out.resolve("seed-" + seed))
                    .label("transformer, seed " + seed)
                    .build()
                    .run();
            long stepsPerEpoch = (task.train().numExamples() + batch - 1) / batch;
            LOG.info(String.format(Locale.ROOT, "seed %d: %d steps in %.0f s, measurements and evaluations included",
                    seed, options.integer("epochs") * stepsPerEpoch, (System.nanoTime() - started) / NANOS_PER_SECOND));
            Optional<GrokkingJump> jump = GrokkingJump.find(summary.epochs());
            if (jump.isPresent()) {
                LOG.info("seed {}: memorised at step {}, test accuracy jumped at step {}", seed,
                        jump.get().before().epoch() * stepsPerEpoch, jump.get().jump().epoch() * stepsPerEpoch);
                Grokking.add(table, "before the jump", jump.get().before(), stepsPerEpoch, lazyReference);
                Grokking.add(table, "after the jump", jump.get().after(), stepsPerEpoch, lazyReference);
            } else {
                LOG.warn("seed {}: no grokking (memorisation, then a test-accuracy jump) within {} epochs", seed,
                        options.integer("epochs"));
                Grokking.add(table, "end, no jump", summary.last(), stepsPerEpoch, lazyReference);
            }
        }
        table.write(out.resolve(RegimeComparison.RESULTS_FILE));
        return table;
    }
}
