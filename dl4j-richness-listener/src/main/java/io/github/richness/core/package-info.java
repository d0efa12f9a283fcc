/**
 * Step three of the data flow (capture → moments → <b>maths</b> → record → reporters): the numbers of Nam et
 * al., "Decoupling Dynamical Richness from Representation Learning" (ICLR 2026), from probe moments.
 *
 * <p>{@link io.github.richness.core.Richness} is the facade for ready-made activation matrices;
 * {@link io.github.richness.core.RichnessAnalysis} works from {@link io.github.richness.moments.ProbeMoments}
 * (or {@link io.github.richness.moments.BlockedMoments}, for standard errors) and returns a
 * {@link io.github.richness.core.RichnessResult} of {@link io.github.richness.core.Distances} and a
 * {@link io.github.richness.core.SpectrumSummary}; {@link io.github.richness.core.Baselines} holds the measures
 * the paper compares with, {@link io.github.richness.core.ParameterNorm} the ‖θ‖² of a DL4J model without
 * batch-norm statistics, and {@link io.github.richness.core.LazyReference} the D_LR of a fully lazy readout.
 * The pieces, each named after what it computes: linear CKA (eq. 4, 7, 58) and its unbiased-HSIC form
 * (Song et al. 2012), the delete-one-block jackknife, the Nyström spectrum (Algorithm 1, eq. 60) and its trust
 * limit (appendix J), in-order orthonormalisation of eigenfunctions (appendix J.3.1) and the cumulative
 * projections Π*, Π̂ (eq. 5), the effective dimension (eq. 9), the neural-collapse baselines (appendices D and
 * H.2). The eigensolver and factorisation kernels are passed in explicitly (overloads default to
 * {@link io.github.richness.device.SymmetricKernels#forBackend()}). Everything runs as ND4J operations in
 * double precision; only scalars and vectors of length p or C pass through
 * {@link io.github.richness.device.HostTransfer}.
 *
 * <p>Absent values follow one convention: a number that was not measured or is undefined is NaN (the
 * result's warnings say why), an array that was not measured is empty, never null.
 */
package io.github.richness.core;
