/**
 * The boundary between the ND4J backend's memory and the JVM heap, and the backend-specific kernels that
 * work on that memory.
 *
 * <p>{@link io.github.richness.device.HostTransfer} is the single gate through which numbers leave the
 * backend. Every other package computes with ND4J operations only, so that on a GPU the activation
 * matrices and p × p moments stay on the device and only scalars and short vectors come back.
 * {@link io.github.richness.device.SymmetricKernels} runs the two dominant symmetric operations (the
 * moments' rank-k update, the spectrum's eigendecomposition) with OpenBLAS directly on the arrays' native
 * buffers on the CPU backend, and with ND4J's own operations elsewhere.
 */
package io.github.richness.device;
