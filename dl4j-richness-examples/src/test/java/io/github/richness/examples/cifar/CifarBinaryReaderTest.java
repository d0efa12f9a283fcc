package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CifarBinaryReaderTest {

    private static final int PER_FILE = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CifarDataset.class)
    void readsTheTrainingFilesInOrderWithLabelsAndPixels(CifarDataset dataset) {
        CifarTestFiles.writeAll(dir, dataset, PER_FILE);
        CifarImages train = CifarBinaryReader.read(dir, dataset, true);

        int expected = dataset.files(true).size() * PER_FILE;
        assertEquals(expected, train.size());
        assertEquals(dataset.classes(), train.classes());
        assertEquals(dataset.hasCoarseLabels(), train.hasCoarseLabels());
        for (int r = 0; r < expected; r++) {
            assertEquals(CifarTestFiles.fineLabel(dataset, r), train.label(r));
            if (dataset.hasCoarseLabels()) {
                assertEquals(CifarTestFiles.coarseLabel(dataset, r), train.coarseLabel(r));
            }
            assertEquals(CifarTestFiles.pixel(r, 0), train.pixel(r, 0, 0, 0));
            assertEquals(CifarTestFiles.pixel(r, 1024 + 32 * 5 + 7), train.pixel(r, 1, 5, 7), "green row 5 column 7");
            assertEquals(CifarTestFiles.pixel(r, 3071), train.pixel(r, 2, 31, 31));
        }
        assertEquals(PER_FILE, CifarBinaryReader.read(dir, dataset, false).size());
    }

    @Test
    void labelsStayInRangeOnAFullRangeFile() {
        byte[] content = CifarTestFiles.records(CifarDataset.CIFAR_100, 0, 200);
        Path file = CifarTestFiles.write(dir.resolve("train.bin"), content);
        CifarImages images = CifarBinaryReader.readFiles(List.of(file), CifarDataset.CIFAR_100);
        int[] counts = images.classCounts();
        assertEquals(100, counts.length);
        assertEquals(200, Arrays.stream(counts).sum());
        assertTrue(Arrays.stream(counts).allMatch(c -> c == 2), "7 is coprime to 100: every fine label twice");
        for (int r = 0; r < 200; r++) {
            assertTrue(images.coarseLabel(r) < 20);
        }
    }

    @Test
    void findsTheFilesInTheArchiveFolder() {
        CifarTestFiles.writeAll(dir.resolve("cifar-10-batches-bin"), CifarDataset.CIFAR_10, 1);
        assertEquals(5, CifarBinaryReader.read(dir, CifarDataset.CIFAR_10, true).size());
    }

    @Test
    void aTruncatedFileIsAClearError() {
        byte[] content = CifarTestFiles.records(CifarDataset.CIFAR_10, 0, 2);
        Path file = CifarTestFiles.write(dir.resolve("test_batch.bin"), Arrays.copyOf(content, content.length - 100));
        String message = assertThrows(IllegalArgumentException.class,
                () -> CifarBinaryReader.read(dir, CifarDataset.CIFAR_10, false)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains("truncated"), message);
        assertTrue(message.contains("1 records and 2973 bytes"), message);
    }

    @Test
    void aMissingFileNamesItAndWhereToGetIt() throws IOException {
        CifarTestFiles.writeAll(dir, CifarDataset.CIFAR_10, 1);
        Files.delete(dir.resolve("data_batch_3.bin"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> CifarBinaryReader.read(dir, CifarDataset.CIFAR_10, true)).getMessage();
        assertTrue(message.contains("data_batch_3.bin"), message);
        assertTrue(message.contains(CifarBinaryReader.DOWNLOAD_PAGE), message);
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        Path missing = dir.resolve("nowhere");
        String message = assertThrows(IllegalArgumentException.class,
                () -> CifarBinaryReader.read(missing, CifarDataset.CIFAR_100, true)).getMessage();
        assertTrue(message.contains("not a directory"), message);
    }

    @Test
    void anEmptyFileIsAClearError() {
        Path file = CifarTestFiles.write(dir.resolve("test.bin"), new byte[0]);
        String message = assertThrows(IllegalArgumentException.class,
                () -> CifarBinaryReader.readFiles(List.of(file), CifarDataset.CIFAR_100)).getMessage();
        assertTrue(message.contains("empty"), message);
    }

    @Test
    void aCifar100FileReadAsCifar10IsRejectedByItsLabels() {
        byte[] content = CifarTestFiles.records(CifarDataset.CIFAR_100, 0, 3073);
        Path file = CifarTestFiles.write(dir.resolve("test_batch.bin"), content);
        assertEquals(0, content.length % CifarDataset.CIFAR_10.recordBytes(), "3,073 CIFAR-100 records fill whole CIFAR-10 records");
        String message = assertThrows(IllegalArgumentException.class,
                () -> CifarBinaryReader.readFiles(List.of(file), CifarDataset.CIFAR_10)).getMessage();
        assertTrue(message.contains("outside 0..9"), message);
    }

    @Test
    void subsetKeepsTheFirstImagesAndTheirCoarseLabels() {
        Path file = CifarTestFiles.write(dir.resolve("test.bin"), CifarTestFiles.records(CifarDataset.CIFAR_100, 0, 5));
        CifarImages images = CifarBinaryReader.readFiles(List.of(file), CifarDataset.CIFAR_100);
        CifarImages first = images.subset(2);
        assertEquals(2, first.size());
        assertEquals(images.coarseLabel(1), first.coarseLabel(1));
        assertEquals(images.pixel(1, 2, 3, 4), first.pixel(1, 2, 3, 4));
        assertFalse(CifarBinaryReader.readFiles(List.of(CifarTestFiles.write(dir.resolve("c10.bin"),
                CifarTestFiles.records(CifarDataset.CIFAR_10, 0, 1))), CifarDataset.CIFAR_10).hasCoarseLabels());
    }
}
