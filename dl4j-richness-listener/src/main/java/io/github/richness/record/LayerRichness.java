package io.github.richness.record;

import java.util.List;
import java.util.Objects;

/**
 * The richness numbers of one intermediate layer l at one measurement (appendix I, eq. 59): the layer's
 * activations Φ_l take the place of the last layer's features, the outputs f̂ stay the network's.
 * D_LR_l = 1 − CKA(Φ_l, f̂) (eq. 4 with Φ_l), its debiased value (unbiased HSIC) with the jackknife standard
 * errors, D_eff of Φ_l's spectrum (eq. 9) and S_init_l = CKA(Φ_l, Φ_l⁰), Φ_l⁰ the same layer of the initial
 * model. NaN: not measured or undefined (the record's warnings say why).
 *
 * <p>{@link #features()} says which quantity it is, for they differ:
 * <ul>
 *   <li>{@value #FLATTENED}: the activation flattened to one row per sample (c·h·w for a convolutional layer,
 *       as the paper does), exact moments;</li>
 *   <li>{@value #CHANNEL_POOLED}: a convolutional activation averaged over its positions (global average
 *       pooling, c features), exact moments; not the flattened layer's value;</li>
 *   <li>{@value #FLATTENED_SKETCH}: the flattened activation of a layer wider than the exact width cap, D_LR
 *       and S_init from randomized (Hutchinson) estimates of the p × p Frobenius norms; {@link #lowRankDistanceBound()}
 *       and {@link #kernelSimilarityToInitBound()} bound their error (three jackknife standard errors over
 *       the random probes); no debiased value, no D_eff.</li>
 * </ul>
 *
 * @param layer the layer's name: {@code layer i} in a MultiLayerNetwork, the vertex name in a ComputationGraph
 * @param type the layer's DL4J class, e.g. {@code ConvolutionLayer}
 * @param features {@value #FLATTENED}, {@value #CHANNEL_POOLED} or {@value #FLATTENED_SKETCH}
 * @param width p_l, the number of features measured
 * @param lowRankDistance D_LR_l
 * @param debiasedLowRankDistance the debiased D_LR_l (not clamped); NaN for a sketch
 * @param lowRankDistanceStandardError the jackknife standard error of D_LR_l over the probe's samples
 * @param debiasedStandardError the jackknife standard error of the debiased D_LR_l
 * @param lowRankDistanceBound for a sketch, the bound on |estimate − exact D_LR_l|; NaN for exact values
 * @param effectiveDimension D_eff of Φ_l's spectrum (eq. 9); NaN without spectra or for a sketch
 * @param kernelSimilarityToInit S_init_l
 * @param kernelSimilarityToInitBound for a sketch, the bound on the error of S_init_l; NaN for exact values
 */
public record LayerRichness(String layer, String type, String features, int width, double lowRankDistance,
                            double debiasedLowRankDistance, double lowRankDistanceStandardError,
                            double debiasedStandardError, double lowRankDistanceBound, double effectiveDimension,
                            double kernelSimilarityToInit, double kernelSimilarityToInitBound) {

    /** The activation flattened per sample, exact. */
    public static final String FLATTENED = "flattened";
    /** Channels averaged over positions (global average pooling), exact. */
    public static final String CHANNEL_POOLED = "channel_pooled";
    /** The flattened activation, estimated by a randomized sketch with a reported bound. */
    public static final String FLATTENED_SKETCH = "flattened_sketch";

    private static final List<String> KINDS = List.of(FLATTENED, CHANNEL_POOLED, FLATTENED_SKETCH);

    /** Checks the name and the kind of features. */
    public LayerRichness {
        Objects.requireNonNull(layer, "layer");
        if (!KINDS.contains(features)) {
            throw new IllegalArgumentException("features must be one of " + KINDS + ", got " + features);
        }
    }

    /** @return the label of this quantity in tables and charts: the layer, with the kind unless flattened */
    public String label() {
        return labelOf(layer, features);
    }

    /**
     * @param layer a layer's name
     * @param features the kind of its features
     * @return the label {@link #label()} gives them
     */
    public static String labelOf(String layer, String features) {
        return FLATTENED.equals(features) ? layer : layer + " [" + features + "]";
    }
}
