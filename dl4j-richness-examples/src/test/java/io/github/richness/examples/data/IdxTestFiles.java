package io.github.richness.examples.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files, well-formed or deliberately broken, for the tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** Returns the bytes of an image file with the given header fields and pixel bytes. */
    static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) {
        return bytes(new int[] {magic, count, rows, columns}, pixels);
    }

    /** Returns the bytes of a label file with the given header fields and label bytes. */
    static byte[] labels(int magic, int count, byte[] labels) {
        return bytes(new int[] {magic, count}, labels);
    }

    /** Returns a well-formed 28x28 image file holding {@code pixels}. */
    static byte[] images(byte[] pixels) {
        return images(IdxReader.IMAGE_MAGIC, pixels.length / IdxReader.PIXELS, 28, 28, pixels);
    }

    /** Returns a well-formed label file holding {@code labels}. */
    static byte[] labels(byte[] labels) {
        return labels(IdxReader.LABEL_MAGIC, labels.length, labels);
    }

    /** Writes {@code content} to {@code dir/name}, gzipped if the name ends with .gz. */
    static Path write(Path dir, String name, byte[] content) {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                OutputStream target = name.endsWith(".gz") ? new GZIPOutputStream(out) : out) {
            target.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Returns {@code count} images whose pixel bytes follow a simple pattern that differs per image. */
    static byte[] patternPixels(int count) {
        byte[] pixels = new byte[count * IdxReader.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * 7 + i / IdxReader.PIXELS * 13) % 256);
        }
        return pixels;
    }

    private static byte[] bytes(int[] header, byte[] payload) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            for (int field : header) {
                out.writeInt(field);
            }
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
