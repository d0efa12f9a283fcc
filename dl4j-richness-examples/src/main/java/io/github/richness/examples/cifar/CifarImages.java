package io.github.richness.examples.cifar;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One split of 32×32 colour images with class labels, held in memory as the original 8-bit values in the
 * CIFAR binary layout (channel-major: 1,024 red, 1,024 green, 1,024 blue bytes per image, each channel row by
 * row), which is exactly DL4J's NCHW layout for one image. Immutable.
 *
 * <p>Comes from the CIFAR binary files ({@link CifarBinaryReader}) or from the synthetic stand-in
 * ({@link SyntheticCifar}). For CIFAR-100 the coarse (superclass) labels are kept beside the fine labels the
 * networks are trained on.
 */
public final class CifarImages implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int classes;
    private final byte[] pixels;
    private final byte[] labels;
    private final byte[] coarseLabels;

    /**
     * @param source where the images come from, for messages
     * @param classes the number of classes; every label lies in {@code 0 .. classes - 1}
     * @param pixels {@link CifarDataset#IMAGE_BYTES} bytes per image, images in order
     * @param labels one label per image
     * @param coarseLabels one coarse label per image, or {@code null} where there are none
     * @throws IllegalArgumentException if the lengths disagree or a label is out of range
     */
    public CifarImages(String source, int classes, byte[] pixels, byte[] labels, byte[] coarseLabels) {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException(source + ": the number of classes must lie in 1..256, got " + classes);
        }
        if (pixels.length != (long) labels.length * CifarDataset.IMAGE_BYTES) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " pixel bytes do not make "
                    + labels.length + " images of " + CifarDataset.IMAGE_BYTES + " bytes");
        }
        if (coarseLabels != null && coarseLabels.length != labels.length) {
            throw new IllegalArgumentException(source + ": " + coarseLabels.length + " coarse labels for "
                    + labels.length + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= classes) {
                throw new IllegalArgumentException(source + ": label " + Byte.toUnsignedInt(labels[i])
                        + " of image " + i + " is outside 0.." + (classes - 1));
            }
        }
        this.source = source;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
        this.coarseLabels = coarseLabels;
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    /**
     * @param index the image, {@code 0 <= index < size()}
     * @return its class label, {@code 0 .. classes() - 1}
     */
    public int label(int index) {
        return Byte.toUnsignedInt(labels[checkIndex(index)]);
    }

    /** @return whether coarse labels are present (CIFAR-100) */
    public boolean hasCoarseLabels() {
        return coarseLabels != null;
    }

    /**
     * @param index the image, {@code 0 <= index < size()}
     * @return its coarse (superclass) label
     * @throws IllegalStateException if there are no coarse labels
     */
    public int coarseLabel(int index) {
        if (coarseLabels == null) {
            throw new IllegalStateException(source + " has no coarse labels (only CIFAR-100 has them)");
        }
        return Byte.toUnsignedInt(coarseLabels[checkIndex(index)]);
    }

    /**
     * @param index the image, {@code 0 <= index < size()}
     * @param channel 0 red, 1 green, 2 blue
     * @param row 0..31
     * @param column 0..31
     * @return the stored 8-bit value, 0..255
     */
    public int pixel(int index, int channel, int row, int column) {
        if (channel < 0 || channel >= CifarDataset.CHANNELS || row < 0 || row >= CifarDataset.SIDE
                || column < 0 || column >= CifarDataset.SIDE) {
            throw new IndexOutOfBoundsException("pixel (" + channel + ", " + row + ", " + column
                    + ") is outside the 3x32x32 image");
        }
        return Byte.toUnsignedInt(pixels[checkIndex(index) * CifarDataset.IMAGE_BYTES
                + channel * CifarDataset.CHANNEL_PIXELS + row * CifarDataset.SIDE + column]);
    }

    /**
     * Returns the first {@code n} images.
     *
     * @param n how many to keep, {@code 0 <= n <= size()}
     * @return the first {@code n} images, or this instance if {@code n == size()}
     */
    public CifarImages subset(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("subset size " + n + " is outside 0.." + size());
        }
        if (n == size()) {
            return this;
        }
        return new CifarImages(source + " (first " + n + ")", classes,
                Arrays.copyOf(pixels, n * CifarDataset.IMAGE_BYTES), Arrays.copyOf(labels, n),
                coarseLabels == null ? null : Arrays.copyOf(coarseLabels, n));
    }

    /** @return how many images of each class there are; element {@code c} counts the label {@code c} */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (byte label : labels) {
            counts[Byte.toUnsignedInt(label)]++;
        }
        return counts;
    }

    /** @return where the images come from */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "CifarImages[" + size() + " images, " + classes + " classes, from " + source + "]";
    }

    /** Package-private view of the stored bytes for the minibatch writer, which must not modify them. */
    byte[] pixelBytes() {
        return pixels;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("image " + index + " is outside 0.." + (labels.length - 1));
        }
        return index;
    }
}
