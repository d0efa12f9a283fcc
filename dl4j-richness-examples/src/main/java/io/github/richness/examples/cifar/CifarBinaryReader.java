package io.github.richness.examples.cifar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10 and CIFAR-100 from their standard binary files (layout in {@link CifarDataset}) in a directory
 * the user names: the files themselves, or the folder the official archive unpacks to
 * ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/}) inside it.
 *
 * <p>The archives are {@code cifar-10-binary.tar.gz} and {@code cifar-100-binary.tar.gz} from
 * {@value #DOWNLOAD_PAGE}. DL4J's own {@code Cifar10DataSetIterator} downloads a repackaged CIFAR-10 from
 * {@code https://dl4jdata.blob.core.windows.net/} on first use and has no CIFAR-100; that server is not
 * reachable from every machine (it was not from the one these examples were written on), so the examples read
 * the binaries from a directory instead.
 *
 * <p>Every problem is an {@link IllegalArgumentException} naming the file: a missing file (with where to get
 * it), an empty file, a length that is not a whole number of records (a truncated download), a label outside
 * the dataset's range (a file of the other dataset). I/O failures are {@link UncheckedIOException}s.
 */
public final class CifarBinaryReader {

    /** Where the binary archives are published. */
    public static final String DOWNLOAD_PAGE = "https://www.cs.toronto.edu/~kriz/cifar.html";

    private CifarBinaryReader() {
    }

    /**
     * Reads one split from a directory.
     *
     * @param dir the directory holding the files or the archive's folder
     * @param dataset which dataset
     * @param train {@code true} for the training split (50,000 images), {@code false} for the test split (10,000)
     * @return the images, in file order
     * @throws IllegalArgumentException if a file is missing or malformed
     * @throws UncheckedIOException if a file cannot be read
     */
    public static CifarImages read(Path dir, CifarDataset dataset, boolean train) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; name the directory holding the "
                    + dataset + " binary files");
        }
        List<Path> files = new ArrayList<>();
        for (String name : dataset.files(train)) {
            files.add(locate(dir, dataset, name));
        }
        return readFiles(files, dataset);
    }

    /**
     * Reads and concatenates binary files of one dataset.
     *
     * @param files the files, in order
     * @param dataset which dataset they belong to
     * @return the images of all files, in order
     * @throws IllegalArgumentException if a file is missing or malformed
     * @throws UncheckedIOException if a file cannot be read
     */
    public static CifarImages readFiles(List<Path> files, CifarDataset dataset) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        ByteArrayOutputStream coarse = new ByteArrayOutputStream();
        for (Path file : files) {
            byte[] content = readAll(file);
            int records = checkLength(file, content.length, dataset);
            int labelBytes = dataset.labelBytes();
            for (int r = 0; r < records; r++) {
                int start = r * dataset.recordBytes();
                if (dataset.hasCoarseLabels()) {
                    coarse.write(checkLabel(file, r, content[start], dataset.coarseClasses(), "coarse label"));
                }
                labels.write(checkLabel(file, r, content[start + labelBytes - 1], dataset.classes(), "label"));
                pixels.write(content, start + labelBytes, CifarDataset.IMAGE_BYTES);
            }
        }
        String source = files.size() == 1 ? files.get(0).toString() : files.get(0).getParent() + " " + files.stream()
                .map(f -> f.getFileName().toString()).toList();
        return new CifarImages(source, dataset.classes(), pixels.toByteArray(), labels.toByteArray(),
                dataset.hasCoarseLabels() ? coarse.toByteArray() : null);
    }

    private static Path locate(Path dir, CifarDataset dataset, String name) {
        Path direct = dir.resolve(name);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        Path unpacked = dir.resolve(dataset.archiveFolder()).resolve(name);
        if (Files.isRegularFile(unpacked)) {
            return unpacked;
        }
        throw new IllegalArgumentException(direct + ": missing (looked also in " + unpacked + "); download the "
                + dataset + " binary version from " + DOWNLOAD_PAGE + " and unpack it into " + dir);
    }

    private static byte[] readAll(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing or not a regular file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    private static int checkLength(Path file, int length, CifarDataset dataset) {
        int record = dataset.recordBytes();
        if (length == 0) {
            throw new IllegalArgumentException(file + ": the file is empty; expected " + record + "-byte "
                    + dataset + " records");
        }
        if (length % record != 0) {
            throw new IllegalArgumentException(file + ": " + length + " bytes are not a whole number of "
                    + record + "-byte " + dataset + " records (" + length / record + " records and " + length % record
                    + " bytes); the file is truncated or belongs to another dataset");
        }
        return length / record;
    }

    private static int checkLabel(Path file, int record, byte value, int classes, String what) {
        int label = Byte.toUnsignedInt(value);
        if (label >= classes) {
            throw new IllegalArgumentException(file + ": record " + record + " has " + what + " " + label
                    + ", outside 0.." + (classes - 1) + "; the file is corrupt or belongs to another dataset");
        }
        return label;
    }
}
