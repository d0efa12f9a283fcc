package io.github.richness.examples.paper;

import java.util.Locale;

/**
 * The two ways the paper trains the same network to contrast rich and lazy dynamics (figure 1, table 3,
 * figure 16): full backpropagation, or the last layer only on the frozen features of the initial network (a
 * random-features model, lazy by construction; run to convergence by {@link LazyReadout}).
 */
public enum TrainingRegime {

    /** Every layer is trained. */
    FULL_BACKPROP("full backprop"),
    /** Every layer but the output layer stays at its initial parameters. */
    LAST_LAYER_ONLY("last layer only");

    private final String label;

    TrainingRegime(String label) {
        this.label = label;
    }

    /** @return the name of the regime in tables and progress lines */
    public String label() {
        return label;
    }

    /** @return the regime's folder name in an example's output folder */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
