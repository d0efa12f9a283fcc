/**
 * The boundary between the ND4J backend's memory and the JVM heap, and the backend-specific kernels that
 * work on that memory.
 *
 * <p>{@link io.github.richness.device.HostTransfer} is the single gate through which numbers leave the
 * backend. Every other package computes with ND4J operations only, so that on a GPU the activation
 * matrices and p × p moments stay on the device and only scalars and short vectors come back.
 * {@link io.github.richness.device.SymmetricKernels} runs the dense symmetric operations that dominate the cost
 * (the moments' rank-k update, the spectrum's eigendecomposition, the in-order Cholesky factorisation and the
 * triangular solves that orthonormalise the eigenfunctions for Π, the congruence for a separate spectrum probe):
 * with OpenBLAS and LAPACK directly on the arrays' native buffers on the CPU backend, and with ND4J's own
 * operations elsewhere (CUDA). {@link io.github.richness.device.KernelCheck} checks the OpenBLAS routines once
 * per JVM against residuals computed in plain Java; where its triangular level-3 routines are wrong (the OpenBLAS
 * bundled with nd4j-native on AVX-512 CPUs) the same work is done without them, with one warning.
 * {@link io.github.richness.device.Scratch} opens the library's workspaces and detached scopes.
 */
package io.github.richness.device;
