package io.github.richness.examples;

import io.github.richness.examples.common.CommandLine;
import io.github.richness.examples.common.Options;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.listener.RichnessListener;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The README's demo: an MLP (784 → 256 → 128 → 10, ReLU, identity outputs) trained with MSE on one-hot targets
 * (the paper's setting) on the 8,000 real MNIST digits shipped in this module, with a {@link RichnessListener}
 * measuring D_LR, the spectra and the baselines on the 2,000 held-out digits after every epoch. Through the
 * shared {@link TrainingLoop} it logs one progress line per epoch (loss, train and test accuracy, D_LR) and
 * writes into the output folder the records, {@code richness.jsonl} and {@code richness.csv} (replacing those of
 * an earlier run there), and the report, {@code report/report.html} with the figures as PNG and SVG in
 * {@code report/figures/}. It writes no results table (the paper examples do).
 *
 * <p>Usage: {@code QuickStart [--epochs N] [--out DIR] [--train-samples N]} (defaults 5, richness-output, 8000).
 * Two runs with different {@code --out} folders are compared by passing both {@code richness.jsonl} files to
 * the {@code richness-report} command.
 */
public final class QuickStart {

    private static final int BATCH = 64;
    private static final int EVALUATION_BATCH = 500;
    private static final long SEED = 42;

    private QuickStart() {
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        Optional<Options> options = CommandLine.of("QuickStart", "an MLP on embedded MNIST digits, measured every epoch")
                .option("epochs", "5", "training epochs")
                .option("out", "richness-output", "output folder")
                .option("train-samples", "8000", "how many of the 8,000 embedded training digits to use")
                .parse(args);
        options.ifPresent(o -> run(o.integer("epochs"), o.integer("train-samples"), o.path("out")));
    }

    /**
     * Trains and measures.
     *
     * @param epochs training epochs
     * @param trainSamples how many of the embedded training digits to use
     * @param out output folder
     * @return the evaluated epochs and records
     */
    public static TrainingSummary run(int epochs, int trainSamples, Path out) {
        MnistDigits train = MnistDigits.embeddedTrain().subset(trainSamples);
        MnistDigits test = MnistDigits.embeddedTest();
        return TrainingLoop.builder(network(), new MnistDataSetIterator(train, BATCH, SEED),
                        new MnistDataSetIterator(test, EVALUATION_BATCH))
                .trainEvaluation(new MnistDataSetIterator(train, EVALUATION_BATCH))
                .epochs(epochs)
                .output(out)
                .build()
                .run();
    }

    /**
     * MSE on identity outputs, as in the paper; accuracy is the argmax of the outputs, so the check is off.
     *
     * @return the initialised quick-start network (also the listener benchmark's network)
     */
    public static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(10).build())
                .build();
        conf.setValidateOutputLayerConfig(false);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
