package io.github.richness.examples.common;

import java.util.Arrays;

/**
 * The mean and the sample standard deviation (n − 1 in the denominator) of one number over seeds, as the
 * paper's appendix H.1 reports its tables. With one value the deviation is NaN: it is not known.
 *
 * @param mean the arithmetic mean
 * @param standardDeviation the sample standard deviation, NaN for a single value
 * @param count how many values
 */
public record MeanAndSpread(double mean, double standardDeviation, int count) {

    /**
     * @param values at least one value
     * @return their mean and sample standard deviation
     */
    public static MeanAndSpread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a mean needs at least one value");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        if (values.length == 1) {
            return new MeanAndSpread(mean, Double.NaN, 1);
        }
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return new MeanAndSpread(mean, Math.sqrt(squares / (values.length - 1)), values.length);
    }
}
