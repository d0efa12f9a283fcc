package io.github.richness.examples.paper;

import io.github.richness.examples.common.EpochResult;
import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.examples.common.TrainingSummary;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.examples.data.RowsDataSetIterator;
import io.github.richness.core.Richness;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.ExistingFile;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-layer-only training of one seed, run to convergence (the paper's lazy rows: figure 1, table 3). The
 * frozen features Φ₀ of the initial network are computed once ({@link FrozenFeatures}); the output layer, cut
 * out with its initial parameters ({@link ReadoutNetwork}), is trained on them with the network's own updater
 * for many epochs (the same minibatches as the frozen network would see, {@link RowsDataSetIterator}), measured
 * every few epochs, so its records show D_LR against the training step; then its converged limit, the
 * least-squares readout ({@link LeastSquaresReadout}), is set and measured once. Both use the same listener
 * settings and probes (the test digits' features; the training features for the spectrum and NC1).
 *
 * <p>Files: {@code <output>/adam/} holds the trained readout's records and report (D_LR against the
 * iteration), {@code <output>/least-squares/} the converged readout's record.
 */
final class LazyReadout {

    private static final Logger LOG = LoggerFactory.getLogger(LazyReadout.class);
    private static final int EVALUATION_BATCH = 1000;

    private LazyReadout() {
    }

    /**
     * What one seed's lazy runs give.
     *
     * @param trained the readout trained for the given epochs, every measured epoch
     * @param converged the least-squares readout, measured once (epoch field: the trained epochs)
     * @param lazyReference d_lr_lazy of the test probe: the D_LR of Φ₀ against the least-squares fit of the probe's
     *        own targets ({@code Richness.lazyReference}), the lazy value for this model, probe and task
     */
    record Outcome(TrainingSummary trained, EpochResult converged, double lazyReference) {
    }

    /**
     * @param network the initial network (not modified)
     * @param train training digits
     * @param test test digits: test accuracy and the probe
     * @param epochs readout training epochs
     * @param every measure every this many epochs
     * @param settings batch size, α and the run's seed
     * @param seed the minibatch order's seed (the same as the frozen network's run would use)
     * @param output the seed's folder
     * @param label the progress lines' prefix
     * @return the trained and the converged readout
     */
    static Outcome run(MultiLayerNetwork network, MnistDigits train, MnistDigits test, int epochs, int every,
                       ComparisonSettings settings, long seed, Path output, String label) {
        DataSet trainFeatures = FrozenFeatures.of(network, new MnistDataSetIterator(train, EVALUATION_BATCH));
        DataSet testFeatures = FrozenFeatures.of(network, new MnistDataSetIterator(test, EVALUATION_BATCH));
        MultiLayerNetwork readout = ReadoutNetwork.of(network);
        RowsDataSetIterator trainIterator = RowsDataSetIterator.shuffled(trainFeatures, settings.batchSize(), seed);
        ScaledTargets targets = new ScaledTargets(settings.alpha());
        trainIterator.setPreProcessor(targets);
        TrainingSummary trained = TrainingLoop.builder(readout, trainIterator,
                        RowsDataSetIterator.inOrder(testFeatures, EVALUATION_BATCH))
                .trainEvaluation(RowsDataSetIterator.inOrder(trainFeatures, EVALUATION_BATCH))
                .epochs(epochs)
                .every(every)
                .output(output.resolve("adam"))
                .label(label + " (Adam)")
                .build()
                .run();
        DataSet scaled = trainFeatures.copy();
        targets.preProcess(scaled);
        LeastSquaresReadout fit = LeastSquaresReadout.fit(scaled.getFeatures(), scaled.getLabels());
        ReadoutNetwork.set(readout, fit.weights(), fit.bias());
        // the same probes as the trained readout's records: the spectrum and NC1 on the training features
        RichnessListener listener = RichnessListener.builder(RowsDataSetIterator.inOrder(testFeatures, EVALUATION_BATCH))
                .trainingProbe(trainIterator)
                .logRecords(false)
                .existingFiles(ExistingFile.REPLACE)
                .jsonLines(output.resolve("least-squares").resolve(TrainingLoop.JSON_LINES))
                .build();
        RichnessRecord record = listener.measureNow(readout);
        EpochResult converged = new EpochResult(epochs, Double.NaN,
                accuracy(readout, RowsDataSetIterator.inOrder(trainFeatures, EVALUATION_BATCH)),
                accuracy(readout, RowsDataSetIterator.inOrder(testFeatures, EVALUATION_BATCH)), record);
        LOG.info(String.format(Locale.ROOT,
                "%s (least squares, rank %d): train acc %.3f, test acc %.3f, D_LR %.4f", label, fit.rank(),
                converged.trainAccuracy(), converged.testAccuracy(), record.lowRankDistance()));
        DataSet scaledTest = testFeatures.copy();
        targets.preProcess(scaledTest);
        return new Outcome(trained, converged, Richness.lazyReference(scaledTest.getFeatures(), scaledTest.getLabels()));
    }

    private static double accuracy(MultiLayerNetwork model, DataSetIterator data) {
        return model.evaluate(data).accuracy();
    }
}
