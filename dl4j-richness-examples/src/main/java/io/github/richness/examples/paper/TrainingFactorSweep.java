package io.github.richness.examples.paper;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.ResultsTable;
import io.github.richness.examples.data.IdxReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's section 4.2 / table 8 sweeps of the learning rate (ResNet18 on CIFAR-100: D_LR 0.053, 0.025,
 * 0.039 at 0.005, 0.05, 0.2, eq. 4) and of weight decay (ResNet18 on CIFAR-10: 0.05, 0.015, 0.003 at 0,
 * 10⁻⁴, 10⁻³), scaled to a CPU: a ReLU MLP 784 → width → width → 10 on the embedded MNIST digits, one
 * network per value of the swept factor, the other factor fixed.
 *
 * <p>The recipe is the paper's ResNet18 one (table 10) without its schedule: SGD with momentum 0.9 (DL4J's
 * Nesterov form, see {@code CifarRecipe}), learning rate 0.05, L2 weight decay 5·10⁻⁵ in the learning-rate
 * sweep and 0.05 with the swept decay in the other, MSE on one-hot targets / α with α = 1, batch 128,
 * He initialisation, zero biases. The paper's own values are the defaults of {@code --values}.
 */
public final class TrainingFactorSweep {

    /** The factors this example sweeps. */
    public enum Factor {
        /** SGD's learning rate, the weight decay fixed. */
        LEARNING_RATE("learning rate", "0.005,0.05,0.2"),
        /** The L2 weight decay, the learning rate fixed. */
        WEIGHT_DECAY("weight decay", "0,1e-4,1e-3");

        private final String label;
        private final String paperValues;

        Factor(String label, String paperValues) {
            this.label = label;
            this.paperValues = paperValues;
        }

        /** @return the factor's name in row names, e.g. "learning rate" */
        public String label() {
            return label;
        }

        /**
         * @param value the option's value, e.g. "learning-rate"
         * @return the factor it names
         */
        static Factor parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static final double MOMENTUM = 0.9;
    private static final double FIXED_LEARNING_RATE = 0.05;
    private static final double FIXED_WEIGHT_DECAY = 5e-5;

    private TrainingFactorSweep() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        Factor factor = Factor.LEARNING_RATE;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--factor")) {
                factor = Factor.parse(args[i + 1]);
            }
        }
        commandLine(CommandLine.given(args, "full"), factor).parse(args).ifPresent(TrainingFactorSweep::run);
    }

    /**
     * @param full whether {@code --full} is given: it changes some defaults
     * @param factor the factor {@code --factor} names: it sets the default {@code --values}
     * @return the example's options with their defaults
     */
    static CommandLine commandLine(boolean full, Factor factor) {
        return SettingSweep.declare(CommandLine.of("TrainingFactorSweep",
                        "table 8: D_LR of an MLP on MNIST digits across learning rates or weight decays")
                .flag("full", "the longer run: 8,000 digits, 10 epochs, 3 seeds (changes the defaults below)")
                .option("factor", factor.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        "learning-rate or weight-decay")
                .option("values", factor.paperValues, "the swept values, comma-separated (default: the paper's)")
                .option("epochs", full ? "10" : "3", "training epochs (the paper: 200)")
                .option("width", "256", "hidden units in each of the 2 hidden layers"),
                full, 1, full ? "8000" : "2000", "1000", "1", "richness-output/training-factor-sweep");
    }

    /**
     * @param options the parsed options of {@link #main}
     * @return the results table, one row per value: "{@code <factor> <value>}"
     */
    public static ResultsTable run(Options options) {
        Factor factor = Factor.parse(options.string("factor"));
        int width = options.integer("width");
        Map<String, LongFunction<MultiLayerNetwork>> settings = new LinkedHashMap<>();
        for (String value : options.string("values").split(",")) {
            double swept = Double.parseDouble(value.trim());
            double learningRate = factor == Factor.LEARNING_RATE ? swept : FIXED_LEARNING_RATE;
            double weightDecay = factor == Factor.WEIGHT_DECAY ? swept : FIXED_WEIGHT_DECAY;
            settings.put(row(factor, value.trim()), seed -> network(width, learningRate, weightDecay, seed));
        }
        return SettingSweep.from(options).run("D_LR across the " + factor.label() + ", MLP on MNIST digits (table 8)",
                settings, SettingSweep.digits(options));
    }

    /**
     * @param factor the swept factor
     * @param value its value as given
     * @return the table row of that value
     */
    public static String row(Factor factor, String value) {
        return factor.label() + " " + value;
    }

    /**
     * @param width hidden units per layer
     * @param learningRate SGD's learning rate
     * @param weightDecay the L2 coefficient
     * @param seed initialisation seed
     * @return the MLP 784 → width → width → 10, MSE on identity outputs
     */
    static MultiLayerNetwork network(int width, double learningRate, double weightDecay, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Nesterovs(learningRate, MOMENTUM)).l2(weightDecay)
                .weightInit(WeightInit.RELU).list()
                .layer(new DenseLayer.Builder().nIn(IdxReader.PIXELS).nOut(width).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(IdxReader.CLASSES).build())
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
