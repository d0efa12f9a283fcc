package io.github.richness.listener;

import org.deeplearning4j.optimize.api.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the listener measures: DL4J's {@code EvaluativeListener} semantics (the invocations of the chosen
 * {@link InvocationType} are counted, and the first and then every {@code frequency}-th is measured), plus the
 * one case in which a schedule silently never fires.
 *
 * <p>DL4J sends {@code onEpochStart}/{@code onEpochEnd} only from {@code fit(DataSetIterator)} (and from its
 * early-stopping trainers); a user's own loop of {@code fit(DataSet)}, {@code fit(INDArray, INDArray)} or
 * {@code fit(MultiDataSet)} calls sends iteration events only. With an epoch schedule (the default
 * {@code EPOCH_END}, or {@code EPOCH_START}) such a loop would measure nothing. The schedule notices it at the
 * first iteration that arrives before any epoch event (in {@code fit(DataSetIterator)} {@code onEpochStart}
 * always comes first) and says once, as a warning, what to do: measure every n iterations, or call
 * {@code measureNow} after each epoch of the loop. A {@code measureNow} before that first iteration (the
 * initial model's record, as the README's loop takes it) shows that the user measures by hand: then there is
 * no warning. The schedule is not changed behind the user's back: they chose epochs, and an iteration schedule
 * could cost far more than they planned.
 */
final class Schedule {

    private static final Logger LOG = LoggerFactory.getLogger(RichnessListener.class);

    private final int frequency;
    private final InvocationType type;
    private long invocations;
    private boolean epochEventSeen;
    private boolean measuredOnRequest;
    private boolean loopWarned;

    /**
     * @param frequency measure every {@code frequency}-th invocation, at least 1
     * @param type the invocation that counts
     */
    Schedule(int frequency, InvocationType type) {
        this.frequency = frequency;
        this.type = type;
    }

    /** @return whether to measure at this epoch start */
    boolean epochStarted() {
        epochEventSeen = true;
        return due(InvocationType.EPOCH_START);
    }

    /** @return whether to measure at this epoch end */
    boolean epochEnded() {
        epochEventSeen = true;
        return due(InvocationType.EPOCH_END);
    }

    /** Notes a measurement the user asked for ({@code measureNow}), outside the schedule. */
    void measuredOnRequest() {
        measuredOnRequest = true;
    }

    /** @return whether to measure at this iteration end; warns once if epochs are scheduled but never come */
    boolean iterationDone() {
        if (!epochEventSeen && !measuredOnRequest && type != InvocationType.ITERATION_END && !loopWarned) {
            loopWarned = true;
            LOG.warn("Richness: the model trains without epoch events (a loop of fit(DataSet) or fit(INDArray, "
                    + "INDArray) calls: DL4J signals epochs only in fit(DataSetIterator)), so this listener's {} "
                    + "schedule will measure nothing. Measure every n iterations with .frequency(n, "
                    + "InvocationType.ITERATION_END), or call measureNow(model) after each epoch of your loop "
                    + "(and once before it, which also silences this warning).", type);
        }
        return due(InvocationType.ITERATION_END);
    }

    private boolean due(InvocationType invocation) {
        return type == invocation && invocations++ % frequency == 0;
    }
}
