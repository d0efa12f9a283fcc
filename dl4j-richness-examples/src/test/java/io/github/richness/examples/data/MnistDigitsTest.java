package io.github.richness.examples.data;

import static io.github.richness.examples.data.IdxTestFiles.images;
import static io.github.richness.examples.data.IdxTestFiles.labels;
import static io.github.richness.examples.data.IdxTestFiles.patternPixels;
import static io.github.richness.examples.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDigitsTest {

    private static MnistDigits train;
    private static MnistDigits test;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadEmbedded() {
        train = MnistDigits.embeddedTrain();
        test = MnistDigits.embeddedTest();
    }

    @Test
    void embeddedSplitsHaveTheDocumentedCounts() {
        assertEquals(8000, train.size());
        assertEquals(2000, test.size());
        assertArrayEquals(new int[] {799, 908, 771, 833, 789, 707, 812, 854, 761, 766}, train.classCounts());
        assertArrayEquals(new int[] {202, 219, 220, 199, 191, 156, 202, 216, 183, 212}, test.classCounts());
    }

    @Test
    void embeddedDigitsHaveValidLabelsAndPixels() {
        for (MnistDigits digits : new MnistDigits[] {train, test}) {
            int[] counts = new int[10];
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < digits.size(); i++) {
                int label = digits.label(i);
                assertTrue(label >= 0 && label <= 9, "label " + label);
                counts[label]++;
                float[] image = digits.image(i);
                assertEquals(28 * 28, image.length);
                float ink = 0;
                for (float v : image) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    ink += v;
                }
                assertTrue(ink > 0, "digit " + i + " of " + digits + " is blank");
            }
            assertTrue(Arrays.stream(counts).allMatch(c -> c > 100), Arrays.toString(counts));
            assertEquals(0f, min);
            assertEquals(1f, max);
        }
    }

    @Test
    void embeddedPrefixesAreRoughlyClassBalanced() {
        int[] counts = train.subset(500).classCounts();
        assertTrue(Arrays.stream(counts).allMatch(c -> c >= 30 && c <= 70), Arrays.toString(counts));
    }

    @Test
    void subsetKeepsTheFirstDigits() {
        MnistDigits first = train.subset(10);
        assertEquals(10, first.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(train.label(i), first.label(i));
            assertArrayEquals(train.image(i), first.image(i));
        }
        assertSame(train, train.subset(train.size()));
        assertEquals(0, train.subset(0).size());
        assertThrows(IllegalArgumentException.class, () -> train.subset(8001));
        assertThrows(IllegalArgumentException.class, () -> train.subset(-1));
    }

    @Test
    void accessorsCheckTheirIndices() {
        MnistDigits three = train.subset(3);
        assertThrows(IndexOutOfBoundsException.class, () -> three.label(3));
        assertThrows(IndexOutOfBoundsException.class, () -> three.image(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> three.pixel(0, 28, 0));
    }

    @Test
    void imageIsACopy() {
        float[] image = train.image(0);
        Arrays.fill(image, 7f);
        assertTrue(train.image(0)[0] <= 1f);
    }

    @Test
    void readsTheStandardFilesFromADirectory() {
        write(dir, "train-images-idx3-ubyte", images(patternPixels(4)));
        write(dir, "train-labels-idx1-ubyte", labels(new byte[] {4, 3, 2, 1}));
        write(dir, "t10k-images-idx3-ubyte.gz", images(patternPixels(2)));
        write(dir, "t10k-labels-idx1-ubyte.gz", labels(new byte[] {8, 9}));

        MnistDigits fullTrain = MnistDigits.fromDirectory(dir, true);
        MnistDigits fullTest = MnistDigits.fromDirectory(dir, false);

        assertEquals(4, fullTrain.size());
        assertEquals(1, fullTrain.label(3));
        assertEquals(2, fullTest.size());
        assertEquals(9, fullTest.label(1));
    }

    @Test
    void namesTheMissingFile() {
        write(dir, "train-images-idx3-ubyte.gz", images(patternPixels(1)));
        String message = assertThrows(IllegalArgumentException.class, () -> MnistDigits.fromDirectory(dir, true))
                .getMessage();
        assertEquals(dir + ": found neither train-labels-idx1-ubyte nor train-labels-idx1-ubyte.gz; "
                + "download the MNIST files into this directory", message);
        assertThrows(IllegalArgumentException.class, () -> MnistDigits.fromDirectory(dir.resolve("absent"), false));
    }
}
