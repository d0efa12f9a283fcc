package io.github.richness.examples.cifar;

import java.util.List;
import java.util.Locale;

/**
 * The two CIFAR datasets (Krizhevsky, 2009) in their standard binary distribution
 * ({@code cifar-10-binary.tar.gz}, {@code cifar-100-binary.tar.gz}), as the paper uses them (appendix H.3).
 *
 * <p>A file is a sequence of fixed-size records: the label byte(s), then 3,072 pixel bytes — the 1,024 red
 * values of the 32×32 image row by row, then the 1,024 green, then the 1,024 blue. A CIFAR-10 record has one
 * label byte (0..9); a CIFAR-100 record has two, the coarse label (0..19, the superclass) and then the fine
 * label (0..99, the class the paper trains on).
 */
public enum CifarDataset {

    /** CIFAR-10: 10 classes; {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin}. */
    CIFAR_10("CIFAR-10", 10, 0,
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"),
            "test_batch.bin", "cifar-10-batches-bin"),
    /** CIFAR-100: 100 fine classes in 20 coarse superclasses; {@code train.bin} and {@code test.bin}. */
    CIFAR_100("CIFAR-100", 100, 20, List.of("train.bin"), "test.bin", "cifar-100-binary");

    /** Image side in pixels. */
    public static final int SIDE = 32;
    /** Colour channels (red, green, blue). */
    public static final int CHANNELS = 3;
    /** Pixels of one channel. */
    public static final int CHANNEL_PIXELS = SIDE * SIDE;
    /** Pixel bytes of one image. */
    public static final int IMAGE_BYTES = CHANNELS * CHANNEL_PIXELS;

    private final String displayName;
    private final int classes;
    private final int coarseClasses;
    private final List<String> trainFiles;
    private final String testFile;
    private final String archiveFolder;

    CifarDataset(String displayName, int classes, int coarseClasses, List<String> trainFiles, String testFile,
            String archiveFolder) {
        this.displayName = displayName;
        this.classes = classes;
        this.coarseClasses = coarseClasses;
        this.trainFiles = trainFiles;
        this.testFile = testFile;
        this.archiveFolder = archiveFolder;
    }

    /** @return the number of classes trained on (the fine labels of CIFAR-100) */
    public int classes() {
        return classes;
    }

    /** @return the number of coarse superclasses, 0 for CIFAR-10 (which has none) */
    public int coarseClasses() {
        return coarseClasses;
    }

    /** @return whether a record carries a coarse label before the fine one */
    public boolean hasCoarseLabels() {
        return coarseClasses > 0;
    }

    /** @return the label bytes at the start of each record: 1 for CIFAR-10, 2 for CIFAR-100 */
    public int labelBytes() {
        return hasCoarseLabels() ? 2 : 1;
    }

    /** @return the bytes of one record: the label bytes and the 3,072 pixel bytes */
    public int recordBytes() {
        return labelBytes() + IMAGE_BYTES;
    }

    /**
     * @param train {@code true} for the training split, {@code false} for the test split
     * @return the names of the files holding that split, in reading order
     */
    public List<String> files(boolean train) {
        return train ? trainFiles : List.of(testFile);
    }

    /** @return the folder the official archive unpacks to, where the files may also be found */
    public String archiveFolder() {
        return archiveFolder;
    }

    /** @return the usual name, "CIFAR-10" or "CIFAR-100" */
    @Override
    public String toString() {
        return displayName;
    }

    /**
     * Parses the name a user types: {@code cifar10}, {@code cifar-10}, {@code 10} and the same for 100,
     * case-insensitive.
     *
     * @param name the name
     * @return the dataset
     * @throws IllegalArgumentException if the name is neither
     */
    public static CifarDataset parse(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (key) {
            case "cifar10", "10" -> CIFAR_10;
            case "cifar100", "100" -> CIFAR_100;
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; use cifar10 or cifar100");
        };
    }
}
