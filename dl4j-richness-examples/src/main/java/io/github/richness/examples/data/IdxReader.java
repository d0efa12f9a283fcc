package io.github.richness.examples.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST image and label files in the IDX format, plain or gzip-compressed.
 *
 * <p>An image file starts with the magic number {@code 0x00000803}, the image count and the two dimensions
 * (which must be 28 and 28), followed by one unsigned byte per pixel, image after image, row-major. A label
 * file starts with {@code 0x00000801} and the label count, followed by one unsigned byte per label (which
 * must be 0..9). All header integers are big-endian. A gzip stream is recognised by its magic bytes, not by
 * the file name.
 *
 * <p>Every malformed input — wrong magic number, wrong dimensions, label out of range, a file shorter or
 * longer than its header says — is reported as an {@link IllegalArgumentException} whose message starts with
 * the file's name and says what is wrong. Failures of the underlying I/O are reported as
 * {@link UncheckedIOException}, also naming the file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images (three dimensions). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels (one dimension). */
    public static final int LABEL_MAGIC = 0x00000801;
    /** Height of an MNIST image in pixels. */
    public static final int ROWS = 28;
    /** Width of an MNIST image in pixels. */
    public static final int COLUMNS = 28;
    /** Number of pixels in one MNIST image. */
    public static final int PIXELS = ROWS * COLUMNS;
    /** Number of digit classes; labels lie in {@code 0 .. CLASSES - 1}. */
    public static final int CLASSES = 10;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Items allocated up front; the buffer grows as data actually arrives, so a lying header costs nothing. */
    private static final int INITIAL_ITEMS = 4096;

    private IdxReader() {
    }

    /**
     * Reads an image file.
     *
     * @param file an IDX image file, plain or gzipped
     * @return the pixels of all images, {@link #PIXELS} unsigned bytes per image, images in file order
     * @throws IllegalArgumentException if the file is not a well-formed 28x28 IDX image file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static byte[] readImages(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an image file from a stream, which this method does not close.
     *
     * @param in the stream, positioned at the start of an IDX image file, plain or gzipped
     * @param name the name to use for the file in error messages
     * @return the pixels of all images, {@link #PIXELS} unsigned bytes per image, images in file order
     * @throws IllegalArgumentException if the stream is not a well-formed 28x28 IDX image file
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static byte[] readImages(InputStream in, String name) {
        try {
            InputStream data = decompressIfGzipped(in);
            int[] header = readHeader(data, name, 4, IMAGE_MAGIC, "images");
            int count = checkCount(name, header[1], PIXELS, "images");
            if (header[2] != ROWS || header[3] != COLUMNS) {
                throw invalid(name, "images are " + header[2] + "x" + header[3] + " pixels, expected "
                        + ROWS + "x" + COLUMNS);
            }
            byte[] pixels = readItems(data, name, count, PIXELS, "images");
            requireEnd(data, name, count, "images");
            return pixels;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a label file.
     *
     * @param file an IDX label file, plain or gzipped
     * @return one label per image, each in {@code 0..9}, in file order
     * @throws IllegalArgumentException if the file is not a well-formed IDX label file with labels 0..9
     * @throws UncheckedIOException if the file cannot be read
     */
    public static byte[] readLabels(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a label file from a stream, which this method does not close.
     *
     * @param in the stream, positioned at the start of an IDX label file, plain or gzipped
     * @param name the name to use for the file in error messages
     * @return one label per image, each in {@code 0..9}, in file order
     * @throws IllegalArgumentException if the stream is not a well-formed IDX label file with labels 0..9
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static byte[] readLabels(InputStream in, String name) {
        try {
            InputStream data = decompressIfGzipped(in);
            int[] header = readHeader(data, name, 2, LABEL_MAGIC, "labels");
            int count = checkCount(name, header[1], 1, "labels");
            byte[] labels = readItems(data, name, count, 1, "labels");
            requireEnd(data, name, count, "labels");
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= CLASSES) {
                    throw invalid(name, "label " + Byte.toUnsignedInt(labels[i]) + " at index " + i
                            + " is outside 0.." + (CLASSES - 1));
                }
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that an image file and a label file describe the same number of digits.
     *
     * @param imagesName the image file's name, for the message
     * @param pixels the pixels as returned by {@link #readImages(InputStream, String)}
     * @param labelsName the label file's name, for the message
     * @param labels the labels as returned by {@link #readLabels(InputStream, String)}
     * @throws IllegalArgumentException if the counts differ
     */
    public static void requireSameCount(String imagesName, byte[] pixels, String labelsName, byte[] labels) {
        int images = pixels.length / PIXELS;
        if (images != labels.length || pixels.length % PIXELS != 0) {
            throw new IllegalArgumentException(imagesName + " holds " + images + " images but " + labelsName
                    + " holds " + labels.length + " labels; the two files do not belong together");
        }
    }

    private static InputStream decompressIfGzipped(InputStream in) throws IOException {
        InputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
            return new BufferedInputStream(new GZIPInputStream(buffered));
        }
        return buffered;
    }

    /** Reads the big-endian header fields, checking the magic number before the file's length matters. */
    private static int[] readHeader(InputStream in, String name, int fields, int expectedMagic, String what)
            throws IOException {
        byte[] bytes = new byte[4 * fields];
        int read = readFully(in, bytes, 0, 4);
        if (read == 4) {
            checkMagic(name, bigEndianInt(bytes, 0), expectedMagic, what);
            read += readFully(in, bytes, 4, bytes.length - 4);
        }
        if (read < bytes.length) {
            throw invalid(name, "the file ends after " + read + " bytes, inside its " + bytes.length
                    + "-byte header; it is truncated or not an IDX file");
        }
        int[] header = new int[fields];
        for (int i = 0; i < fields; i++) {
            header[i] = bigEndianInt(bytes, 4 * i);
        }
        return header;
    }

    private static int bigEndianInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
    }

    private static void checkMagic(String name, int magic, int expected, String what) {
        if (magic == expected) {
            return;
        }
        String hint = "";
        if (magic == LABEL_MAGIC) {
            hint = " (that of a label file)";
        } else if (magic == IMAGE_MAGIC) {
            hint = " (that of an image file)";
        }
        throw invalid(name, String.format("bad magic number 0x%08x%s, expected 0x%08x for an IDX file of %s",
                magic, hint, expected, what));
    }

    private static int checkCount(String name, int count, int itemSize, String what) {
        if (count < 0 || count > Integer.MAX_VALUE / itemSize) {
            throw invalid(name, "the header announces " + Integer.toUnsignedString(count) + " " + what
                    + ", which is not a plausible count");
        }
        return count;
    }

    /** Reads {@code count} items of {@code itemSize} bytes, growing the buffer only as data arrives. */
    private static byte[] readItems(InputStream in, String name, int count, int itemSize, String what)
            throws IOException {
        long total = (long) count * itemSize;
        byte[] data = new byte[(int) Math.min(total, (long) INITIAL_ITEMS * itemSize)];
        for (int i = 0; i < count; i++) {
            int offset = i * itemSize;
            if (offset + itemSize > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
            }
            if (readFully(in, data, offset, itemSize) < itemSize) {
                throw invalid(name, "expected " + count + " " + what + " but the file ends after " + i);
            }
        }
        return data;
    }

    private static void requireEnd(InputStream in, String name, int count, String what) throws IOException {
        boolean more;
        try {
            more = in.read() != -1;
        } catch (EOFException e) {
            more = false;
        }
        if (more) {
            throw invalid(name, "unexpected data after the " + count + " " + what + " that the header announces");
        }
    }

    /**
     * Reads up to {@code length} bytes, stopping early only at the end of the data. A gzip stream that ends
     * before its trailer counts as the end of the data, so that a truncated .gz file is reported like a
     * truncated plain file.
     */
    private static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n;
            try {
                n = in.read(buffer, offset + total, length - total);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException(name + ": " + problem);
    }
}
