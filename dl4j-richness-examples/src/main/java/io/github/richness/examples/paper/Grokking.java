package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.EpochResult;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.core.Richness;
import io.github.richness.examples.data.ModularArithmetic;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's table 3 grokking row and figure 12, "D_LR captures the lazy-to-rich transition of grokking":
 * modular addition (or, with {@code --task division}, the paper's division) mod 97 ({@link ModularArithmetic},
 * half of the pairs for training), where the test accuracy jumps long after the training pairs are memorised,
 * and D_LR falls across the jump (the paper: 0.51 when memorised, 0.11 after).
 *
 * <p>The paper trains a 2-layer transformer; this example trains an MLP that groks on a CPU in a few minutes:
 * input one-hot(a) ⊕ one-hot(b); a hidden layer of {@code width} units with the quadratic activation and no
 * biases, the network of Gromov ("Grokking modular arithmetic", 2023), which learns the Fourier solution of
 * modular addition ({@link ActivationSquare}); a ReLU layer of {@code width / 2} units whose output is the
 * measured feature Φ; a linear output of p. MSE on one-hot targets (α = 1, as the paper), Adam 10⁻³ with
 * β = (0.9, 0.98) (table 10) plus decoupled weight decay 1.0 (the paper uses none), batch 512, Xavier
 * initialisation with the hidden layers ×{@code init-scale} and the output centred ({@link #initialise}). One
 * epoch is ⌈4,705 / 512⌉ = 10 steps.
 *
 * <p>Why this setting starts lazy and turns rich (EXPERIMENTS.md section 5): the large initial weights make
 * each Adam step a small relative change of the features, and the centred output lets the model memorise
 * while Φ is still near its initial kernel (measured: S_init ≈ 0.77 and D_LR ≈ 0.55, the lazy reference,
 * when 95% of the training pairs are fitted); the weight decay then shrinks the weights, the features drift
 * into the Fourier solution and the test accuracy jumps (the large-initialisation and weight-decay mechanism
 * of Lyu et al. 2024 and of Liu et al.'s "Omnigrok", 2022). The table reports D_LR when the training pairs are
 * first memorised, at the last measurement before the jump, at the jump and at the end, see
 * {@link GrokkingJump}.
 *
 * <p>Without the ReLU layer (Gromov's network as is) the model groks as fast, but D_LR stays near 0.4 on
 * both sides of the jump: every quadratic unit also carries the (a − b), 2a and 2b harmonics that the output
 * cancels, so the features span far more than the learned function (see EXPERIMENTS.md).
 */
public final class Grokking {

    private static final Logger LOG = LoggerFactory.getLogger(Grokking.class);
    private static final int EVALUATION_BATCH = 5000;
    private static final double NANOS_PER_SECOND = 1e9;

    private Grokking() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        commandLine(CommandLine.given(args, "full")).parse(args).ifPresent(Grokking::run);
    }

    /**
     * @param full whether {@code --full} is given: it changes some defaults
     * @return the example's options with their defaults
     */
    static CommandLine commandLine(boolean full) {
        return CommandLine.of("Grokking",
                "table 3 / figure 12: an MLP groks modular arithmetic; D_LR before and after the jump")
                .flag("full", "3 seeds (changes the default below)")
                .option("model", "mlp", "mlp, or transformer: the paper's 2-layer transformer (EXPERIMENTS.md §5.1)")
                .option("seeds", full ? "3" : "1", "seeds (each a new split and initialisation)")
                .option("task", "addition", "addition or division mod p (the paper: division)")
                .option("epochs", "200", "training epochs (10 steps each with the default batch)")
                .option("modulus", "97", "the modulus p")
                .option("train-fraction", "0.5", "share of the admissible pairs used for training")
                .option("width", "512", "units of the quadratic layer (the ReLU layer, the features Φ, has half)")
                .option("batch", "512", "minibatch size")
                .option("learning-rate", "0.001", "Adam learning rate")
                .option("weight-decay", "1.0", "decoupled weight decay (AdamW-style)")
                .option("init-scale", "3", "factor on the hidden layers' initial (Xavier) weights")
                .option("centre-output", "true",
                        "antisymmetric initialisation of the last hidden layer and the readout, so f̂ = 0 at the start")
                .option("every", "2", "measure and evaluate every N epochs, and at step 0")
                .option("out", "richness-output/grokking", "output folder");
    }

    /**
     * @param options the parsed options of {@link #main}
     * @return the results table
     */
    public static ResultsTable run(Options options) {
        if (transformer(options.string("model"))) {
            return GrokkingWithTransformer.run(options);
        }
        int modulus = options.integer("modulus");
        ModularArithmetic.Operation operation = ModularArithmetic.Operation.named(options.string("task"));
        boolean centred = centred(options.string("centre-output"));
        Path out = options.path("out");
        ResultsTable table = new ResultsTable("Grokking, modular " + operation.name().toLowerCase(Locale.ROOT)
                + " mod " + modulus + ", MLP with a quadratic and a ReLU layer (table 3, figure 12)",
                List.of("Step", "D_LR se", "lazy reference", "D_LR (projection)", "D_eff"));
        for (int seed = 1; seed <= options.integer("seeds"); seed++) {
            ModularArithmetic task = ModularArithmetic.split(operation, modulus, options.real("train-fraction"), seed);
            MultiLayerNetwork network = network(modulus, options.integer("width"), options.real("learning-rate"),
                    options.real("weight-decay"), seed);
            initialise(network, options.real("init-scale"), centred);
            double lazyReference = Richness.lazyReference(
                    FrozenFeatures.of(network, new ViewIterator(task.test(), EVALUATION_BATCH)).getFeatures(),
                    task.test().getLabels());
            trainAndTabulate(network, task, EVALUATION_BATCH, lazyReference, seed, "seed " + seed, options, table);
        }
        table.write(out.resolve(RegimeComparison.RESULTS_FILE));
        return table;
    }

    /**
     * Trains one seed's network from step 0 (measured then and every {@code --every} epochs) and adds its rows to
     * the table: the memorised, last-before-the-jump, jump and after-the-jump measurements ({@link GrokkingJump}),
     * or the end when there is no jump.
     *
     * @param network the initialised MultiLayerNetwork or ComputationGraph
     * @param task the seed's split, in the network's input format
     * @param evaluationBatch the minibatch size of evaluations
     * @param lazyReference the initial features' lazy reference on the test split
     * @param seed the seed
     * @param label the run's label in its records
     * @param options the parsed options ({@code --batch}, {@code --epochs}, {@code --every}, {@code --out})
     * @param table the table to add to
     */
    static void trainAndTabulate(Model network, ModularArithmetic task, int evaluationBatch, double lazyReference,
                                 int seed, String label, Options options, ResultsTable table) {
        int batch = options.integer("batch");
        long started = System.nanoTime();
        TrainingSummary summary = TrainingLoop.builder(network, new ViewIterator(task.train(), batch),
                        new ViewIterator(task.test(), evaluationBatch))
                .trainEvaluation(new ViewIterator(task.train(), evaluationBatch))
                .epochs(options.integer("epochs"))
                .every(options.integer("every"))
                .measureAtStart(true)
                .output(options.path("out").resolve("seed-" + seed))
                .label(label)
                .build()
                .run();
        long stepsPerEpoch = (task.train().numExamples() + batch - 1) / batch;
        LOG.info(String.format(Locale.ROOT, "seed %d: %d steps in %.0f s, measurements and evaluations included",
                seed, options.integer("epochs") * stepsPerEpoch, (System.nanoTime() - started) / NANOS_PER_SECOND));
        Optional<GrokkingJump> jump = GrokkingJump.find(summary.epochs());
        if (jump.isPresent()) {
            LOG.info("seed {}: memorised at step {}, test accuracy jumped at step {}", seed,
                    jump.get().memorised().epoch() * stepsPerEpoch, jump.get().jump().epoch() * stepsPerEpoch);
            add(table, "memorised", jump.get().memorised(), stepsPerEpoch, lazyReference);
            add(table, "last before the jump", jump.get().before(), stepsPerEpoch, lazyReference);
            add(table, "jump", jump.get().jump(), stepsPerEpoch, lazyReference);
            add(table, "after the jump", jump.get().after(), stepsPerEpoch, lazyReference);
        } else {
            LOG.warn("seed {}: no grokking (memorisation, then a test-accuracy jump) within {} epochs", seed,
                    options.integer("epochs"));
            add(table, "end, no jump", summary.last(), stepsPerEpoch, lazyReference);
        }
    }

    /** @return whether the model is the transformer */
    private static boolean transformer(String value) {
        if (!value.equals("mlp") && !value.equals("transformer")) {
            throw new IllegalArgumentException("--model takes mlp or transformer, got " + value);
        }
        return value.equals("transformer");
    }

    private static boolean centred(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--centre-output takes true or false, got " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * The initialisation of the lazy-to-rich setting: the hidden layers' Xavier weights multiplied by
     * {@code scale} (larger weights make the start lazier: under Adam every weight moves by about the learning
     * rate per step, so the relative change of the features per step falls as 1 / scale while their size, and
     * with it the output's sensitivity to them, grows as scale³), and with {@code centred} the model's output
     * made zero at initialisation by the antisymmetric ("doubling") initialisation of lazy-training studies
     * (Chizat et al. 2019): the last hidden layer's second half of units copies the first half's incoming
     * weights and biases, and the output layer's weights from the second half are the negated weights from the
     * first half, so f̂₀ = φ₀W₀ = 0 up to round-off while the readout and every hidden layer start random. That
     * is the centred model f − f₀ in the form whose output stays φW (the listener measures the trained φW).
     * Zeroing the output weights instead also makes f̂₀ = 0, but then the hidden layers' first gradients are
     * aligned with the targets through the readout's first step, and the features turn rich while the model
     * memorises (EXPERIMENTS.md section 5).
     *
     * @param network an initialised network whose last hidden layer has an even number of units
     * @param scale the factor on every hidden layer's weights, positive
     * @param centred whether the output starts at zero
     */
    static void initialise(MultiLayerNetwork network, double scale, boolean centred) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the initialisation scale must be positive, got " + scale);
        }
        int last = network.getnLayers() - 1;
        for (int layer = 0; layer < last; layer++) {
            network.getLayer(layer).getParam("W").muli(scale);
        }
        if (centred) {
            mirror(network.getLayer(last - 1), network.getLayer(last));
        }
    }

    /** The antisymmetric initialisation of {@link #initialise}: φ's halves equal, their output weights opposite. */
    private static void mirror(Layer hidden, Layer output) {
        INDArray weights = hidden.getParam("W");
        long half = weights.columns() / 2;
        if (2 * half != weights.columns()) {
            throw new IllegalArgumentException("output centring needs an even last hidden layer, got "
                    + weights.columns() + " units");
        }
        INDArrayIndex first = NDArrayIndex.interval(0, half);
        INDArrayIndex second = NDArrayIndex.interval(half, 2 * half);
        weights.get(NDArrayIndex.all(), second).assign(weights.get(NDArrayIndex.all(), first));
        if (hidden.getParam("b") != null) {
            INDArray biases = hidden.getParam("b");
            biases.get(NDArrayIndex.all(), second).assign(biases.get(NDArrayIndex.all(), first));
        }
        INDArray readout = output.getParam("W");
        readout.get(second, NDArrayIndex.all()).assign(readout.get(first, NDArrayIndex.all()).neg());
    }

    private static void add(ResultsTable table, String setting, EpochResult epoch, long stepsPerEpoch,
                            double lazyReference) {
        table.add(setting, epoch.trainAccuracy(), epoch.testAccuracy(), epoch.record().lowRankDistance(),
                epoch.epoch() * stepsPerEpoch, epoch.record().distances().standardErrors().lowRankDistance(),
                lazyReference, epoch.record().distances().projectionLowRankDistance(),
                epoch.record().spectra().effectiveDimension());
    }

    /**
     * @param modulus p
     * @param width hidden units
     * @param learningRate Adam's learning rate
     * @param weightDecay decoupled weight decay coefficient
     * @param seed initialisation seed
     * @return 2p → width (z², no biases) → width / 2 (ReLU) → p, MSE on identity outputs
     */
    static MultiLayerNetwork network(int modulus, int width, double learningRate, double weightDecay, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(learningRate, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, 0.98, Adam.DEFAULT_ADAM_EPSILON))
                .weightDecay(weightDecay).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(2L * modulus).nOut(width).hasBias(false)
                        .activation(new ActivationSquare()).build())
                .layer(new DenseLayer.Builder().nOut(width / 2)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .hasBias(false).nOut(modulus).build())
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
