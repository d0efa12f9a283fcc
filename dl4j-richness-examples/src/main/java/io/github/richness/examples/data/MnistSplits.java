package io.github.richness.examples.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The training and test digits an example runs on: the embedded 8,000 + 2,000 digits, or the full MNIST
 * files in a directory, each cut to the first {@code n} digits when asked.
 *
 * @param train the training digits
 * @param test the test digits
 */
public record MnistSplits(MnistDigits train, MnistDigits test) {

    /**
     * @param directory a directory with the four MNIST IDX files, or empty for the embedded digits
     * @param trainSamples how many training digits to keep; at most the split's size (larger keeps all)
     * @param testSamples how many test digits to keep; at most the split's size (larger keeps all)
     * @return the two splits
     */
    public static MnistSplits load(Optional<Path> directory, int trainSamples, int testSamples) {
        MnistDigits train = directory.map(d -> MnistDigits.fromDirectory(d, true)).orElseGet(MnistDigits::embeddedTrain);
        MnistDigits test = directory.map(d -> MnistDigits.fromDirectory(d, false)).orElseGet(MnistDigits::embeddedTest);
        return new MnistSplits(train.subset(Math.min(trainSamples, train.size())),
                test.subset(Math.min(testSamples, test.size())));
    }
}
