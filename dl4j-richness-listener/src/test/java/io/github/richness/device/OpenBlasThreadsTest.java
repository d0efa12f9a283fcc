package io.github.richness.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OpenBlasThreadsTest {

    /** (OpenBLAS's own thread count cannot be read through the JavaCPP bindings; ND4J's record of it can.) */
    @Test
    void passesTheResultAndTheFailureThroughAndLeavesNd4jsThreadCountAsItWas() {
        TestKernels.assumeOpenBlas();
        int threads = Nd4j.factory().blas().getMaxThreads();
        Object result = new Object();
        assertSame(result, OpenBlasThreads.singleIf(true, () -> result));
        assertSame(result, OpenBlasThreads.singleIf(false, () -> result));
        assertThrows(IllegalStateException.class, () -> OpenBlasThreads.singleIf(true, () -> {
            throw new IllegalStateException("the call failed");
        }));
        assertEquals(threads, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void aSmallEigendecompositionOnOneThreadReconstructsItsMatrix() {
        TestKernels.assumeOpenBlas();
        SymmetricKernels kernels = SymmetricKernels.forBackend();
        INDArray factor = TestArrays.matrix(DenseReference.randomGaussian(7, 300, 200));
        INDArray symmetric = factor.transpose().mmul(factor);
        INDArray small = symmetric.dup('f');
        INDArray values = Nd4j.create(DataType.DOUBLE, 200);
        assertEquals(0, kernels.eigen(small, values));
        INDArray reconstructed = small.mulRowVector(values).mmul(small.transpose());
        assertEquals(0.0, reconstructed.sub(symmetric).norm2Number().doubleValue() / symmetric.norm2Number().doubleValue(),
                1e-12, "V Λ Vᵀ = A after the single-threaded call");
    }
}
