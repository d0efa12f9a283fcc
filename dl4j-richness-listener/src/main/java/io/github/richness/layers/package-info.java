/**
 * Layer-wise richness (appendix I, eq. 59): D_LR, its debiased value and standard errors, D_eff and S_init
 * of selected intermediate layers, from the same forward pass as the head's numbers. A step beside the
 * listener's own pipeline: it takes the captures' {@link io.github.richness.capture.LayerActivations},
 * keeps exact moments ({@code io.github.richness.moments}) for layers up to a width cap and sketches
 * ({@link io.github.richness.moments.SketchedMoments}) for wider ones, and hands
 * {@link io.github.richness.record.LayerRichness} values to the record.
 */
package io.github.richness.layers;
