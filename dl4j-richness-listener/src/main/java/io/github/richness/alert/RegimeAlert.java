package io.github.richness.alert;

import io.github.richness.record.RichnessQuantity;
import io.github.richness.record.RichnessRecord;

/**
 * One regime alert of {@link RegimeAlerts}.
 *
 * @param kind what happened
 * @param quantity the quantity watched (D_LR by default)
 * @param value its value in the record that raised the alert
 * @param level the threshold crossed, or for {@link Kind#LAZY_TO_RICH} the peak it fell from
 * @param sinceEpoch for {@link Kind#LAZY_TO_RICH}, the epoch of the first record of the sustained fall; else
 *        the record's epoch
 * @param record the record that raised the alert
 * @param message one line saying it, as logged
 */
public record RegimeAlert(Kind kind, RichnessQuantity quantity, double value, double level, int sinceEpoch,
                          RichnessRecord record, String message) {

    /** What an alert says. */
    public enum Kind {
        /** The quantity fell below a threshold (by more than the hysteresis band): richer than the level. */
        CROSSED_BELOW,
        /** The quantity rose above a threshold (by more than the hysteresis band): lazier than the level. */
        CROSSED_ABOVE,
        /** The quantity fell from its peak by the set share and stayed there: the lazy-to-rich transition. */
        LAZY_TO_RICH
    }

    /** @return the epoch of the record that raised the alert */
    public int epoch() {
        return record.epoch();
    }
}
