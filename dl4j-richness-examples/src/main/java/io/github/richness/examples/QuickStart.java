package io.github.richness.examples;

import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's demo: a 3-layer MLP trained with MSE on one-hot targets (the paper's setting) on the 8,000
 * real MNIST digits shipped in this module, with a {@link RichnessListener} measuring D_LR, the spectra and
 * the baselines on the 2,000 held-out digits after every epoch. Writes {@code richness.jsonl} and
 * {@code richness.csv} to the output folder and prints a progress line per epoch.
 *
 * <p>Usage: {@code QuickStart [--epochs N] [--out DIR] [--train-samples N]} (defaults 5, richness-output, 8000).
 */
public final class QuickStart {

    private static final Logger LOG = LoggerFactory.getLogger(QuickStart.class);

    private QuickStart() {
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        int epochs = 5;
        int trainSamples = 8000;
        Path out = Path.of("richness-output");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--train-samples" -> trainSamples = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    LOG.info("QuickStart [--epochs N (5)] [--out DIR (richness-output)] [--train-samples N (8000)]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; try --help");
            }
        }
        run(epochs, trainSamples, out);
    }

    /**
     * Trains and measures.
     *
     * @param epochs training epochs
     * @param trainSamples how many of the embedded training digits to use
     * @param out output folder
     * @return the last record
     */
    public static RichnessRecord run(int epochs, int trainSamples, Path out) {
        MnistDigits train = MnistDigits.embeddedTrain().subset(trainSamples);
        MnistDigits test = MnistDigits.embeddedTest();
        MultiLayerNetwork net = network();
        RichnessListener richness = RichnessListener.builder(new MnistDataSetIterator(test, 500))
                .frequency(1, InvocationType.EPOCH_END)
                .jsonLines(out.resolve("richness.jsonl"))
                .csv(out.resolve("richness.csv"))
                .build();
        net.addListeners(richness);
        MnistDataSetIterator trainIterator = new MnistDataSetIterator(train, 64, 42);
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.fit(trainIterator);
            Evaluation evaluation = net.evaluate(new MnistDataSetIterator(test, 500));
            RichnessRecord record = richness.history().get(richness.history().size() - 1);
            LOG.info(String.format(Locale.ROOT, "epoch %d: loss %.4f, test accuracy %.3f, D_LR %.4f, D_eff %.2f",
                    epoch + 1, net.score(), evaluation.accuracy(), record.lowRankDistance(), record.effectiveDimension()));
        }
        LOG.info("Records written to {}", out.toAbsolutePath());
        return richness.history().get(richness.history().size() - 1);
    }

    /**
     * MSE on identity outputs, as in the paper; accuracy is the argmax of the outputs, so the check is off.
     *
     * @return the initialised quick-start network (also the listener benchmark's network)
     */
    public static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
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
