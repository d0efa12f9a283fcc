package io.github.richness.layers;

import io.github.richness.capture.SelectedLayer;
import io.github.richness.core.Baselines;
import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.BlockedMoments;
import io.github.richness.moments.ErrorBarPlan;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.record.LayerRichness;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer quantity with exact moments: the head's own maths on the layer's features Φ_l in place of Φ.
 * D_LR_l, the debiased D_LR_l and, with jackknife blocks, their standard errors come from
 * {@link RichnessAnalysis} (eq. 4, 58; unbiased HSIC; delete-one-block jackknife), D_eff_l from the
 * Nyström spectrum of the same probe (eq. 9), S_init_l from {@link Baselines} (eq. 7).
 */
final class ExactLayerQuantity implements LayerQuantity {

    private final SelectedLayer layer;
    private final String features;
    private final ProbeMoments moments;
    private final BlockedMoments blocked;
    private final SymmetricKernels kernels;

    /**
     * @param layer the layer
     * @param features {@link LayerRichness#FLATTENED} or {@link LayerRichness#CHANNEL_POOLED}
     * @param layout the widths (p_l, C, no targets, the reference for S_init)
     * @param errorBarBudget the memory its jackknife blocks may take (none fit: no standard errors)
     * @param kernels the eigensolver
     */
    ExactLayerQuantity(SelectedLayer layer, String features, MomentLayout layout, long errorBarBudget,
                       SymmetricKernels kernels) {
        this.layer = layer;
        this.features = features;
        this.kernels = kernels;
        ErrorBarPlan plan = ErrorBarPlan.of(layout, ErrorBarPlan.DEFAULT_BLOCKS, errorBarBudget);
        this.blocked = plan.measurable() ? new BlockedMoments(layout, plan, kernels) : null;
        this.moments = blocked != null ? blocked.total() : new ProbeMoments(layout, kernels);
    }

    /** @return whether its features are the channel-pooled ones */
    boolean pooled() {
        return LayerRichness.CHANNEL_POOLED.equals(features);
    }

    @Override
    public void accumulate(INDArray layerFeatures, INDArray outputs, INDArray reference) {
        if (blocked != null) {
            blocked.accumulate(layerFeatures, outputs, null, reference);
        } else {
            moments.accumulate(layerFeatures, outputs, null, reference);
        }
    }

    @Override
    public void reset() {
        if (blocked != null) {
            blocked.reset();
        } else {
            moments.reset();
        }
    }

    @Override
    public LayerRichness result(boolean spectra, List<String> warnings) {
        RichnessResult result = analysis(spectra);
        Baselines baselines = Baselines.measure(moments, Double.NaN, kernels);
        String label = LayerRichness.labelOf(layer.name(), features);
        result.warnings().forEach(w -> warnings.add(label + ": " + w));
        baselines.warnings().forEach(w -> warnings.add(label + ": " + w));
        return new LayerRichness(layer.name(), layer.type(), features, moments.layout().features(),
                result.lowRankDistance(), result.debiasedLowRankDistance(), result.lowRankDistanceStandardError(),
                result.debiasedLowRankDistanceStandardError(), Double.NaN,
                spectra ? result.effectiveDimension() : Double.NaN, baselines.kernelSimilarityToInit(), Double.NaN);
    }

    private RichnessResult analysis(boolean spectra) {
        if (blocked != null) {
            return spectra ? RichnessAnalysis.analyze(moments, blocked, kernels)
                    : RichnessAnalysis.distancesOnly(blocked, kernels);
        }
        return spectra ? RichnessAnalysis.analyze(moments, moments, kernels)
                : RichnessAnalysis.distancesOnly(moments, kernels);
    }
}
