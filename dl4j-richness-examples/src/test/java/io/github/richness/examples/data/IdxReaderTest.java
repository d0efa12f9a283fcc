package io.github.richness.examples.data;

import static io.github.richness.examples.data.IdxTestFiles.images;
import static io.github.richness.examples.data.IdxTestFiles.labels;
import static io.github.richness.examples.data.IdxTestFiles.patternPixels;
import static io.github.richness.examples.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void roundTripsImagesAndLabels(String suffix) {
        byte[] pixels = patternPixels(5);
        byte[] labels = {3, 0, 9, 9, 1};
        Path imageFile = write(dir, "images-idx3-ubyte" + suffix, images(pixels));
        Path labelFile = write(dir, "labels-idx1-ubyte" + suffix, labels(labels));

        assertArrayEquals(pixels, IdxReader.readImages(imageFile));
        assertArrayEquals(labels, IdxReader.readLabels(labelFile));

        MnistDigits digits = MnistDigits.fromFiles(imageFile, labelFile);
        assertEquals(5, digits.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(labels[i], digits.label(i));
            float[] image = digits.image(i);
            for (int p = 0; p < IdxReader.PIXELS; p++) {
                assertEquals(Byte.toUnsignedInt(pixels[i * IdxReader.PIXELS + p]) / 255f, image[p], 1e-7f);
            }
            assertEquals(image[28 * 3 + 5], digits.pixel(i, 3, 5));
        }
    }

    @Test
    void readsAnEmptyFile() {
        Path imageFile = write(dir, "empty-images", images(new byte[0]));
        Path labelFile = write(dir, "empty-labels", labels(new byte[0]));
        assertEquals(0, MnistDigits.fromFiles(imageFile, labelFile).size());
    }

    @Test
    void rejectsALabelFileGivenAsImages() {
        Path file = write(dir, "train-images-idx3-ubyte", labels(new byte[] {1, 2}));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file))
                .getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        assertTrue(message.contains("bad magic number 0x00000801 (that of a label file), expected 0x00000803"),
                message);
    }

    @Test
    void rejectsAnImageFileGivenAsLabels() {
        Path file = write(dir, "labels.gz", images(patternPixels(1)));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file))
                .getMessage();
        assertTrue(message.contains("bad magic number 0x00000803 (that of an image file), expected 0x00000801"),
                message);
    }

    @Test
    void rejectsGarbageMagic() {
        byte[] garbage = "hello, this is not an IDX file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String message = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.readImages(new ByteArrayInputStream(garbage), "notes.txt")).getMessage();
        assertTrue(message.startsWith("notes.txt: bad magic number 0x68656c6c"), message);
    }

    @Test
    void rejectsWrongDimensions() {
        Path file = write(dir, "cifar-images.gz", images(IdxReader.IMAGE_MAGIC, 1, 32, 32, new byte[32 * 32]));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file))
                .getMessage();
        assertEquals(file + ": images are 32x32 pixels, expected 28x28", message);
    }

    @Test
    void rejectsALabelOutOfRange() {
        Path file = write(dir, "labels", labels(new byte[] {0, 9, 10, 3}));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file))
                .getMessage();
        assertEquals(file + ": label 10 at index 2 is outside 0..9", message);
    }

    @Test
    void reportsALabelAbove127AsUnsigned() {
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(
                new ByteArrayInputStream(labels(new byte[] {(byte) 200})), "l")).getMessage();
        assertEquals("l: label 200 at index 0 is outside 0..9", message);
    }

    @Test
    void rejectsACountMismatch() {
        Path imageFile = write(dir, "train-images-idx3-ubyte.gz", images(patternPixels(3)));
        Path labelFile = write(dir, "train-labels-idx1-ubyte.gz", labels(new byte[] {1, 2}));
        String message = assertThrows(IllegalArgumentException.class,
                () -> MnistDigits.fromFiles(imageFile, labelFile)).getMessage();
        assertEquals(imageFile + " holds 3 images but " + labelFile
                + " holds 2 labels; the two files do not belong together", message);
    }

    @Test
    void rejectsTruncatedGzippedLabels() {
        byte[] labels = new byte[7990];
        Arrays.fill(labels, (byte) 4);
        Path file = write(dir, "train-labels-idx1-ubyte.gz", labels(IdxReader.LABEL_MAGIC, 8000, labels));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file))
                .getMessage();
        assertEquals(file + ": expected 8000 labels but the file ends after 7990", message);
    }

    @Test
    void rejectsAnImageCutInTheMiddle() {
        byte[] full = images(patternPixels(3));
        Path file = write(dir, "images", Arrays.copyOf(full, full.length - 100));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file))
                .getMessage();
        assertEquals(file + ": expected 3 images but the file ends after 2", message);
    }

    @Test
    void rejectsACutGzipStream() throws IOException {
        Path whole = write(dir, "whole.gz", images(patternPixels(50)));
        byte[] compressed = Files.readAllBytes(whole);
        Path file = dir.resolve("cut.gz");
        Files.write(file, Arrays.copyOf(compressed, compressed.length / 2));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file))
                .getMessage();
        assertTrue(message.startsWith(file + ": expected 50 images but the file ends after "), message);
    }

    @Test
    void rejectsATruncatedHeader() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.readImages(new ByteArrayInputStream(new byte[] {0, 0, 8, 3, 0, 0}), "short"))
                .getMessage();
        assertEquals("short: the file ends after 6 bytes, inside its 16-byte header; "
                + "it is truncated or not an IDX file", message);
    }

    @Test
    void rejectsDataAfterTheAnnouncedItems() {
        byte[] labels = {1, 2, 3};
        Path file = write(dir, "labels", labels(IdxReader.LABEL_MAGIC, 2, labels));
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(file))
                .getMessage();
        assertEquals(file + ": unexpected data after the 2 labels that the header announces", message);
    }

    @Test
    void rejectsAnImplausibleCountWithoutAllocatingIt() {
        String message = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(
                new ByteArrayInputStream(images(IdxReader.IMAGE_MAGIC, -1, 28, 28, new byte[0])), "huge"))
                .getMessage();
        assertEquals("huge: the header announces 4294967295 images, which is not a plausible count", message);

        // A large but representable count in a tiny file is reported as truncation, not as an out-of-memory.
        String truncated = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(
                new ByteArrayInputStream(images(IdxReader.IMAGE_MAGIC, 2_000_000, 28, 28, new byte[784])), "big"))
                .getMessage();
        assertEquals("big: expected 2000000 images but the file ends after 1", truncated);
    }

    @Test
    void reportsAMissingFileAsUncheckedIo() {
        Path missing = dir.resolve("nope.gz");
        String message = assertThrows(java.io.UncheckedIOException.class, () -> IdxReader.readLabels(missing))
                .getMessage();
        assertTrue(message.startsWith(missing + ": cannot read the file"), message);
    }
}
