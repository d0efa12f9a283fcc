package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticCifarTest {

    /** Nearest-class-mean accuracy on held-out images that counts as class structure, far above 1/classes. */
    private static final double STRUCTURE_ACCURACY = 0.75;

    @ParameterizedTest
    @ValueSource(ints = {10, 100})
    void hasTheDeclaredShapesAndBalancedClasses(int classes) {
        CifarImages train = new SyntheticCifar(classes, 7).train(3 * classes + 1);
        assertEquals(3 * classes + 1, train.size());
        assertEquals(classes, train.classes());
        assertFalse(train.hasCoarseLabels());
        int[] counts = train.classCounts();
        assertEquals(classes, counts.length);
        assertEquals(4, counts[0]);
        assertTrue(Arrays.stream(counts, 1, classes).allMatch(c -> c == 3));
        assertTrue(train.pixel(train.size() - 1, 2, 31, 31) >= 0);

        CifarDataSetIterator iterator = CifarDataSetIterator.builder(train).batchSize(16).build();
        assertArrayEquals(new long[] {16, 3, 32, 32}, iterator.next().getFeatures().shape());
        assertEquals(classes, iterator.totalOutcomes());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void isDeterministicBySeedAndSplit(long seed) {
        CifarImages a = new SyntheticCifar(10, seed).train(20);
        CifarImages b = new SyntheticCifar(10, seed).train(20);
        CifarImages test = new SyntheticCifar(10, seed).test(20);
        CifarImages other = new SyntheticCifar(10, seed + 10).train(20);
        assertEquals(checksum(a), checksum(b));
        assertTrue(checksum(a) != checksum(test), "the test split has other images");
        assertTrue(checksum(a) != checksum(other), "another seed gives other images");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100})
    void classesAreSeparableByTheirMeanImages(int classes) {
        SyntheticCifar synthetic = new SyntheticCifar(classes, 3);
        CifarImages train = synthetic.train(10 * classes);
        CifarImages test = synthetic.test(3 * classes);
        double[][] means = new double[classes][CifarDataset.IMAGE_BYTES];
        for (int i = 0; i < train.size(); i++) {
            double[] image = image(train, i);
            for (int p = 0; p < image.length; p++) {
                means[train.label(i)][p] += image[p] / train.classCounts()[train.label(i)];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] image = image(test, i);
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < classes; c++) {
                double distance = 0;
                for (int p = 0; p < image.length; p++) {
                    distance += (image[p] - means[c][p]) * (image[p] - means[c][p]);
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        double accuracy = (double) correct / test.size();
        assertTrue(accuracy > STRUCTURE_ACCURACY, "nearest-mean accuracy " + accuracy);
    }

    private static double[] image(CifarImages images, int index) {
        double[] image = new double[CifarDataset.IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 32; r++) {
                for (int x = 0; x < 32; x++) {
                    image[c * 1024 + r * 32 + x] = images.pixel(index, c, r, x);
                }
            }
        }
        return image;
    }

    private static long checksum(CifarImages images) {
        long sum = 0;
        for (int i = 0; i < images.size(); i++) {
            sum = sum * 31 + images.label(i);
            for (int r = 0; r < 32; r++) {
                sum = sum * 31 + images.pixel(i, r % 3, r, (r * 5) % 32);
            }
        }
        return sum;
    }
}
