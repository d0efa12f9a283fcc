/**
 * Step three of the data flow (capture → moments → <b>maths</b> → record → reporters): the numbers of Nam et
 * al., "Decoupling Dynamical Richness from Representation Learning" (ICLR 2026), from probe moments.
 *
 * <p>{@link io.github.richness.core.Richness} is the facade for ready-made activation matrices;
 * {@link io.github.richness.core.RichnessAnalysis} works from {@link io.github.richness.moments.ProbeMoments}
 * and returns a {@link io.github.richness.core.RichnessResult}; {@link io.github.richness.core.Baselines}
 * holds the measures the paper compares with. The pieces, each named after what it computes: linear CKA
 * (eq. 4, 7, 58), the Nyström spectrum (Algorithm 1, eq. 60), in-order orthonormalisation of eigenfunctions
 * (appendix J.3.1) and the cumulative projections Π*, Π̂ (eq. 5), the effective dimension (eq. 9), the
 * neural-collapse baselines (appendices D and H.2). Everything runs as ND4J operations in double precision;
 * only scalars and vectors of length p or C pass through {@link io.github.richness.device.HostTransfer}.
 */
package io.github.richness.core;
