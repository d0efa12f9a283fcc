package io.github.richness.listener;

/**
 * A measurement that cannot give D_LR for a reason of the model or the probe, not of this library: diverged
 * training, a probe with NaN inputs, dead features or outputs. Its message names the cause in the user's terms
 * ({@link Diagnosis}) and becomes the failed record's text as it is. It carries no stack trace: where it was
 * thrown says nothing the message does not.
 */
final class MeasurementProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the cause and, where there is one, what to do */
    MeasurementProblem(String message) {
        super(message, null, false, false);
    }
}
