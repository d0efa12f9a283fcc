package io.github.richness.moments;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.oneHot;
import static io.github.richness.testing.TestArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.core.Baselines;
import io.github.richness.core.RichnessAnalysis;
import io.github.richness.core.RichnessResult;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link MomentsCodec}: bit-exact round trips, merges of decoded moments, and the size of the encoding. */
class MomentsCodecTest {

    /** Merging in another order than one pass changes only the order of additions. */
    private static final double REORDERING = 1e-11;
    private static final MomentLayout LAYOUT = new MomentLayout(6, 3, 4, true, true);

    private final double[][] phi = DenseReference.randomGaussian(11, 90, 6);
    private final double[][] f = DenseReference.randomGaussian(12, 90, 3);
    private final double[][] y = oneHot(TestArrays.balancedLabels(13, 90, 4), 4);
    private final double[][] reference = DenseReference.randomGaussian(14, 90, 6);

    @Test
    void decodingGivesBackEveryNumberBitForBit() {
        ProbeMoments original = accumulate(LAYOUT, 0, 90);
        ProbeMoments decoded = MomentsCodec.decode(MomentsCodec.encode(original));
        assertEquals(original.layout(), decoded.layout());
        assertEquals(original.count(), decoded.count());
        for (Block a : Block.values()) {
            assertArrayEquals(original.mean(a).toDoubleVector(), decoded.mean(a).toDoubleVector(), 0.0);
            assertEquals(original.unitRoundOff(a), decoded.unitRoundOff(a), 0.0);
            for (Block b : Block.values()) {
                assertArrayEquals(flat(original.centred(a, b)), flat(decoded.centred(a, b)), 0.0, a + "," + b);
            }
        }
        assertArrayEquals(original.classCounts().toDoubleVector(), decoded.classCounts().toDoubleVector(), 0.0);
        assertArrayEquals(flat(original.classMeans()), flat(decoded.classMeans()), 0.0);
        assertTrue(decoded.hasWithinClassCovariance());
        assertArrayEquals(flat(original.withinClassCovariance()), flat(decoded.withinClassCovariance()), 0.0);
        assertEquals(original.centredRowNorms(), decoded.centredRowNorms());
        RichnessResult expected = RichnessAnalysis.analyze(original, original);
        RichnessResult actual = RichnessAnalysis.analyze(decoded, decoded);
        assertEquals(expected.lowRankDistance(), actual.lowRankDistance(), 0.0);
        assertArrayEquals(expected.eigenvalues(), actual.eigenvalues(), 0.0);
        assertEquals(Baselines.measure(original, 1.0), Baselines.measure(decoded, 1.0));
    }

    /** Shipping the parts and merging them equals one pass over all samples: the distributed measurement. */
    @Test
    void mergedDecodedPartsEqualOnePass() {
        ProbeMoments whole = accumulate(LAYOUT, 0, 90);
        ProbeMoments merged = MomentsCodec.decode(MomentsCodec.encode(accumulate(LAYOUT, 0, 7)));
        merged.merge(MomentsCodec.decode(MomentsCodec.encode(accumulate(LAYOUT, 7, 61))));
        merged.merge(MomentsCodec.decode(MomentsCodec.encode(new ProbeMoments(LAYOUT))));
        merged.merge(MomentsCodec.decode(MomentsCodec.encode(accumulate(LAYOUT, 61, 90))));
        assertEquals(whole.count(), merged.count());
        for (Block a : Block.values()) {
            for (Block b : Block.values()) {
                assertClose(whole.centred(a, b), merged.centred(a, b));
            }
        }
        assertClose(whole.withinClassCovariance(), merged.withinClassCovariance());
        RowNormMoments expected = whole.centredRowNorms();
        RowNormMoments actual = merged.centredRowNorms();
        assertEquals(expected.featureFourth(), actual.featureFourth(), REORDERING * expected.featureFourth());
        assertEquals(expected.cross(), actual.cross(), REORDERING * expected.cross());
        assertEquals(expected.outputFourth(), actual.outputFourth(), REORDERING * expected.outputFourth());
    }

    /** The size is the formula of the class documentation, counted here from the widths alone. */
    @Test
    void sizeIsTheCoMomentTriangleAndTheSmallParts() {
        int p = 6;
        int c = 3;
        int t = 4;
        int d = p + c + t + p;
        long header = 4 + 1 + 3 * 4 + 2 + 4 * 8;
        long centred = 8 + 8L * d + 8L * d * (d + 1) / 2;
        long rowNorms = 1 + 8L * (3 * (p + c) + 4);
        long classes = 8L * t + t * (8 + 8L * p + 8L * p * (p + 1) / 2);
        byte[] bytes = MomentsCodec.encode(accumulate(LAYOUT, 0, 90));
        assertEquals(header + centred + rowNorms + classes, bytes.length);
        assertEquals(bytes.length, MomentsCodec.maxEncodedBytes(LAYOUT));
        assertEquals(MomentsCodec.encode(accumulate(LAYOUT, 0, 9)).length, bytes.length, "independent of n");
        MomentLayout featuresOnly = MomentLayout.featuresOnly(p);
        ProbeMoments spectrum = new ProbeMoments(featuresOnly);
        spectrum.accumulate(matrix(phi), null, null, null);
        assertEquals(header + 8 + 8L * p + 8L * p * (p + 1) / 2, MomentsCodec.encode(spectrum).length);
    }

    /** Beyond the per-class budget only class sums are kept, and they travel too. */
    @Test
    void classSumsTravelWhenPerClassMomentsDoNotFit() {
        MomentLayout wide = new MomentLayout(520, 2, 16, false, true);
        assertFalse(ClassStatistics.fitsPerClassMoments(wide));
        double[][] features = DenseReference.randomGaussian(21, 40, 520);
        double[][] outputs = DenseReference.randomGaussian(22, 40, 2);
        double[][] targets = oneHot(TestArrays.balancedLabels(23, 40, 16), 16);
        ProbeMoments original = new ProbeMoments(wide);
        original.accumulate(matrix(features), matrix(outputs), matrix(targets), null);
        byte[] bytes = MomentsCodec.encode(original);
        ProbeMoments decoded = MomentsCodec.decode(bytes);
        assertArrayEquals(flat(original.classMeans()), flat(decoded.classMeans()), 0.0);
        assertArrayEquals(flat(original.centred(Block.FEATURES, Block.FEATURES)),
                flat(decoded.centred(Block.FEATURES, Block.FEATURES)), 0.0);
        assertEquals(MomentsCodec.maxEncodedBytes(wide), bytes.length);
    }

    @Test
    void rejectsWhatIsNotEncodedMoments() {
        byte[] bytes = MomentsCodec.encode(accumulate(LAYOUT, 0, 30));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> MomentsCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MomentsCodec.decode(longer)).getMessage()
                .contains("3 bytes left"));
        byte[] later = bytes.clone();
        later[4] = 2;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MomentsCodec.decode(later)).getMessage()
                .contains("version 2"));
        assertThrows(IllegalArgumentException.class, () -> MomentsCodec.decode(new byte[] {1, 2, 3, 4, 5}));
    }

    private ProbeMoments accumulate(MomentLayout layout, int from, int to) {
        ProbeMoments moments = new ProbeMoments(layout);
        if (to > from) {
            moments.accumulate(matrix(rows(phi, from, to)), matrix(rows(f, from, to)),
                    matrix(rows(y, from, to)), matrix(rows(reference, from, to)).castTo(DataType.FLOAT));
        }
        return moments;
    }

    private static double[] flat(INDArray array) {
        return array.dup('c').reshape(array.length()).toDoubleVector();
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.norm2Number().doubleValue(), 1.0);
        assertEquals(0.0, expected.sub(actual).norm2Number().doubleValue() / scale, REORDERING);
    }
}
