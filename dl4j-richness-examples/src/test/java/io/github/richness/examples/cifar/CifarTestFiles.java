package io.github.richness.examples.cifar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small CIFAR binary files for the tests. */
final class CifarTestFiles {

    private CifarTestFiles() {
    }

    /**
     * Returns {@code count} records of the dataset's layout. Record {@code r} (counting from {@code first})
     * has the fine label {@code (r * 7) % classes}, the coarse label {@code r % coarseClasses} (CIFAR-100) and
     * pixel bytes {@code (r * 31 + p) % 256} for pixel byte {@code p}.
     */
    static byte[] records(CifarDataset dataset, int first, int count) {
        byte[] bytes = new byte[count * dataset.recordBytes()];
        for (int i = 0; i < count; i++) {
            int r = first + i;
            int start = i * dataset.recordBytes();
            if (dataset.hasCoarseLabels()) {
                bytes[start] = (byte) coarseLabel(dataset, r);
            }
            bytes[start + dataset.labelBytes() - 1] = (byte) fineLabel(dataset, r);
            for (int p = 0; p < CifarDataset.IMAGE_BYTES; p++) {
                bytes[start + dataset.labelBytes() + p] = (byte) pixel(r, p);
            }
        }
        return bytes;
    }

    static int fineLabel(CifarDataset dataset, int record) {
        return record * 7 % dataset.classes();
    }

    static int coarseLabel(CifarDataset dataset, int record) {
        return record % dataset.coarseClasses();
    }

    static int pixel(int record, int pixelByte) {
        return (record * 31 + pixelByte) % 256;
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes every file of both splits, {@code perFile} records each, numbered on across the training files. */
    static void writeAll(Path dir, CifarDataset dataset, int perFile) {
        int record = 0;
        for (String name : dataset.files(true)) {
            write(dir.resolve(name), records(dataset, record, perFile));
            record += perFile;
        }
        write(dir.resolve(dataset.files(false).get(0)), records(dataset, 0, perFile));
    }
}
