package io.github.richness.examples.cifar;

import java.util.SplittableRandom;

/**
 * A synthetic stand-in for CIFAR with class structure, used when no data directory is given: 3×32×32 colour
 * images whose class determines a smooth pattern, blurred by per-image jitter and pixel noise, so that a
 * network can learn the classes (and the richness listener has something to measure) without the real data.
 *
 * <p>Class {@code c} has a template per channel: a colour offset plus the sum of {@value #WAVES} plane waves
 * with integer spatial frequencies of at most {@value #MAX_FREQUENCY} cycles per image, random amplitudes and
 * phases, all drawn from the seed. An image of class {@code c} is the template shifted circularly by up to
 * ±{@value #MAX_SHIFT} pixels in each direction, scaled in contrast by a factor in
 * [{@value #MIN_CONTRAST}, {@value #MAX_CONTRAST}], plus Gaussian noise of standard deviation {@value #NOISE}
 * (intensities in [0, 1]), clipped and stored as 8-bit values like the real images. Labels cycle through the
 * classes, so every class has the same number of images (±1).
 *
 * <p>Deterministic: the templates depend only on the number of classes and the seed; image {@code i} of a
 * split depends only on those, the split and {@code i}. The training and test splits share the templates and
 * differ in their images.
 */
public final class SyntheticCifar {

    /** Plane waves per channel template. */
    public static final int WAVES = 2;
    /** Largest spatial frequency of a wave, in cycles per image side. */
    public static final int MAX_FREQUENCY = 3;
    /** Largest circular shift of an image against its template, in pixels. */
    public static final int MAX_SHIFT = 3;
    /** Smallest contrast factor of an image. */
    public static final double MIN_CONTRAST = 0.6;
    /** Largest contrast factor of an image. */
    public static final double MAX_CONTRAST = 1.2;
    /** Standard deviation of the pixel noise, on the [0, 1] intensity scale. */
    public static final double NOISE = 0.15;
    /** Largest colour offset of a class, on the [0, 1] intensity scale. */
    private static final double MAX_COLOUR_OFFSET = 0.15;
    /** Amplitude of the template's pattern around mid-grey, on the [0, 1] intensity scale. */
    private static final double PATTERN_AMPLITUDE = 0.2;
    private static final double MID_GREY = 0.5;
    private static final long TRAIN_STREAM = 0x5EED_0001L;
    private static final long TEST_STREAM = 0x5EED_0002L;
    private static final long IMAGE_STRIDE = 0x9E3779B97F4A7C15L;

    private final int classes;
    private final long seed;
    /** Template intensities, [class][channel * 1024 + row * 32 + column]. */
    private final double[][] templates;

    /**
     * @param classes the number of classes, 1..256
     * @param seed the seed of the templates and images
     */
    public SyntheticCifar(int classes, long seed) {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("the number of classes must lie in 1..256, got " + classes);
        }
        this.classes = classes;
        this.seed = seed;
        this.templates = new double[classes][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            templates[c] = template(random);
        }
    }

    /**
     * @param count the number of images
     * @return the training split
     */
    public CifarImages train(int count) {
        return images(count, TRAIN_STREAM, "train");
    }

    /**
     * @param count the number of images
     * @return the test split: the same templates, other images
     */
    public CifarImages test(int count) {
        return images(count, TEST_STREAM, "test");
    }

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    private CifarImages images(int count, long stream, String split) {
        if (count < 0) {
            throw new IllegalArgumentException("the number of images must not be negative, got " + count);
        }
        byte[] pixels = new byte[count * CifarDataset.IMAGE_BYTES];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            labels[i] = (byte) label;
            SplittableRandom random = new SplittableRandom(seed ^ stream ^ (i + 1) * IMAGE_STRIDE);
            drawImage(templates[label], random, pixels, i * CifarDataset.IMAGE_BYTES);
        }
        return new CifarImages("synthetic " + split + " set (" + classes + " classes, seed " + seed + ")", classes,
                pixels, labels, null);
    }

    private static double[] template(SplittableRandom random) {
        double[] template = new double[CifarDataset.IMAGE_BYTES];
        for (int channel = 0; channel < CifarDataset.CHANNELS; channel++) {
            double offset = MID_GREY + random.nextDouble(-MAX_COLOUR_OFFSET, MAX_COLOUR_OFFSET);
            int[][] frequencies = new int[WAVES][];
            double[] amplitudes = new double[WAVES];
            double[] phases = new double[WAVES];
            for (int w = 0; w < WAVES; w++) {
                frequencies[w] = frequency(random);
                amplitudes[w] = random.nextDouble(0.5, 1.0) * PATTERN_AMPLITUDE / WAVES;
                phases[w] = random.nextDouble(2 * Math.PI);
            }
            for (int row = 0; row < CifarDataset.SIDE; row++) {
                for (int column = 0; column < CifarDataset.SIDE; column++) {
                    double value = offset;
                    for (int w = 0; w < WAVES; w++) {
                        value += amplitudes[w] * Math.sin(2 * Math.PI * (frequencies[w][0] * row
                                + frequencies[w][1] * column) / CifarDataset.SIDE + phases[w]);
                    }
                    template[channel * CifarDataset.CHANNEL_PIXELS + row * CifarDataset.SIDE + column] = value;
                }
            }
        }
        return template;
    }

    /** A non-zero integer frequency pair (rows, columns) with components in ±{@link #MAX_FREQUENCY}. */
    private static int[] frequency(SplittableRandom random) {
        while (true) {
            int fy = random.nextInt(-MAX_FREQUENCY, MAX_FREQUENCY + 1);
            int fx = random.nextInt(-MAX_FREQUENCY, MAX_FREQUENCY + 1);
            if (fy != 0 || fx != 0) {
                return new int[] {fy, fx};
            }
        }
    }

    private static void drawImage(double[] template, SplittableRandom random, byte[] target, int offset) {
        int shiftRows = random.nextInt(-MAX_SHIFT, MAX_SHIFT + 1);
        int shiftColumns = random.nextInt(-MAX_SHIFT, MAX_SHIFT + 1);
        double contrast = random.nextDouble(MIN_CONTRAST, MAX_CONTRAST);
        for (int channel = 0; channel < CifarDataset.CHANNELS; channel++) {
            int base = channel * CifarDataset.CHANNEL_PIXELS;
            for (int row = 0; row < CifarDataset.SIDE; row++) {
                int sourceRow = Math.floorMod(row - shiftRows, CifarDataset.SIDE);
                for (int column = 0; column < CifarDataset.SIDE; column++) {
                    int sourceColumn = Math.floorMod(column - shiftColumns, CifarDataset.SIDE);
                    double value = MID_GREY + contrast * (template[base + sourceRow * CifarDataset.SIDE + sourceColumn]
                            - MID_GREY) + NOISE * random.nextGaussian();
                    double clipped = Math.min(1.0, Math.max(0.0, value));
                    target[offset + base + row * CifarDataset.SIDE + column] = (byte) Math.round(clipped * 255);
                }
            }
        }
    }
}
