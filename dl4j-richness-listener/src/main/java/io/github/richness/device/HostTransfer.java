package io.github.richness.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The only place where this library copies numbers from the ND4J backend's memory to the JVM heap.
 *
 * <p>All the maths runs as ND4J operations in the backend's own memory (device memory on CUDA). What comes
 * back to the host is scalars and vectors whose length is the feature width p or the output width C, never
 * an activation matrix. Every transfer goes through this class, which counts the elements it moved, so that
 * a test can assert that one analysis moves O(p + C) elements, not O(n·p).
 *
 * <p>Thread-safe: the counter is atomic.
 */
public final class HostTransfer {

    private static final AtomicLong ELEMENTS = new AtomicLong();
    private static final AtomicLong CALLS = new AtomicLong();

    private HostTransfer() {
    }

    /**
     * Copies a single-element array to the host.
     *
     * @param scalar an array with exactly one element, of any numeric type
     * @return its value as a double
     * @throws IllegalArgumentException if the array has more than one element
     */
    public static double scalar(INDArray scalar) {
        if (scalar.length() != 1) {
            throw new IllegalArgumentException("expected a single element, got shape "
                    + java.util.Arrays.toString(scalar.shape()));
        }
        count(1);
        return scalar.getDouble(0);
    }

    /**
     * Counts a scalar that a host routine computed from the backend's memory and returned directly (a BLAS dot
     * product on the CPU backend, whose memory is the host's) as the one-element transfer it stands for.
     *
     * @param value the routine's result
     * @return the value
     */
    static double computed(double value) {
        count(1);
        return value;
    }

    /**
     * Copies a vector (any array whose length is at most {@code maxLength}) to the host, in row-major order.
     *
     * @param vector the array to copy
     * @param maxLength the largest length the caller expects; guards against copying a matrix by mistake
     * @return the elements as doubles
     * @throws IllegalArgumentException if the array holds more than {@code maxLength} elements
     */
    public static double[] vector(INDArray vector, long maxLength) {
        long length = vector.length();
        if (length > maxLength) {
            throw new IllegalArgumentException("refusing to copy " + length + " elements (shape "
                    + java.util.Arrays.toString(vector.shape()) + ") to the host; at most " + maxLength
                    + " expected");
        }
        count(length);
        return (vector.isVectorOrScalar() ? vector : vector.reshape(length)).toDoubleVector();
    }

    /**
     * Copies an array to the host in ND4J's own binary form (shape, type and data), for shipping it to another
     * JVM: the distributed measurement broadcasts the model's parameters this way, as DL4J's Spark evaluation
     * does. Counted like any other transfer.
     *
     * @param array the array, of any shape and type
     * @return its bytes; {@code Nd4j.fromByteArray} reads them back
     */
    public static byte[] serialized(INDArray array) {
        count(array.length());
        try {
            return Nd4j.toByteArray(array);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise an array of shape "
                    + java.util.Arrays.toString(array.shape()), e);
        }
    }

    /** @return the number of elements copied to the host since the JVM started (or since {@link #reset()}) */
    public static long elementsTransferred() {
        return ELEMENTS.get();
    }

    /** @return the number of copies made since the JVM started (or since {@link #reset()}) */
    public static long transfers() {
        return CALLS.get();
    }

    /** Resets both counters to zero; meant for tests and benchmarks. */
    public static void reset() {
        ELEMENTS.set(0);
        CALLS.set(0);
    }

    private static void count(long elements) {
        ELEMENTS.addAndGet(elements);
        CALLS.incrementAndGet();
    }
}
