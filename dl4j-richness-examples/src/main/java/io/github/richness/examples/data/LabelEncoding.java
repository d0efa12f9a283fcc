package io.github.richness.examples.data;

import java.util.SplittableRandom;

/**
 * The label encoding of the paper's figure 1 (appendix H.4.1): the first {@value #ENCODED_PIXELS} pixels of
 * each image (the top-left of the first row, background in MNIST) are overwritten with a one-hot code, full
 * ink at the code's position and background elsewhere. Training images carry their true label; test images
 * carry a random label, so that a model relying on the code generalises at chance while one relying on the
 * image does not. The labels themselves are never changed.
 */
public final class LabelEncoding {

    /** How many leading pixels carry the code: one per class. */
    public static final int ENCODED_PIXELS = IdxReader.CLASSES;
    private static final byte INK = (byte) 0xFF;

    private LabelEncoding() {
    }

    /**
     * @param digits the digits
     * @return the digits with their true label encoded in the first pixels
     */
    public static MnistDigits withTrueLabels(MnistDigits digits) {
        int[] codes = new int[digits.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = digits.label(i);
        }
        return encode(digits, codes, "true labels encoded");
    }

    /**
     * @param digits the digits
     * @param seed determines the random labels: the same seed gives the same codes
     * @return the digits with a uniformly random label in 0..9, drawn independently per digit, encoded in
     *         the first pixels
     */
    public static MnistDigits withRandomLabels(MnistDigits digits, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] codes = new int[digits.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextInt(IdxReader.CLASSES);
        }
        return encode(digits, codes, "random labels encoded, seed " + seed);
    }

    /**
     * @param digits encoded digits
     * @param index a digit's index
     * @return the class its first pixels encode
     * @throws IllegalArgumentException if they are not a one-hot code
     */
    public static int encodedLabel(MnistDigits digits, int index) {
        float[] image = digits.image(index);
        int code = -1;
        for (int p = 0; p < ENCODED_PIXELS; p++) {
            if (image[p] == 1f && code < 0) {
                code = p;
            } else if (image[p] != 0f) {
                throw new IllegalArgumentException("digit " + index + " carries no one-hot code in its first "
                        + ENCODED_PIXELS + " pixels");
            }
        }
        if (code < 0) {
            throw new IllegalArgumentException("digit " + index + " carries no code in its first " + ENCODED_PIXELS + " pixels");
        }
        return code;
    }

    private static MnistDigits encode(MnistDigits digits, int[] codes, String description) {
        return digits.withEditedPixels(description, pixels -> {
            for (int i = 0; i < codes.length; i++) {
                int start = i * IdxReader.PIXELS;
                for (int p = 0; p < ENCODED_PIXELS; p++) {
                    pixels[start + p] = p == codes[i] ? INK : 0;
                }
            }
        });
    }
}
