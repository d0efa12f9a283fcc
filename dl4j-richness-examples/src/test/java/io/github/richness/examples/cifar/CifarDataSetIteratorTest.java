package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class CifarDataSetIteratorTest {

    private static final float TOLERANCE = 1e-5f;
    private static final double[] PAPER_MEAN = {0.4914, 0.4822, 0.4465};
    private static final double[] PAPER_STD = {0.2023, 0.1994, 0.2010};

    private final CifarImages images = new SyntheticCifar(10, 11).train(25);

    @Test
    void plainBatchesAreTheNormalisedImagesWithScaledOneHotLabels() {
        CifarDataSetIterator iterator = CifarDataSetIterator.builder(images).batchSize(10).targetScale(3).build();
        int seen = 0;
        List<Integer> sizes = new ArrayList<>();
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            INDArray x = batch.getFeatures();
            INDArray y = batch.getLabels();
            sizes.add((int) x.size(0));
            for (int row = 0; row < x.size(0); row++) {
                int index = seen + row;
                for (int c = 0; c < 3; c++) {
                    for (int r = 0; r < 32; r += 7) {
                        for (int col = 0; col < 32; col += 5) {
                            double expected = (images.pixel(index, c, r, col) / 255.0 - PAPER_MEAN[c]) / PAPER_STD[c];
                            assertEquals(expected, x.getDouble(row, c, r, col), TOLERANCE);
                        }
                    }
                }
                for (int k = 0; k < 10; k++) {
                    assertEquals(k == images.label(index) ? 3.0 : 0.0, y.getDouble(row, k));
                }
            }
            seen += (int) x.size(0);
        }
        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), iterator.getLabels());
    }

    @Test
    void augmentedImagesAreCropsOfThePaddedImageOrTheirMirrors() {
        CifarDataSetIterator iterator = CifarDataSetIterator.builder(images).batchSize(25).augment(5).build();
        INDArray x = iterator.next().getFeatures();
        Set<String> crops = new HashSet<>();
        for (int index = 0; index < images.size(); index++) {
            crops.add(matchingCrop(index, x.slice(index)));
        }
        assertTrue(crops.size() > 5, "crops and flips vary between images: " + crops);
        assertTrue(crops.stream().anyMatch(s -> s.endsWith("true")) && crops.stream().anyMatch(s -> s.endsWith("false")));
    }

    @Test
    void paddedPixelsAreBlackBeforeNormalisation() {
        float[] target = new float[CifarDataset.IMAGE_BYTES];
        CifarAugmentation.write(images, 0, 0, 0, false, target, 0);
        for (int c = 0; c < 3; c++) {
            assertEquals(-PAPER_MEAN[c] / PAPER_STD[c], target[c * 1024], TOLERANCE, "top-left is padding");
            assertEquals((images.pixel(0, c, 27, 27) / 255.0 - PAPER_MEAN[c]) / PAPER_STD[c],
                    target[c * 1024 + 31 * 32 + 31], TOLERANCE, "shifted by 4 pixels");
            assertEquals(PAPER_MEAN[c], CifarAugmentation.mean(c));
            assertEquals(PAPER_STD[c], CifarAugmentation.std(c));
        }
    }

    @Test
    void epochsAreDeterministicAndDiffer() {
        List<Double> first = epochSums(build(), 2);
        List<Double> again = epochSums(build(), 2);
        assertEquals(first, again, "same seeds, same minibatches");
        assertNotEquals(first.subList(0, 3), first.subList(3, 6), "the second epoch is reshuffled and re-augmented");
    }

    @Test
    void aResetBeforeTheFirstBatchKeepsTheEpoch() {
        CifarDataSetIterator iterator = build();
        iterator.reset();
        assertEquals(0, iterator.epoch());
        iterator.next();
        iterator.reset();
        assertEquals(1, iterator.epoch());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(images).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(images).targetScale(0));
        assertThrows(IllegalArgumentException.class, () -> CifarDataSetIterator.builder(images.subset(0)));
        assertFalse(build().getLabels().isEmpty());
    }

    private CifarDataSetIterator build() {
        return CifarDataSetIterator.builder(images).batchSize(10).shuffle(1).augment(2).build();
    }

    private static List<Double> epochSums(CifarDataSetIterator iterator, int epochs) {
        List<Double> sums = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            iterator.reset();
            while (iterator.hasNext()) {
                DataSet batch = iterator.next();
                sums.add(batch.getFeatures().sumNumber().doubleValue() + 1000 * batch.getLabels().argMax(1).sumNumber().doubleValue());
            }
        }
        return sums;
    }

    /** Finds by exhaustive search which crop offsets and flip of image {@code index} give {@code actual}. */
    private String matchingCrop(int index, INDArray actual) {
        float[] flat = actual.reshape(CifarDataset.IMAGE_BYTES).toFloatVector();
        float[] candidate = new float[CifarDataset.IMAGE_BYTES];
        for (int dy = 0; dy <= 8; dy++) {
            for (int dx = 0; dx <= 8; dx++) {
                for (boolean flip : new boolean[] {false, true}) {
                    CifarAugmentation.write(images, index, dy, dx, flip, candidate, 0);
                    if (Arrays.equals(candidate, flat)) {
                        return dy + "," + dx + "," + flip;
                    }
                }
            }
        }
        assertArrayEquals(candidate, flat, "image " + index + " is no crop of its padded image");
        return "";
    }
}
