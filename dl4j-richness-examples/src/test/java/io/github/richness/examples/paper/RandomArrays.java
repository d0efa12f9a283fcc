package io.github.richness.examples.paper;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Double-precision test arrays with entries uniform in [−1, 1), reproducible from a seeded generator. */
final class RandomArrays {

    private RandomArrays() {
    }

    /**
     * @param random the generator
     * @param shape the array's shape
     * @return a new array of that shape
     */
    static INDArray uniform(SplittableRandom random, long... shape) {
        INDArray array = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, random.nextDouble(-1, 1));
        }
        return array;
    }
}
