package io.github.richness.record;

/**
 * When a measurement was taken, in the model's own counters and in wall-clock time.
 *
 * @param epoch the model's epoch count when measured (0-based; DL4J increments it after {@code onEpochEnd})
 * @param iteration the model's iteration count when measured
 * @param timestampMillis wall-clock time of the measurement, milliseconds since 1970-01-01 UTC
 * @param durationMillis how long the measurement took (forward passes and maths)
 */
public record When(int epoch, int iteration, long timestampMillis, long durationMillis) {
}
