package io.github.richness.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelEncodingTest {

    private static final MnistDigits DIGITS = MnistDigits.embeddedTest();
    /** Chance agreement of a random code with the label is 1/10; 2,000 digits give a binomial sd of 0.0067. */
    private static final double CHANCE = 0.1;
    private static final double CHANCE_TOLERANCE = 0.04;

    @Test
    void trueLabelsAreEncodedOneHotAndTheRestOfTheImageIsKept() {
        MnistDigits encoded = LabelEncoding.withTrueLabels(DIGITS);
        assertEquals(DIGITS.size(), encoded.size());
        for (int i = 0; i < DIGITS.size(); i++) {
            assertEquals(DIGITS.label(i), encoded.label(i), "labels unchanged");
            assertEquals(DIGITS.label(i), LabelEncoding.encodedLabel(encoded, i));
            float[] original = DIGITS.image(i);
            float[] image = encoded.image(i);
            assertEquals(1f, image[DIGITS.label(i)]);
            assertEquals(1.0, sum(image, 0, LabelEncoding.ENCODED_PIXELS), "exactly one pixel of the code is on");
            assertArrayEquals(Arrays.copyOfRange(original, LabelEncoding.ENCODED_PIXELS, original.length),
                    Arrays.copyOfRange(image, LabelEncoding.ENCODED_PIXELS, image.length));
        }
    }

    @Test
    void randomLabelsAgreeWithTheTrueLabelAtChanceAndCoverEveryClass() {
        MnistDigits encoded = LabelEncoding.withRandomLabels(DIGITS, 7);
        int agree = 0;
        int[] codeCounts = new int[IdxReader.CLASSES];
        for (int i = 0; i < DIGITS.size(); i++) {
            int code = LabelEncoding.encodedLabel(encoded, i);
            codeCounts[code]++;
            agree += code == encoded.label(i) ? 1 : 0;
            assertEquals(DIGITS.label(i), encoded.label(i), "labels unchanged");
        }
        assertEquals(CHANCE, agree / (double) DIGITS.size(), CHANCE_TOLERANCE);
        for (int count : codeCounts) {
            assertEquals(CHANCE, count / (double) DIGITS.size(), CHANCE_TOLERANCE, Arrays.toString(codeCounts));
        }
    }

    @Test
    void randomCodesDependOnTheSeedOnly() {
        MnistDigits a = LabelEncoding.withRandomLabels(DIGITS, 3);
        MnistDigits b = LabelEncoding.withRandomLabels(DIGITS, 3);
        MnistDigits c = LabelEncoding.withRandomLabels(DIGITS, 4);
        int differ = 0;
        for (int i = 0; i < DIGITS.size(); i++) {
            assertArrayEquals(a.image(i), b.image(i));
            differ += LabelEncoding.encodedLabel(a, i) != LabelEncoding.encodedLabel(c, i) ? 1 : 0;
        }
        assertNotEquals(0, differ);
    }

    @Test
    void theOriginalDigitsAreNotChangedAndCarryNoCode() {
        float[] before = DIGITS.image(0);
        LabelEncoding.withTrueLabels(DIGITS);
        assertArrayEquals(before, DIGITS.image(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelEncoding.encodedLabel(DIGITS, 0));
        assertTrue(e.getMessage().contains("digit 0"), e.getMessage());
    }

    private static double sum(float[] values, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            total += values[i];
        }
        return total;
    }
}
