/**
 * The boundary between the ND4J backend's memory and the JVM heap.
 *
 * <p>{@link io.github.richness.device.HostTransfer} is the single gate through which numbers leave the
 * backend. Every other package computes with ND4J operations only, so that on a GPU the activation
 * matrices and p × p moments stay on the device and only scalars and short vectors come back.
 */
package io.github.richness.device;
