package io.github.richness.examples.cifar;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.paper.RegimeComparison;
import io.github.richness.record.RichnessRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run shared by {@link ResNet18Cifar} and {@link Vgg16Cifar}: their common options, the data, the
 * training recipe and the training loop with the richness listener.
 *
 * <p>Data: with {@code --data DIR}, CIFAR-10 or CIFAR-100 from the standard binary files in that directory
 * ({@link CifarBinaryReader}); without it, the {@link SyntheticCifar} stand-in with the same number of classes
 * (1,024 training and 512 test images unless sizes are given). Training minibatches are shuffled and augmented
 * (random crop with 4-pixel padding, horizontal flip); all inputs are normalised per channel
 * ({@link CifarAugmentation}). The recipe defaults to the paper's ({@link CifarRecipe#paper}); every value can
 * be overridden, and without {@code --data} the default is {@value #SYNTHETIC_EPOCHS} epochs.
 *
 * <p>Measurement: after every {@code --every}-th epoch the listener measures D_LR, the spectra and the
 * baselines on a held-out probe (the first {@code --probe} test images, not augmented); the loop logs a
 * progress line (loss, train accuracy on the first {@code --train-eval} un-augmented training images, test
 * accuracy on the test split, D_LR) and writes {@code richness.jsonl} and {@code richness.csv} into
 * {@code --out}, whose absolute path it logs at the end, with a results table in {@code results.md}.
 */
public final class CifarExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(CifarExperiment.class);
    /** Training images of the synthetic stand-in when {@code --train-samples} is not given. */
    public static final int SYNTHETIC_TRAIN = 1024;
    /** Test images of the synthetic stand-in when {@code --test-samples} is not given. */
    public static final int SYNTHETIC_TEST = 512;
    /** Epochs on the synthetic stand-in when {@code --epochs} is not given. */
    public static final int SYNTHETIC_EPOCHS = 3;
    /** Minibatch size of evaluation and measurement passes (no gradients, so larger than training's). */
    private static final int EVALUATION_BATCH = 256;
    /** Default of the options whose value, when not given, comes from the recipe or the data. */
    private static final String UNSET = "";

    private final CifarImages train;
    private final CifarImages test;
    private final NetworkSpec spec;
    private final Options options;

    private CifarExperiment(CifarImages train, CifarImages test, NetworkSpec spec, Options options) {
        this.train = train;
        this.test = test;
        this.spec = spec;
        this.options = options;
    }

    /**
     * @param program the example's name
     * @param summary what it does, one line
     * @param defaultDataset the dataset used when {@code --dataset} is not given
     * @param defaultOut the output folder used when {@code --out} is not given
     * @return the command line with the options both CIFAR examples share
     */
    public static CommandLine commandLine(String program, String summary, CifarDataset defaultDataset,
            String defaultOut) {
        String paper = "; if not set, the paper's (appendix H, table 10)";
        return CommandLine.of(program, summary)
                .option("data", UNSET, "directory with the CIFAR binary files; without it a synthetic stand-in is used")
                .option("dataset", defaultDataset == CifarDataset.CIFAR_10 ? "cifar10" : "cifar100", "cifar10 or cifar100")
                .option("width", "1", "width multiplier on every layer's channels (1 = the real network)")
                .option("loss", "mse", "mse (the paper's, on one-hot targets scaled by 1/alpha) or xent")
                .option("epochs", UNSET, "training epochs; if not set, the paper's with --data, "
                        + SYNTHETIC_EPOCHS + " without")
                .option("lr", UNSET, "initial learning rate" + paper)
                .option("momentum", UNSET, "momentum (Nesterov)" + paper)
                .option("weight-decay", UNSET, "L2 weight decay" + paper)
                .option("lr-decay", UNSET, "factor applied to the learning rate every --lr-decay-every epochs" + paper)
                .option("lr-decay-every", UNSET, "epochs between learning-rate decays, 0 for none" + paper)
                .option("target-scale", UNSET, "hot entry of an MSE target, 1/alpha (3 for CIFAR-10, 10 for CIFAR-100)" + paper)
                .option("batch", UNSET, "training minibatch size" + paper + ", 128")
                .flag("no-augmentation", "train without random crops and flips")
                .option("train-samples", UNSET, "use the first N training images; if not set, all (synthetic: "
                        + SYNTHETIC_TRAIN + ")")
                .option("test-samples", UNSET, "use the first N test images; if not set, all (synthetic: "
                        + SYNTHETIC_TEST + ")")
                .option("probe", "4096", "held-out images the listener measures on (the first N test images)")
                .option("train-eval", "10000", "training images (un-augmented) that train accuracy is evaluated on")
                .option("every", "1", "measure, evaluate and log every N-th epoch (and the last)")
                .option("seed", "42", "seed of the initialisation, shuffling, augmentation and synthetic images")
                .option("out", defaultOut, "output folder for richness.jsonl and richness.csv");
    }

    /**
     * Loads the data and settles the recipe.
     *
     * @param options the parsed options of {@link #commandLine}
     * @param architecture which network the recipe is for
     * @return the experiment, ready to run
     * @throws IllegalArgumentException for a bad option value or a missing or malformed data file
     */
    public static CifarExperiment fromOptions(Options options, CifarRecipe.Architecture architecture) {
        CifarDataset dataset = CifarDataset.parse(options.string("dataset"));
        long seed = options.longInteger("seed");
        Optional<Path> dataDir = options.optionalPath("data");
        CifarImages train;
        CifarImages test;
        if (dataDir.isPresent()) {
            train = CifarBinaryReader.read(dataDir.get(), dataset, true);
            test = CifarBinaryReader.read(dataDir.get(), dataset, false);
        } else {
            SyntheticCifar synthetic = new SyntheticCifar(dataset.classes(), seed);
            train = synthetic.train(count(options, "train-samples", SYNTHETIC_TRAIN));
            test = synthetic.test(count(options, "test-samples", SYNTHETIC_TEST));
        }
        train = train.subset(Math.min(train.size(), count(options, "train-samples", train.size())));
        test = test.subset(Math.min(test.size(), count(options, "test-samples", test.size())));
        CifarRecipe paper = CifarRecipe.paper(architecture, dataset);
        CifarRecipe recipe = new CifarRecipe(
                real(options, "lr", paper.learningRate()),
                real(options, "momentum", paper.momentum()),
                real(options, "weight-decay", paper.weightDecay()),
                count(options, "epochs", dataDir.isPresent() ? paper.epochs() : SYNTHETIC_EPOCHS),
                real(options, "lr-decay", paper.decayFactor()),
                count(options, "lr-decay-every", paper.decayEvery()),
                real(options, "target-scale", paper.targetScale()),
                count(options, "batch", paper.batchSize()));
        NetworkSpec spec = new NetworkSpec(dataset.classes(), options.real("width"),
                CifarLoss.parse(options.string("loss")), recipe, seed);
        return new CifarExperiment(train, test, spec, options);
    }

    /**
     * Builds the network, trains it with the listener attached, logs the progress and ends with a results
     * table in the form of the paper's table 3 (train and test accuracy, D_LR, D_eff), logged and written to
     * {@code results.md} in the output folder.
     *
     * @param name the network's name for the table, e.g. "VGG16-BN"
     * @param network builds the network from the settled specification
     * @param outputLayer for a ComputationGraph, the name of the output layer to measure; {@code null} otherwise
     * @return the evaluated epochs, the records and the output folder
     */
    public TrainingSummary run(String name, Function<NetworkSpec, ? extends Model> network, String outputLayer) {
        Model model = network.apply(spec);
        CifarRecipe recipe = spec.recipe();
        double targetScale = recipe.targetScale(spec.loss());
        long seed = spec.seed();
        CifarDataSetIterator.Builder trainBatches = CifarDataSetIterator.builder(train).batchSize(recipe.batchSize())
                .shuffle(seed).targetScale(targetScale);
        if (!options.flag("no-augmentation")) {
            trainBatches.augment(seed + 1);
        }
        CifarImages probe = test.subset(Math.min(test.size(), options.integer("probe")));
        LOG.info("{}: {} parameters, width x{}, {} loss; train {}, test {}; {}", model.getClass().getSimpleName(),
                model.numParams(), spec.width(), spec.loss(), train, test, recipe);
        TrainingSummary summary = TrainingLoop.builder(model, trainBatches.build(), evaluation(test, targetScale))
                .trainEvaluation(evaluation(train.subset(Math.min(train.size(), options.integer("train-eval"))),
                        targetScale))
                .probe(evaluation(probe, targetScale))
                .epochs(recipe.epochs())
                .every(options.integer("every"))
                .output(options.path("out"))
                .listener(b -> {
                    b.maxProbeSamples(Math.max(2, probe.size()));
                    return outputLayer == null ? b : b.outputLayer(outputLayer);
                })
                .build()
                .run();
        RichnessRecord last = summary.lastRecord();
        new ResultsTable(name + " on " + train.source() + ", " + recipe.epochs() + " epochs", List.of("D_eff"))
                .add(String.format(Locale.ROOT, "%s, width %s, %s loss, seed %d", name, spec.width(), spec.loss(), seed),
                        summary.trainAccuracy(), summary.testAccuracy(), last.lowRankDistance(),
                        last.spectra().effectiveDimension())
                .write(summary.output().resolve(RegimeComparison.RESULTS_FILE));
        return summary;
    }

    /** @return the network specification the options settled on */
    public NetworkSpec spec() {
        return spec;
    }

    private static CifarDataSetIterator evaluation(CifarImages images, double targetScale) {
        return CifarDataSetIterator.builder(images).batchSize(EVALUATION_BATCH).targetScale(targetScale).build();
    }

    private static int count(Options options, String name, int fallback) {
        return options.string(name).isEmpty() ? fallback : options.integer(name);
    }

    private static double real(Options options, String name, double fallback) {
        return options.string(name).isEmpty() ? fallback : options.real(name);
    }
}
