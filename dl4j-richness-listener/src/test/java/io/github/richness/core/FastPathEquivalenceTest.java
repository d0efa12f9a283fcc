package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static io.github.richness.testing.TestArrays.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.device.TestKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CPU fast paths (OpenBLAS {@code dsyrk} moments, {@code dsyevd} spectra, in both variants of
 * {@link TestKernels#openBlasVariants()}) give the numbers of ND4J's plain operations, to 1e-10 relative:
 * accumulated moments, and every number of a full analysis. At p = {@value #P} ND4J's {@code syev} is right
 * on every CPU tried (its blocked back-transformation, wrong where OpenBLAS's {@code dtrmm} is, starts at 128).
 */
class FastPathEquivalenceTest {

    /** Two orderings of the same double-precision sums: agreement to this, relative to the largest entry. */
    private static final double SAME_NUMBERS = 1e-10;
    private static final int N = 400;
    private static final int P = 100;
    private static final int C = 6;
    private static final int BATCH = 64;
    private static final MomentLayout LAYOUT = new MomentLayout(P, C, C, true, true);

    private final double[][] phi = shifted(DenseReference.randomGaussian(1, N, P));
    private final double[][] f = TestArrays.linearMap(phi, C, 2);
    private final double[][] y = oneHot(TestArrays.balancedLabels(3, N, C), C);
    private final double[][] reference = DenseReference.randomGaussian(4, N, P);

    static Stream<Arguments> variantsAndTypes() {
        return TestKernels.openBlasVariants().flatMap(kernels -> Stream.of(DataType.FLOAT, DataType.DOUBLE)
                .map(type -> Arguments.of(kernels, type)));
    }

    @ParameterizedTest
    @MethodSource("variantsAndTypes")
    void accumulatedMomentsAreTheSame(SymmetricKernels fastKernels, DataType inputType) {
        ProbeMoments plain = accumulate(SymmetricKernels.plain(), inputType);
        ProbeMoments fast = accumulate(fastKernels, inputType);
        assertEquals(plain.count(), fast.count());
        for (Block a : Block.values()) {
            assertClose(plain.mean(a), fast.mean(a));
            for (Block b : Block.values()) {
                assertClose(plain.centred(a, b), fast.centred(a, b));
                assertClose(plain.uncentred(a, b), fast.uncentred(a, b));
            }
        }
        assertClose(plain.classMeans(), fast.classMeans());
    }

    @ParameterizedTest
    @MethodSource("variantsAndTypes")
    void fullAnalysisIsTheSame(SymmetricKernels fastKernels, DataType inputType) {
        RichnessResult plain = analyze(SymmetricKernels.plain(), inputType);
        RichnessResult fast = analyze(fastKernels, inputType);
        assertClose(plain.lowRankDistance(), fast.lowRankDistance());
        assertClose(plain.projectionLowRankDistance(), fast.projectionLowRankDistance());
        assertClose(plain.eigenvalues(), fast.eigenvalues());
        assertClose(plain.cumulativeQuality(), fast.cumulativeQuality());
        assertClose(plain.cumulativeUtilization(), fast.cumulativeUtilization());
        assertEquals(plain.droppedEigenfunctions(), fast.droppedEigenfunctions());
        Baselines plainBaselines = Baselines.measure(accumulate(SymmetricKernels.plain(), inputType), 0,
                SymmetricKernels.plain());
        Baselines fastBaselines = Baselines.measure(accumulate(fastKernels, inputType), 0, fastKernels);
        assertClose(plainBaselines.nc1(), fastBaselines.nc1());
        assertClose(plainBaselines.withinClassTrace(), fastBaselines.withinClassTrace());
        assertClose(plainBaselines.kernelSimilarityToInit(), fastBaselines.kernelSimilarityToInit());
    }

    /** Half the probe streamed into one accumulator, half into another, then merged: merges mirror lazily too. */
    private ProbeMoments accumulate(SymmetricKernels kernels, DataType inputType) {
        ProbeMoments first = new ProbeMoments(LAYOUT, kernels);
        ProbeMoments second = new ProbeMoments(LAYOUT, kernels);
        for (int start = 0; start < N; start += BATCH) {
            int end = Math.min(start + BATCH, N);
            (start < N / 2 ? first : second).accumulate(typed(phi, start, end, inputType),
                    typed(f, start, end, inputType), typed(y, start, end, inputType),
                    typed(reference, start, end, inputType));
        }
        first.merge(second);
        return first;
    }

    private RichnessResult analyze(SymmetricKernels kernels, DataType inputType) {
        ProbeMoments train = new ProbeMoments(MomentLayout.featuresOnly(P), kernels);
        train.accumulate(typed(reference, 0, N, inputType), null, null, null);
        return RichnessAnalysis.analyze(train, accumulate(kernels, inputType), kernels);
    }

    private static INDArray typed(double[][] values, int from, int to, DataType type) {
        return matrix(rows(values, from, to)).castTo(type);
    }

    /** Features with a common offset, as post-ReLU features have: the uncentred moment has a dominant mode. */
    private static double[][] shifted(double[][] values) {
        return TestArrays.affine(values, 1.0, 0.5);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        double error = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(error <= SAME_NUMBERS, "relative difference " + error + " > " + SAME_NUMBERS);
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertClose(matrix(new double[][] {expected}), matrix(new double[][] {actual}));
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(TestArrays.relativeError(actual, expected, Double.MIN_NORMAL) <= SAME_NUMBERS,
                actual + " differs from " + expected);
    }
}
