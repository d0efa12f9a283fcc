package io.github.richness.layers;

import io.github.richness.capture.LayerActivations;
import io.github.richness.capture.SelectedLayer;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.SketchedMoments;
import io.github.richness.record.LayerRichness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The intermediate layers' moments of one measurement and their numbers (capture → <b>moments</b> → maths →
 * record, for layer-wise richness, appendix I): fed from the same forward pass as the head
 * ({@link LayerActivations}), minibatch by minibatch, and turned into {@link LayerRichness} values.
 *
 * <p>What each layer gets is decided at the first minibatch from its width p_l (flattened) and
 * {@link LayerOptions}: p_l ≤ the exact width cap: exact moments of the flattened features; wider: a sketch of
 * the flattened features within an equal share of the sketch budget ({@link SketchedLayerQuantity}) and, for a convolutional
 * activation whose channel count is within the cap, the exact moments of its channel-pooled features. The
 * jackknife blocks of the exact quantities share the error-bar budget equally. The accumulators are kept and
 * {@link #reset() reset} between measurements. Not thread-safe.
 */
public final class LayerAccumulation {

    private static final long SEED = 0x5EEDL;

    private final LayerOptions options;
    private final SymmetricKernels kernels;
    private final Map<String, List<LayerQuantity>> quantities = new LinkedHashMap<>();
    private final List<String> setupWarnings = new ArrayList<>();

    /**
     * @param options how the layers are measured
     * @param kernels the eigensolver
     */
    public LayerAccumulation(LayerOptions options, SymmetricKernels kernels) {
        this.options = options;
        this.kernels = kernels;
    }

    /**
     * Adds one minibatch.
     *
     * @param layers the selected layers
     * @param current the measured model's activations
     * @param reference the initial model's activations (for S_init), or null
     */
    public void accumulate(List<SelectedLayer> layers, LayerActivations current, LayerActivations reference) {
        if (quantities.isEmpty()) {
            create(layers, current, reference != null);
        }
        INDArray outputs = current.head().outputs();
        for (SelectedLayer layer : layers) {
            INDArray activation = current.layers().get(layer.name());
            INDArray initial = reference == null ? null : reference.layers().get(layer.name());
            for (LayerQuantity quantity : quantities.get(layer.name())) {
                boolean pooled = quantity instanceof ExactLayerQuantity exact && exact.pooled();
                quantity.accumulate(view(activation, layer, pooled), outputs,
                        initial == null ? null : view(initial, layer, pooled));
            }
        }
    }

    /** Forgets the samples, keeping the accumulators. */
    public void reset() {
        quantities.values().forEach(list -> list.forEach(LayerQuantity::reset));
    }

    /**
     * @param spectra whether to compute each exact layer's D_eff
     * @param warnings receives what to know about the numbers
     * @return the layers' numbers, in the selection's order (a wide convolutional layer gives two: pooled
     *         and sketched)
     */
    public List<LayerRichness> results(boolean spectra, List<String> warnings) {
        warnings.addAll(setupWarnings);
        List<LayerRichness> results = new ArrayList<>();
        quantities.values().forEach(list -> list.forEach(q -> results.add(q.result(spectra, warnings))));
        return results;
    }

    private static INDArray view(INDArray activation, SelectedLayer layer, boolean pooled) {
        return pooled ? FeatureView.channelPooled(activation) : FeatureView.flattened(activation, layer.name());
    }

    private void create(List<SelectedLayer> layers, LayerActivations current, boolean reference) {
        int outputs = (int) current.head().outputs().columns();
        Map<String, Integer> exactWidths = new LinkedHashMap<>();
        for (SelectedLayer layer : layers) {
            INDArray activation = current.layers().get(layer.name());
            int width = (int) FeatureView.flattened(activation, layer.name()).columns();
            INDArray pooled = FeatureView.channelPooled(activation);
            if (width <= options.exactWidthCap()) {
                exactWidths.put(layer.name(), width);
            } else if (pooled != null && pooled.columns() <= options.exactWidthCap()) {
                exactWidths.put(layer.name(), (int) pooled.columns());
            }
        }
        long share = exactWidths.isEmpty() ? 0 : options.errorBarBudgetBytes() / exactWidths.size();
        long wide = layers.stream().filter(layer -> FeatureView.flattened(current.layers().get(layer.name()),
                layer.name()).columns() > options.exactWidthCap()).count();
        long sketchShare = wide == 0 ? 0 : options.sketchBudgetBytes() / wide;
        for (SelectedLayer layer : layers) {
            INDArray activation = current.layers().get(layer.name());
            int width = (int) FeatureView.flattened(activation, layer.name()).columns();
            List<LayerQuantity> list = new ArrayList<>();
            if (width > options.exactWidthCap()) {
                addSketch(list, layer, width, outputs, reference, sketchShare);
            }
            Integer exact = exactWidths.get(layer.name());
            if (exact != null) {
                String kind = width <= options.exactWidthCap() ? LayerRichness.FLATTENED : LayerRichness.CHANNEL_POOLED;
                list.add(0, new ExactLayerQuantity(layer, kind, new MomentLayout(exact, outputs, 0, reference, false),
                        share, kernels));
            } else if (width > options.exactWidthCap() && FeatureView.channelPooled(activation) != null) {
                setupWarnings.add(layer.name() + ": its channels exceed the exact width cap "
                        + options.exactWidthCap() + ": no channel-pooled values");
            }
            quantities.put(layer.name(), list);
        }
    }

    private void addSketch(List<LayerQuantity> list, SelectedLayer layer, int width, int outputs, boolean reference,
                           long budget) {
        int probes = SketchedMoments.probesWithin(width, outputs, reference, budget);
        if (probes < SketchedMoments.MIN_PROBES) {
            setupWarnings.add(layer.name() + ": " + width + " features exceed the exact width cap "
                    + options.exactWidthCap() + " and a sketch of " + SketchedMoments.MIN_PROBES + " probes needs "
                    + SketchedMoments.bytes(width, outputs, SketchedMoments.MIN_PROBES, reference)
                    + " bytes, over its share " + budget + " of the sketch budget: no flattened values");
            return;
        }
        list.add(new SketchedLayerQuantity(layer, new SketchedMoments(width, outputs, reference, probes,
                SEED + layer.name().hashCode())));
    }
}
