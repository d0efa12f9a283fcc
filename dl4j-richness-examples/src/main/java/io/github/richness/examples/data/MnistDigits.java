package io.github.richness.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split (training or test) of MNIST handwritten digits: 28x28 grey-scale images with their labels 0..9.
 *
 * <p>Pixels are exposed as floats in [0, 1] (the stored byte divided by 255); they are kept internally as the
 * original 8-bit values, which is exact and four times smaller. Instances are immutable.
 *
 * <p>Two sources are available:
 * <ul>
 *   <li>{@link #embeddedTrain()} and {@link #embeddedTest()}: 8,000 and 2,000 real MNIST digits shipped in
 *       this module's resources (see {@code io/github/richness/examples/mnist/NOTICE.md}), so that examples
 *       and tests run without a download;</li>
 *   <li>{@link #fromDirectory(Path, boolean)}: the full database (60,000 + 10,000 digits) in its standard
 *       files, from a directory the user has downloaded them to.</li>
 * </ul>
 */
public final class MnistDigits implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MnistDigits.class);

    /** Classpath folder holding the embedded digits. */
    private static final String RESOURCE_DIR = "/io/github/richness/examples/mnist/";
    private static final float SCALE = 1f / 255f;

    /** Where the digits were read from, for messages. */
    private final String source;
    /** The unsigned 8-bit pixels, 784 per digit, digit after digit, row-major. */
    private final byte[] pixels;
    /** The label of each digit, 0..9. */
    private final byte[] labels;

    private MnistDigits(String source, byte[] pixels, byte[] labels) {
        this.source = source;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Loads the 8,000 embedded training digits.
     *
     * @return the embedded training split
     * @throws IllegalStateException if the resources are missing from the classpath
     */
    public static MnistDigits embeddedTrain() {
        return embedded(true);
    }

    /**
     * Loads the 2,000 embedded test digits.
     *
     * @return the embedded test split
     * @throws IllegalStateException if the resources are missing from the classpath
     */
    public static MnistDigits embeddedTest() {
        return embedded(false);
    }

    /**
     * Loads one split of the full MNIST database from a directory holding its standard files:
     * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each either as is or gzipped with a {@code .gz} suffix.
     *
     * @param dir the directory
     * @param train {@code true} for the training split ({@code train-*}), {@code false} for the test split
     *     ({@code t10k-*})
     * @return the digits of that split
     * @throws IllegalArgumentException if a file is missing or malformed
     * @throws UncheckedIOException if a file cannot be read
     */
    public static MnistDigits fromDirectory(Path dir, boolean train) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory");
        }
        String prefix = prefix(train);
        return fromFiles(locate(dir, prefix + "-images-idx3-ubyte"), locate(dir, prefix + "-labels-idx1-ubyte"));
    }

    /**
     * Loads digits from an image file and a label file in the IDX format, plain or gzipped.
     *
     * @param imagesFile the image file
     * @param labelsFile the label file, with as many labels as the image file has images
     * @return the digits
     * @throws IllegalArgumentException if a file is malformed or the counts differ
     * @throws UncheckedIOException if a file cannot be read
     */
    public static MnistDigits fromFiles(Path imagesFile, Path labelsFile) {
        byte[] pixels = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        IdxReader.requireSameCount(imagesFile.toString(), pixels, labelsFile.toString(), labels);
        return loaded(imagesFile.toString(), pixels, labels);
    }

    /** @return the number of digits */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the first {@code n} digits.
     *
     * @param n how many digits to keep, {@code 0 <= n <= size()}
     * @return a new instance with the first {@code n} digits, or this instance if {@code n == size()}
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public MnistDigits subset(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("subset size " + n + " is outside 0.." + size());
        }
        if (n == size()) {
            return this;
        }
        return new MnistDigits(source + " (first " + n + ")", Arrays.copyOf(pixels, n * IdxReader.PIXELS),
                Arrays.copyOf(labels, n));
    }

    /**
     * Returns the label of one digit.
     *
     * @param index the digit's index, {@code 0 <= index < size()}
     * @return its label, 0..9
     */
    public int label(int index) {
        return labels[checkIndex(index)];
    }

    /**
     * Returns one pixel of one digit.
     *
     * @param index the digit's index, {@code 0 <= index < size()}
     * @param row the pixel's row, 0..27
     * @param column the pixel's column, 0..27
     * @return the pixel's intensity in [0, 1] (0 is background, 1 full ink)
     */
    public float pixel(int index, int row, int column) {
        checkIndex(index);
        if (row < 0 || row >= IdxReader.ROWS || column < 0 || column >= IdxReader.COLUMNS) {
            throw new IndexOutOfBoundsException("pixel (" + row + ", " + column + ") is outside the "
                    + IdxReader.ROWS + "x" + IdxReader.COLUMNS + " image");
        }
        return Byte.toUnsignedInt(pixels[index * IdxReader.PIXELS + row * IdxReader.COLUMNS + column]) * SCALE;
    }

    /**
     * Returns the pixels of one digit.
     *
     * @param index the digit's index, {@code 0 <= index < size()}
     * @return a new array of 784 intensities in [0, 1], row-major
     */
    public float[] image(int index) {
        float[] image = new float[IdxReader.PIXELS];
        copyImage(index, image, 0);
        return image;
    }

    /**
     * Writes the pixels of one digit into an array, for assembling minibatches without temporary arrays.
     *
     * @param index the digit's index, {@code 0 <= index < size()}
     * @param target the array to write to
     * @param offset where the 784 intensities in [0, 1] start in {@code target}
     */
    public void copyImage(int index, float[] target, int offset) {
        int start = checkIndex(index) * IdxReader.PIXELS;
        for (int p = 0; p < IdxReader.PIXELS; p++) {
            target[offset + p] = Byte.toUnsignedInt(pixels[start + p]) * SCALE;
        }
    }

    /**
     * Returns these digits with other pixels, for transforms such as {@link LabelEncoding}.
     *
     * @param description what was done to the pixels, appended to the source
     * @param editor changes a copy of the pixels in place: unsigned 8-bit values, 784 per digit, row-major
     * @return a new instance with the edited pixels and the same labels
     */
    MnistDigits withEditedPixels(String description, Consumer<byte[]> editor) {
        byte[] edited = pixels.clone();
        editor.accept(edited);
        return new MnistDigits(source + " (" + description + ")", edited, labels);
    }

    /** @return how many digits of each class there are; element {@code d} counts the label {@code d} */
    public int[] classCounts() {
        int[] counts = new int[IdxReader.CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** @return where the digits were read from, for messages */
    public String source() {
        return source;
    }

    /** @return a short description: the source and the number of digits */
    @Override
    public String toString() {
        return "MnistDigits[" + size() + " digits from " + source + "]";
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("digit " + index + " is outside 0.." + (labels.length - 1));
        }
        return index;
    }

    private static MnistDigits embedded(boolean train) {
        String prefix = prefix(train);
        String imagesName = RESOURCE_DIR.substring(1) + prefix + "-images-idx3-ubyte.gz";
        String labelsName = RESOURCE_DIR.substring(1) + prefix + "-labels-idx1-ubyte.gz";
        byte[] pixels;
        byte[] labels;
        try (InputStream images = resource(imagesName); InputStream labelStream = resource(labelsName)) {
            pixels = IdxReader.readImages(images, imagesName);
            labels = IdxReader.readLabels(labelStream, labelsName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded MNIST digits: " + e.getMessage(), e);
        }
        IdxReader.requireSameCount(imagesName, pixels, labelsName, labels);
        return loaded("classpath:" + imagesName, pixels, labels);
    }

    private static InputStream resource(String name) {
        InputStream in = MnistDigits.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException(name + ": resource not found on the classpath");
        }
        return in;
    }

    private static MnistDigits loaded(String source, byte[] pixels, byte[] labels) {
        MnistDigits digits = new MnistDigits(source, pixels, labels);
        LOG.debug("read {} digits from {}", digits.size(), source);
        return digits;
    }

    private static Path locate(Path dir, String baseName) {
        Path plain = dir.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzipped = dir.resolve(baseName + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        throw new IllegalArgumentException(dir + ": found neither " + baseName + " nor " + baseName
                + ".gz; download the MNIST files into this directory");
    }

    private static String prefix(boolean train) {
        return train ? "train" : "t10k";
    }
}
