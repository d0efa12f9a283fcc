package io.github.richness.testing;

import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.RichnessReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A short real training run for the UI and report tests: an MLP (4 → 16 → 3, MSE on one-hot targets as in
 * the paper) on the 150 Iris flowers shipped with DL4J, with a {@link RichnessListener} measuring on them
 * after every epoch, beside any other listeners (DL4J's {@code StatsListener}).
 */
public final class IrisRun {

    private static final int BATCH = 30;

    /** Adam's learning rate unless another is given. */
    public static final double LEARNING_RATE = 0.02;

    /** Width of the hidden layer: p of the records. */
    public static final int HIDDEN = 16;

    private IrisRun() {
    }

    /**
     * @param epochs training epochs (one record each)
     * @param reporter where the richness records go
     * @param others listeners to add before the richness listener
     * @return the listener's records, one per epoch
     */
    public static List<RichnessRecord> train(int epochs, RichnessReporter reporter, TrainingListener... others) {
        return train(epochs, LEARNING_RATE, reporter, others);
    }

    /**
     * @param epochs training epochs (one record each)
     * @param learningRate Adam's learning rate (another rate gives another run to compare)
     * @param reporter where the richness records go
     * @param others listeners to add before the richness listener
     * @return the listener's records, one per epoch
     */
    public static List<RichnessRecord> train(int epochs, double learningRate, RichnessReporter reporter,
                                             TrainingListener... others) {
        DataSet iris = iris();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(iris);
        normalizer.transform(iris);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Adam(learningRate)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(3).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        RichnessListener richness = RichnessListener.builder(iris).logRecords(false).reportTo(reporter).build();
        net.addListeners(others);
        net.addListeners(richness);
        net.fit(new ListDataSetIterator<>(iris.asList(), BATCH), epochs);
        return richness.history();
    }

    /** The 150 flowers of {@code iris.dat} in deeplearning4j-core's jar (DL4J's own iterator downloads them). */
    private static DataSet iris() {
        List<String> lines;
        try (InputStream in = IrisRun.class.getResourceAsStream("/iris.dat")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[][] features = new double[lines.size()][4];
        double[][] labels = new double[lines.size()][3];
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            for (int j = 0; j < 4; j++) {
                features[i][j] = Double.parseDouble(fields[j]);
            }
            labels[i][Integer.parseInt(fields[4].strip())] = 1;
        }
        return new DataSet(Nd4j.createFromArray(features).castTo(DataType.FLOAT),
                Nd4j.createFromArray(labels).castTo(DataType.FLOAT));
    }
}
