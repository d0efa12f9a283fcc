package io.github.richness.examples.cifar;

import java.util.SplittableRandom;

/**
 * Turns a stored CIFAR image into network input the way the paper does (appendix H.4.2): for training, a
 * random 32×32 crop of the image zero-padded by {@value #PADDING} pixels on each side and a horizontal flip
 * with probability 1/2; always the per-channel normalisation {@code (x / 255 - mean) / std} with the paper's
 * {@link #MEAN} = (0.4914, 0.4822, 0.4465) and {@link #STD} = (0.2023, 0.1994, 0.2010), for CIFAR-10 and
 * CIFAR-100 alike (these are the widely copied CIFAR-10 values; the per-pixel standard deviations of CIFAR-10
 * are closer to 0.25, so the normalised inputs have a standard deviation of about 1.2).
 *
 * <p>The order is that of torchvision's {@code RandomCrop(32, padding=4)}, {@code RandomHorizontalFlip()},
 * {@code ToTensor()}, {@code Normalize(mean, std)}: the padding is black (0) before normalisation, so padded
 * pixels become {@code -mean / std}. The synthetic stand-in goes through the same transformation.
 */
public final class CifarAugmentation {

    /** Zero padding on each side before the random crop, in pixels. */
    public static final int PADDING = 4;
    /** Per-channel mean (red, green, blue) subtracted after scaling to [0, 1], from appendix H.4.2. */
    private static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    /** Per-channel standard deviation divided by after subtracting the mean, from appendix H.4.2. */
    private static final double[] STD = {0.2023, 0.1994, 0.2010};
    private static final double BYTE_SCALE = 255.0;

    private CifarAugmentation() {
    }

    /**
     * @param channel 0 red, 1 green, 2 blue
     * @return the mean subtracted from that channel
     */
    public static double mean(int channel) {
        return MEAN[channel];
    }

    /**
     * @param channel 0 red, 1 green, 2 blue
     * @return the standard deviation that channel is divided by
     */
    public static double std(int channel) {
        return STD[channel];
    }

    /**
     * Writes one image with a random crop and flip drawn from {@code random}.
     *
     * @param images the images
     * @param index which image
     * @param random the source of the crop offsets (uniform in 0..8 each) and the flip (probability 1/2)
     * @param target where to write the 3,072 normalised values, channel-major (NCHW)
     * @param offset where in {@code target} to start
     */
    public static void writeAugmented(CifarImages images, int index, SplittableRandom random, float[] target,
            int offset) {
        int rowOffset = random.nextInt(2 * PADDING + 1);
        int columnOffset = random.nextInt(2 * PADDING + 1);
        boolean flip = random.nextBoolean();
        write(images, index, rowOffset, columnOffset, flip, target, offset);
    }

    /**
     * Writes one image without augmentation: the centre crop of the padded image, not flipped.
     *
     * @param images the images
     * @param index which image
     * @param target where to write the 3,072 normalised values, channel-major (NCHW)
     * @param offset where in {@code target} to start
     */
    public static void writePlain(CifarImages images, int index, float[] target, int offset) {
        write(images, index, PADDING, PADDING, false, target, offset);
    }

    /**
     * Writes one image cropped at a given position of the padded image and optionally flipped.
     *
     * @param images the images
     * @param index which image
     * @param rowOffset the crop's top row in the padded image, 0..8 (4 is the unshifted image)
     * @param columnOffset the crop's left column in the padded image, 0..8
     * @param flip whether to mirror the crop left to right
     * @param target where to write the 3,072 normalised values, channel-major (NCHW)
     * @param offset where in {@code target} to start
     */
    public static void write(CifarImages images, int index, int rowOffset, int columnOffset, boolean flip,
            float[] target, int offset) {
        if (rowOffset < 0 || rowOffset > 2 * PADDING || columnOffset < 0 || columnOffset > 2 * PADDING) {
            throw new IllegalArgumentException("crop offsets (" + rowOffset + ", " + columnOffset
                    + ") are outside 0.." + 2 * PADDING);
        }
        if (index < 0 || index >= images.size()) {
            throw new IndexOutOfBoundsException("image " + index + " is outside 0.." + (images.size() - 1));
        }
        byte[] pixels = images.pixelBytes();
        int start = index * CifarDataset.IMAGE_BYTES;
        int side = CifarDataset.SIDE;
        for (int channel = 0; channel < CifarDataset.CHANNELS; channel++) {
            float padded = (float) (-MEAN[channel] / STD[channel]);
            double scale = 1.0 / (BYTE_SCALE * STD[channel]);
            double shift = MEAN[channel] / STD[channel];
            int base = channel * CifarDataset.CHANNEL_PIXELS;
            for (int row = 0; row < side; row++) {
                int sourceRow = row + rowOffset - PADDING;
                for (int column = 0; column < side; column++) {
                    int croppedColumn = flip ? side - 1 - column : column;
                    int sourceColumn = croppedColumn + columnOffset - PADDING;
                    boolean inside = sourceRow >= 0 && sourceRow < side && sourceColumn >= 0 && sourceColumn < side;
                    target[offset + base + row * side + column] = inside
                            ? (float) (Byte.toUnsignedInt(pixels[start + base + sourceRow * side + sourceColumn]) * scale
                                    - shift)
                            : padded;
                }
            }
        }
    }
}
