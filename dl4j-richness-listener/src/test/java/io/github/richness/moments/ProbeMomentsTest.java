package io.github.richness.moments;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static io.github.richness.testing.TestArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Streaming, merging and the stability of {@link ProbeMoments}. */
class ProbeMomentsTest {

    /** Streaming or merging changes only the order of additions: round-off level. */
    private static final double REORDERING = 1e-11;
    private static final MomentLayout LAYOUT = new MomentLayout(6, 3, 4, true, true);

    private final double[][] phi = DenseReference.randomGaussian(1, 103, 6);
    private final double[][] f = DenseReference.randomGaussian(2, 103, 3);
    private final double[][] y = oneHot(TestArrays.balancedLabels(3, 103, 4), 4);
    private final double[][] reference = DenseReference.randomGaussian(4, 103, 6);

    @Test
    void streamingInMinibatchesEqualsOneBatch() {
        ProbeMoments whole = accumulate(0, 103);
        ProbeMoments streamed = new ProbeMoments(LAYOUT);
        for (int start = 0; start < 103; start += 17) {
            int end = Math.min(start + 17, 103);
            streamed.accumulate(matrix(rows(phi, start, end)), matrix(rows(f, start, end)),
                    matrix(rows(y, start, end)), matrix(rows(reference, start, end)));
        }
        assertSame(whole, streamed);
    }

    /** The minibatch buffer grows to the largest minibatch and serves shorter ones through views. */
    @ParameterizedTest
    @MethodSource("io.github.richness.core.SpectrumAndProjectionTest#kernels")
    void minibatchesOfChangingSizesEqualOneBatch(SymmetricKernels kernels) {
        ProbeMoments whole = accumulate(0, 103);
        ProbeMoments streamed = new ProbeMoments(LAYOUT, kernels);
        int start = 0;
        for (int size : new int[] {5, 40, 3, 40, 1, 14}) {
            streamed.accumulate(matrix(rows(phi, start, start + size)), matrix(rows(f, start, start + size)),
                    matrix(rows(y, start, start + size)), matrix(rows(reference, start, start + size)));
            start += size;
        }
        assertSame(whole, streamed);
    }

    @Test
    void mergeEqualsSinglePass() {
        ProbeMoments whole = accumulate(0, 103);
        ProbeMoments merged = accumulate(0, 40);
        merged.merge(accumulate(40, 41));
        merged.merge(accumulate(41, 103));
        assertSame(whole, merged);
        ProbeMoments intoEmpty = new ProbeMoments(LAYOUT);
        intoEmpty.merge(whole);
        assertSame(whole, intoEmpty);
    }

    @Test
    void centredMomentsMatchTheDefinition() {
        ProbeMoments moments = accumulate(0, 103);
        INDArray features = matrix(phi);
        INDArray outputs = matrix(f);
        INDArray centredPhi = features.subRowVector(features.mean(0));
        INDArray centredF = outputs.subRowVector(outputs.mean(0));
        assertClose(centredPhi.transpose().mmul(centredF), moments.centred(Block.FEATURES, Block.OUTPUTS));
        assertClose(features.transpose().mmul(features), moments.uncentred(Block.FEATURES, Block.FEATURES));
        assertEquals(centredPhi.mul(centredPhi).sumNumber().doubleValue(),
                moments.diagonal(Block.FEATURES).sumNumber().doubleValue(), 1e-10);
        assertEquals(moments.centred(Block.OUTPUTS, Block.OUTPUTS).getDouble(2, 2),
                moments.diagonal(Block.OUTPUTS).getDouble(2), 0.0, "diagonal view of a block");
        assertEquals(moments.centred(Block.REFERENCE, Block.REFERENCE).getDouble(5, 5),
                moments.diagonal(Block.REFERENCE).getDouble(5), 0.0, "diagonal view of the last block");
    }

    @Test
    void classMeansAndCountsMatchTheLabels() {
        ProbeMoments moments = accumulate(0, 103);
        int[] labels = TestArrays.balancedLabels(3, 103, 4);
        double[][] sums = new double[4][6];
        double[] counts = new double[4];
        for (int i = 0; i < 103; i++) {
            counts[labels[i]]++;
            for (int k = 0; k < 6; k++) {
                sums[labels[i]][k] += phi[i][k];
            }
        }
        for (int c = 0; c < 4; c++) {
            assertEquals(counts[c], moments.classCounts().getDouble(c), 0.0);
            for (int k = 0; k < 6; k++) {
                assertEquals(sums[c][k] / counts[c], moments.classMeans().getDouble(c, k), REORDERING);
            }
        }
    }

    @Test
    void staysExactWhenMeansDwarfTheSpread() {
        ProbeMoments shifted = new ProbeMoments(MomentLayout.featuresOnly(6));
        ProbeMoments plain = new ProbeMoments(MomentLayout.featuresOnly(6));
        for (int start = 0; start < 103; start += 10) {
            int end = Math.min(start + 10, 103);
            INDArray batch = matrix(rows(phi, start, end));
            plain.accumulate(batch, null, null, null);
            shifted.accumulate(batch.add(1e8), null, null, null);
        }
        INDArray expected = plain.centred(Block.FEATURES, Block.FEATURES);
        double error = shifted.centred(Block.FEATURES, Block.FEATURES).sub(expected).norm2Number().doubleValue();
        assertTrue(error / expected.norm2Number().doubleValue() < 1e-7,
                "relative error " + error + ": a raw Σφφᵀ − nμμᵀ would lose every digit at a 1e8 offset");
    }

    @Test
    void centredNormFollowsEveryChangeOfTheMoments() {
        ProbeMoments moments = accumulate(0, 50);
        assertNormIsCurrent(moments);
        moments.accumulate(matrix(rows(phi, 50, 70)), matrix(rows(f, 50, 70)), matrix(rows(y, 50, 70)),
                matrix(rows(reference, 50, 70)));
        assertNormIsCurrent(moments);
        moments.merge(accumulate(70, 103));
        assertNormIsCurrent(moments);
        moments.reset();
        moments.merge(accumulate(0, 10));
        assertNormIsCurrent(moments);
    }

    private static void assertNormIsCurrent(ProbeMoments moments) {
        for (Block block : Block.values()) {
            double norm = moments.centredNorm(block);
            assertEquals(moments.centred(block, block).norm2Number().doubleValue(), norm, 0.0, block.name());
            assertEquals(norm, moments.centredNorm(block), 0.0, "asked twice");
        }
    }

    /** Σ‖x‖⁴, Σ‖x‖²‖y‖², Σ‖y‖⁴ of the rows centred on the whole probe, by a loop, at a 1e4 offset. */
    @Test
    void rowNormSumsAreThoseOfTheCentredRows() {
        double[][] shiftedPhi = TestArrays.affine(phi, 1.0, 1e4);
        double[][] shiftedF = TestArrays.affine(f, 1.0, -1e4);
        ProbeMoments moments = new ProbeMoments(new MomentLayout(6, 3, 0, false, false));
        for (int start = 0; start < 103; start += 10) {
            int end = Math.min(start + 10, 103);
            moments.accumulate(matrix(rows(shiftedPhi, start, end)), matrix(rows(shiftedF, start, end)), null, null);
        }
        double[] expected = centredRowNormSums(phi, f);
        RowNormMoments actual = moments.centredRowNorms();
        assertEquals(expected[0], actual.featureFourth(), 1e-9 * expected[0]);
        assertEquals(expected[1], actual.cross(), 1e-9 * expected[1]);
        assertEquals(expected[2], actual.outputFourth(), 1e-9 * expected[2]);
    }

    /** Eq. 33 from per-class moments, for unbalanced classes, against the per-sample loop. */
    @Test
    void withinClassCovarianceFollowsEquationThirtyThree() {
        int[] labels = new int[103];
        for (int i = 0; i < 103; i++) {
            labels[i] = i < 10 ? 0 : i < 40 ? 1 : i < 41 ? 2 : 3;
        }
        double[][] targets = oneHot(labels, 4);
        ProbeMoments moments = new ProbeMoments(LAYOUT);
        for (int start = 0; start < 103; start += 17) {
            int end = Math.min(start + 17, 103);
            moments.accumulate(matrix(rows(phi, start, end)), matrix(rows(f, start, end)),
                    matrix(rows(targets, start, end)), matrix(rows(reference, start, end)));
        }
        assertTrue(moments.hasWithinClassCovariance());
        assertClose(matrix(DenseReference.withinClassCovariance(phi, labels)), moments.withinClassCovariance());
        assertEquals(1.0, moments.classCounts().getDouble(2), 0.0, "a class of one sample");
    }

    /**
     * Eq. 33 when the class means sit far from the origin (10⁶ per class against a spread of 1), the probe is
     * sorted by class, so that classes first appear in later minibatches, and two accumulators whose classes
     * were shifted by different minibatches are merged: against the per-sample (two-pass) loop on the same
     * data to round-off (measured 1.4e-16 relative). Raw sums about the origin would lose about twelve of the
     * sixteen digits here.
     */
    @Test
    void withinClassCovarianceKeepsItsDigitsAtLargeClassOffsets() {
        int[] labels = new int[103];
        double[][] offset = new double[103][];
        for (int i = 0; i < 103; i++) {
            labels[i] = Math.min(i / 26, 3);
            offset[i] = TestArrays.affine(new double[][] {phi[i]}, 1.0, 1e6 * (labels[i] + 1))[0];
        }
        double[][] targets = oneHot(labels, 4);
        ProbeMoments first = new ProbeMoments(LAYOUT);
        ProbeMoments second = new ProbeMoments(LAYOUT);
        for (int start = 0; start < 103; start += 17) {
            int end = Math.min(start + 17, 103);
            (start < 51 ? first : second).accumulate(matrix(rows(offset, start, end)), matrix(rows(f, start, end)),
                    matrix(rows(targets, start, end)), matrix(rows(reference, start, end)));
        }
        first.merge(second);
        assertClose(matrix(DenseReference.withinClassCovariance(offset, labels)), first.withinClassCovariance());
    }

    /**
     * The form weighted by known class counts: eq. 33 for unbalanced classes (one class absent) at class offsets
     * of 10⁶ with classes first seen in later minibatches, against the per-sample loop to round-off, and over two
     * passes with a reset between them (the listener's use); the class means as the per-class form gives them.
     */
    @Test
    void withinClassCovarianceWeightedByKnownCountsFollowsEquationThirtyThree() {
        int[] labels = new int[103];
        double[][] offset = new double[103][];
        for (int i = 0; i < 103; i++) {
            labels[i] = i < 10 ? 0 : i < 70 ? 1 : 3;
            offset[i] = TestArrays.affine(new double[][] {phi[i]}, 1.0, 1e6 * (labels[i] + 1))[0];
        }
        double[][] targets = oneHot(labels, 4);
        double[] counts = ClassLabels.counts(matrix(targets));
        assertArrayEquals(new double[] {10, 60, 0, 33}, counts);
        ProbeMoments weighted = new ProbeMoments(LAYOUT, SymmetricKernels.forBackend(), counts);
        ProbeMoments perClass = new ProbeMoments(LAYOUT);
        for (int pass = 0; pass < 2; pass++) {
            weighted.reset();
            for (int start = 0; start < 103; start += 17) {
                int end = Math.min(start + 17, 103);
                for (ProbeMoments moments : List.of(weighted, perClass)) {
                    moments.accumulate(matrix(rows(offset, start, end)), matrix(rows(f, start, end)),
                            matrix(rows(targets, start, end)), matrix(rows(reference, start, end)));
                }
            }
            assertTrue(weighted.hasWithinClassCovariance());
            assertNull(weighted.classCountsProblem());
            assertClose(matrix(DenseReference.withinClassCovariance(offset, labels)), weighted.withinClassCovariance());
        }
        assertClose(perClass.classMeans(), weighted.classMeans());
    }

    /** A probe whose classes are not the counts given: no Σ_W, a reason naming both counts, and no merge. */
    @Test
    void weightedClassStatisticsRefuseOtherCountsAndMerging() {
        double[][] targets = oneHot(TestArrays.balancedLabels(3, 103, 4), 4);
        double[] counts = ClassLabels.counts(matrix(targets));
        counts[0] += 1;
        counts[1] -= 1;
        ProbeMoments moments = new ProbeMoments(LAYOUT, SymmetricKernels.forBackend(), counts);
        moments.accumulate(matrix(phi), matrix(f), matrix(targets), matrix(reference));
        assertFalse(moments.hasWithinClassCovariance());
        assertTrue(moments.classCountsProblem().contains("changed in place"), moments.classCountsProblem());
        assertThrows(IllegalStateException.class, moments::withinClassCovariance);
        assertThrows(IllegalStateException.class, () -> new ProbeMoments(LAYOUT).merge(moments));
        assertThrows(IllegalArgumentException.class,
                () -> new ProbeMoments(LAYOUT, SymmetricKernels.forBackend(), new double[] {1, 2}));
    }

    @Test
    void remembersThePrecisionOfItsInput() {
        ProbeMoments moments = new ProbeMoments(new MomentLayout(6, 3, 0, false, false));
        assertEquals(0.0, moments.unitRoundOff(Block.OUTPUTS), 0.0);
        moments.accumulate(matrix(rows(phi, 0, 10)), matrix(rows(f, 0, 10)), null, null);
        assertEquals(0x1p-53, moments.unitRoundOff(Block.OUTPUTS), 0.0);
        moments.accumulate(matrix(rows(phi, 10, 20)), matrix(rows(f, 10, 20)).castTo(DataType.FLOAT), null, null);
        assertEquals(0x1p-24, moments.unitRoundOff(Block.OUTPUTS), 0.0);
        assertEquals(0x1p-53, moments.unitRoundOff(Block.FEATURES), 0.0);
        moments.reset();
        assertEquals(0.0, moments.unitRoundOff(Block.OUTPUTS), 0.0);
    }

    private static double[] centredRowNormSums(double[][] x, double[][] y) {
        double[] meanX = columnMeans(x);
        double[] meanY = columnMeans(y);
        double[] sums = new double[3];
        for (int i = 0; i < x.length; i++) {
            double r = 0;
            double s = 0;
            for (int k = 0; k < meanX.length; k++) {
                r += Math.pow(x[i][k] - meanX[k], 2);
            }
            for (int k = 0; k < meanY.length; k++) {
                s += Math.pow(y[i][k] - meanY[k], 2);
            }
            sums[0] += r * r;
            sums[1] += r * s;
            sums[2] += s * s;
        }
        return sums;
    }

    private static double[] columnMeans(double[][] x) {
        double[] mean = new double[x[0].length];
        for (double[] row : x) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += row[k] / x.length;
            }
        }
        return mean;
    }

    @Test
    void resetForgetsEverything() {
        ProbeMoments moments = accumulate(0, 50);
        moments.reset();
        moments.merge(accumulate(50, 103));
        assertSame(accumulate(50, 103), moments);
    }

    @Test
    void rejectsShapesThatDoNotFitTheLayout() {
        ProbeMoments moments = new ProbeMoments(LAYOUT);
        INDArray ok = Nd4j.rand(DataType.DOUBLE, 5, 6);
        INDArray out = Nd4j.rand(DataType.DOUBLE, 5, 3);
        INDArray tgt = Nd4j.rand(DataType.DOUBLE, 5, 4);
        assertThrows(IllegalArgumentException.class, () -> moments.accumulate(ok, out, tgt, null));
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> moments.accumulate(ok, Nd4j.rand(DataType.DOUBLE, 5, 2), tgt, ok));
        assertTrue(wrongWidth.getMessage().contains("OUTPUTS must be a matrix with 3 columns"), wrongWidth.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ProbeMoments(MomentLayout.featuresOnly(6)).accumulate(ok, out, null, null));
        assertThrows(IllegalArgumentException.class, () -> moments.merge(new ProbeMoments(MomentLayout.featuresOnly(6))));
        assertThrows(IllegalArgumentException.class, () -> new MomentLayout(6, 3, 1, false, true));
    }

    private ProbeMoments accumulate(int from, int to) {
        ProbeMoments moments = new ProbeMoments(LAYOUT);
        moments.accumulate(matrix(rows(phi, from, to)), matrix(rows(f, from, to)), matrix(rows(y, from, to)),
                matrix(rows(reference, from, to)));
        return moments;
    }

    private static void assertSame(ProbeMoments expected, ProbeMoments actual) {
        assertEquals(expected.count(), actual.count());
        for (Block a : Block.values()) {
            assertClose(expected.mean(a), actual.mean(a));
            for (Block b : Block.values()) {
                assertClose(expected.centred(a, b), actual.centred(a, b));
            }
        }
        assertClose(expected.classCounts(), actual.classCounts());
        assertClose(expected.classMeans(), actual.classMeans());
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.norm2Number().doubleValue(), 1.0);
        assertEquals(0.0, expected.sub(actual).norm2Number().doubleValue() / scale, REORDERING);
    }
}
