package io.github.richness.earlystopping;

import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessQuantity;
import io.github.richness.record.RichnessRecord;
import java.util.Objects;
import java.util.function.Function;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;

/**
 * DL4J's early-stopping {@link ScoreCalculator} scoring a model by its richness: D_LR (eq. 4) or another
 * {@link RichnessQuantity}, measured on a held-out probe by a {@link RichnessListener}
 * ({@link #of(RichnessListener)}, for {@code EarlyStoppingTrainer} and {@code EarlyStoppingGraphTrainer}) or on
 * a distributed probe ({@code SparkRichness.scoreCalculator}, for {@code SparkEarlyStoppingTrainer}).
 *
 * <pre>{@code
 * RichnessListener richness = RichnessListener.builder(probe).spectra(false).build();
 * EarlyStoppingConfiguration<MultiLayerNetwork> config = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
 *         .scoreCalculator(RichnessScoreCalculator.of(richness))
 *         .epochTerminationConditions(new BestScoreEpochTerminationCondition(0.05),    // D_LR < 0.05: stop
 *                 new MaxEpochsTerminationCondition(50))
 *         .modelSaver(new InMemoryModelSaver<>())
 *         .build();
 * EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(config, net, train).fit();
 * }</pre>
 *
 * <p>{@link #minimizeScore()} is true: every quantity is a distance from the rich regime, so DL4J's "best
 * model" is the richest one measured, {@code BestScoreEpochTerminationCondition(x)} stops at the first
 * evaluation below x (strictly), and {@code ScoreImprovementEpochTerminationCondition(n, m)} stops after n
 * evaluations in which the model did not get richer by more than m (tested against a reference run). Rich is
 * not the same as accurate (the paper's point): combine with DL4J's loss-based conditions where accuracy
 * matters. Read the best score as {@code result.getScoreVsEpoch().get(result.getBestModelEpoch())}: after an
 * epoch termination condition, DL4J 1.0.0-M2.1's {@code getBestModelScore()} is the saved model's own
 * {@code score()} (its last loss; 0.0 with {@code InMemoryModelSaver}), not the score calculator's.
 *
 * <p>Each score is one measurement: the listener records it (history, reporters) like any other. A failed
 * measurement scores NaN, which never counts as an improvement (DL4J compares with {@code <}); the record
 * says why. Give the calculator a listener of its own, or the one attached to the network (then S_init keeps
 * its reference to the initial model, and scheduled and scoring measurements share one history). Not
 * serialisable: it holds the measurement, and DL4J's trainers call it on the driver.
 *
 * @param <T> the model type of the early-stopping configuration
 */
public final class RichnessScoreCalculator<T extends Model> implements ScoreCalculator<T> {

    private static final long serialVersionUID = 1L;

    private final transient Function<Model, RichnessRecord> measurement;
    private final RichnessQuantity quantity;
    private transient RichnessRecord last;

    private RichnessScoreCalculator(Function<Model, RichnessRecord> measurement, RichnessQuantity quantity) {
        this.measurement = Objects.requireNonNull(measurement, "measurement");
        this.quantity = Objects.requireNonNull(quantity, "quantity");
    }

    /**
     * @param listener measures the model on its probe ({@link RichnessListener#measureNow})
     * @param <T> the model type
     * @return a calculator scoring by D_LR
     */
    public static <T extends Model> RichnessScoreCalculator<T> of(RichnessListener listener) {
        return of(listener, RichnessQuantity.LOW_RANK_DISTANCE);
    }

    /**
     * @param listener measures the model on its probe ({@link RichnessListener#measureNow})
     * @param quantity what to score
     * @param <T> the model type
     * @return the calculator
     */
    public static <T extends Model> RichnessScoreCalculator<T> of(RichnessListener listener,
                                                                   RichnessQuantity quantity) {
        Objects.requireNonNull(listener, "listener");
        return new RichnessScoreCalculator<>(listener::measureNow, quantity);
    }

    /**
     * @param measurement measures a model and returns its record (never throws: a failure is a failed record)
     * @param quantity what to score
     * @param <T> the model type
     * @return the calculator
     */
    public static <T extends Model> RichnessScoreCalculator<T> measuredBy(Function<Model, RichnessRecord> measurement,
                                                                           RichnessQuantity quantity) {
        return new RichnessScoreCalculator<>(measurement, quantity);
    }

    /**
     * @param model the model being trained
     * @return the quantity measured now; NaN if the measurement failed
     */
    @Override
    public double calculateScore(T model) {
        RichnessRecord record = measurement.apply(model);
        last = record;
        return quantity.of(record);
    }

    /** @return true: lower is richer, and the richest model is DL4J's best (see the class documentation) */
    @Override
    public boolean minimizeScore() {
        return quantity.lowerIsRicher();
    }

    /** @return the quantity scored */
    public RichnessQuantity quantity() {
        return quantity;
    }

    /** @return the record of the latest score, or null before the first */
    public RichnessRecord lastRecord() {
        return last;
    }

    @Override
    public String toString() {
        return "RichnessScoreCalculator(" + quantity.label() + ")";
    }
}
