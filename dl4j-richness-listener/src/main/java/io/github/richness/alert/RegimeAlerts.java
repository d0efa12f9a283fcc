package io.github.richness.alert;

import io.github.richness.record.RichnessQuantity;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.RichnessReporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regime alerts: a {@link RichnessReporter} that watches D_LR (or another {@link RichnessQuantity}) record by
 * record and calls back, with one log line, when
 * <ul>
 *   <li>it crosses a threshold the user set ({@link RegimeAlert.Kind#CROSSED_BELOW} richer,
 *       {@link RegimeAlert.Kind#CROSSED_ABOVE} lazier). Hysteresis: from above, the value must fall below
 *       level × (1 − h) to cross, and from below rise above level × (1 + h), so a value that wanders around
 *       the level alerts once, not at every record;</li>
 *   <li>a lazy-to-rich transition happens ({@link RegimeAlert.Kind#LAZY_TO_RICH}), the signature of grokking
 *       (the paper's figure 12: D_LR falls from near the lazy value across the jump in test accuracy): the
 *       value has stayed at or below peak × (1 − fall) for {@code sustain} consecutive records, where the peak
 *       is the highest value since the detector was armed and must be at least the lazy level. A dip shorter
 *       than {@code sustain} records is noise and does not alert. After an alert the detector re-arms only
 *       once the value has climbed back to peak × (1 − fall / 2), the hysteresis of the transition, and then
 *       tracks a new peak.</li>
 * </ul>
 *
 * <pre>{@code
 * RegimeAlerts alerts = RegimeAlerts.builder()
 *         .threshold(0.1)                                     // alert when D_LR crosses 0.1 either way
 *         .lazyToRich(0.5, 3)                                 // halved from its peak for 3 records: grokking
 *         .onAlert(alert -> checkpoint(net, alert))
 *         .build();
 * RichnessListener richness = RichnessListener.builder(probe).reportTo(alerts).build();
 * }</pre>
 *
 * <p>Failed records and NaN values are skipped: they neither alert nor change the state. A callback that
 * throws is the listener's reporter failure (logged; training goes on). Defaults: D_LR, no threshold,
 * hysteresis 5 %, lazy-to-rich with fall 0.5 and sustain 3 from any peak, alerts logged at INFO.
 * Thread-safe: {@link #report} and {@link #alerts()} are synchronised. One instance watches one run.
 */
public final class RegimeAlerts implements RichnessReporter {

    private static final Logger LOG = LoggerFactory.getLogger(RegimeAlerts.class);

    private final RichnessQuantity quantity;
    private final double[] thresholds;
    private final Boolean[] below;
    private final double hysteresis;
    private final boolean lazyToRich;
    private final double fall;
    private final int sustain;
    private final double lazyLevel;
    private final List<Consumer<RegimeAlert>> callbacks;
    private final boolean log;
    private final List<RegimeAlert> alerts = new ArrayList<>();
    private double peak = Double.NaN;
    private int peakEpoch;
    private int fallen;
    private int fallStartEpoch;
    private boolean armed = true;

    private RegimeAlerts(Builder builder) {
        this.quantity = builder.quantity;
        this.thresholds = builder.thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        this.below = new Boolean[thresholds.length];
        this.hysteresis = builder.hysteresis;
        this.lazyToRich = builder.lazyToRich;
        this.fall = builder.fall;
        this.sustain = builder.sustain;
        this.lazyLevel = builder.lazyLevel;
        this.callbacks = List.copyOf(builder.callbacks);
        this.log = builder.log;
    }

    /** @return a builder with the defaults of the class documentation */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void report(RichnessRecord record) {
        double value = quantity.of(record);
        if (Double.isNaN(value)) {
            return;
        }
        List<RegimeAlert> raised = new ArrayList<>();
        for (int i = 0; i < thresholds.length; i++) {
            crossing(i, value, record, raised);
        }
        if (lazyToRich) {
            transition(value, record, raised);
        }
        for (RegimeAlert alert : raised) {
            alerts.add(alert);
            if (log) {
                LOG.info(alert.message());
            }
            callbacks.forEach(callback -> callback.accept(alert));
        }
    }

    /** @return the alerts raised so far, oldest first */
    public synchronized List<RegimeAlert> alerts() {
        return List.copyOf(alerts);
    }

    private void crossing(int i, double value, RichnessRecord record, List<RegimeAlert> raised) {
        double level = thresholds[i];
        if (below[i] == null) {
            below[i] = value < level;
        } else if (!below[i] && value < level * (1 - hysteresis)) {
            below[i] = true;
            raised.add(alert(RegimeAlert.Kind.CROSSED_BELOW, value, level, record.epoch(), record,
                    String.format(Locale.ROOT, "%s fell below %.4g to %.4g: richer", quantity.label(), level, value)));
        } else if (below[i] && value > level * (1 + hysteresis)) {
            below[i] = false;
            raised.add(alert(RegimeAlert.Kind.CROSSED_ABOVE, value, level, record.epoch(), record,
                    String.format(Locale.ROOT, "%s rose above %.4g to %.4g: lazier", quantity.label(), level, value)));
        }
    }

    private void transition(double value, RichnessRecord record, List<RegimeAlert> raised) {
        if (!armed) {
            if (value >= peak * (1 - fall / 2)) {
                armed = true;
                peak = value;
                peakEpoch = record.epoch();
                fallen = 0;
            }
            return;
        }
        if (Double.isNaN(peak) || value > peak) {
            peak = value;
            peakEpoch = record.epoch();
        }
        if (peak < lazyLevel || value > peak * (1 - fall)) {
            fallen = 0;
            return;
        }
        if (fallen++ == 0) {
            fallStartEpoch = record.epoch();
        }
        if (fallen >= sustain) {
            armed = false;
            raised.add(alert(RegimeAlert.Kind.LAZY_TO_RICH, value, peak, fallStartEpoch, record,
                    String.format(Locale.ROOT, "lazy-to-rich transition: %s fell from %.4g (epoch %d) to %.4g "
                            + "(epoch %d), at or below %.0f %% of its peak since epoch %d", quantity.label(), peak,
                            peakEpoch, value, record.epoch(), 100 * (1 - fall), fallStartEpoch)));
        }
    }

    private RegimeAlert alert(RegimeAlert.Kind kind, double value, double level, int since, RichnessRecord record,
                              String text) {
        String message = String.format(Locale.ROOT, "Richness alert at epoch %d, iteration %d: %s", record.epoch(),
                record.iteration(), text);
        return new RegimeAlert(kind, quantity, value, level, since, record, message);
    }

    /** Configures {@link RegimeAlerts}; {@link #build()} checks the values. */
    public static final class Builder {

        /** Default hysteresis: 5 % of a threshold on either side. */
        public static final double DEFAULT_HYSTERESIS = 0.05;
        /** Default share of the peak the quantity must lose for a lazy-to-rich transition. */
        public static final double DEFAULT_FALL = 0.5;
        /** Default number of consecutive fallen records for a lazy-to-rich transition. */
        public static final int DEFAULT_SUSTAIN = 3;

        private RichnessQuantity quantity = RichnessQuantity.LOW_RANK_DISTANCE;
        private final List<Double> thresholds = new ArrayList<>();
        private double hysteresis = DEFAULT_HYSTERESIS;
        private boolean lazyToRich = true;
        private double fall = DEFAULT_FALL;
        private int sustain = DEFAULT_SUSTAIN;
        private double lazyLevel;
        private final List<Consumer<RegimeAlert>> callbacks = new ArrayList<>();
        private boolean log = true;

        private Builder() {
        }

        /**
         * @param watched the quantity to watch (default D_LR)
         * @return this builder
         */
        public Builder quantity(RichnessQuantity watched) {
            this.quantity = watched;
            return this;
        }

        /**
         * @param level a level (positive) whose crossings, either way, alert; may be called for several levels
         * @return this builder
         */
        public Builder threshold(double level) {
            thresholds.add(level);
            return this;
        }

        /**
         * @param fraction the band around each threshold, as a share of the level, inside which a value does
         *        not cross (0 to below 1; default 0.05)
         * @return this builder
         */
        public Builder hysteresis(double fraction) {
            this.hysteresis = fraction;
            return this;
        }

        /**
         * @param share how much of its peak the quantity must lose (above 0, below 1; default 0.5: halved)
         * @param records for how many consecutive records (at least 1; default 3)
         * @return this builder, with the lazy-to-rich detector on
         */
        public Builder lazyToRich(double share, int records) {
            this.lazyToRich = true;
            this.fall = share;
            this.sustain = records;
            return this;
        }

        /**
         * @param level the least peak that counts as lazy (default 0: any peak); a run that never reaches it
         *        raises no lazy-to-rich alert
         * @return this builder
         */
        public Builder lazyLevel(double level) {
            this.lazyLevel = level;
            return this;
        }

        /** @return this builder, without the lazy-to-rich detector (thresholds only) */
        public Builder withoutLazyToRich() {
            this.lazyToRich = false;
            return this;
        }

        /**
         * @param callback called on the reporting thread with each alert; may be called for several callbacks
         * @return this builder
         */
        public Builder onAlert(Consumer<RegimeAlert> callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * @param enabled whether to log each alert at INFO (default true)
         * @return this builder
         */
        public Builder log(boolean enabled) {
            this.log = enabled;
            return this;
        }

        /**
         * @return the alerts reporter
         * @throws IllegalArgumentException naming the value that is wrong: a null quantity, a threshold that is
         *         not positive and finite, a hysteresis outside [0, 1), a fall outside (0, 1), a sustain below 1,
         *         a negative or NaN lazy level
         */
        public RegimeAlerts build() {
            if (quantity == null) {
                throw new IllegalArgumentException("quantity must not be null");
            }
            for (double level : thresholds) {
                if (!(level > 0) || Double.isInfinite(level)) {
                    throw new IllegalArgumentException("thresholds must be positive and finite, got " + level);
                }
            }
            if (!(hysteresis >= 0 && hysteresis < 1)) {
                throw new IllegalArgumentException("hysteresis must be in [0, 1), got " + hysteresis);
            }
            if (!(fall > 0 && fall < 1)) {
                throw new IllegalArgumentException("the lazy-to-rich fall must be in (0, 1), got " + fall);
            }
            if (sustain < 1) {
                throw new IllegalArgumentException("the lazy-to-rich sustain must be at least 1 record, got " + sustain);
            }
            if (!(lazyLevel >= 0)) {
                throw new IllegalArgumentException("the lazy level must not be negative, got " + lazyLevel);
            }
            return new RegimeAlerts(this);
        }
    }
}
