package io.github.richness.examples.benchmarks;

import io.github.richness.examples.QuickStart;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The listener's overhead on the quick-start network (MLP 784-256-128-10, MSE, Adam; {@link QuickStart}):
 * one measurement with a 2,048-sample probe (D_LR, spectra, Π*, Π̂ and baselines: the defaults) beside one
 * training epoch on the 8,000 embedded training digits in minibatches of 64, and the cost of an iteration
 * at which the listener is not scheduled. The heap allocated per measurement comes from JMH's {@code gc}
 * profiler ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=16G"})
public class ListenerBenchmark {

    /** The probe size of the target. */
    private static final int PROBE_SAMPLES = 2048;
    private static final int PROBE_BATCH = 256;
    private static final int TRAIN_BATCH = 64;

    private MultiLayerNetwork net;
    private MnistDataSetIterator train;
    private RichnessListener measuring;
    private RichnessListener unscheduled;
    private int iteration;

    /** Builds the network, the data and two listeners, and measures once so that both are warm. */
    @Setup(Level.Trial)
    public void setUp() {
        net = QuickStart.network();
        train = new MnistDataSetIterator(MnistDigits.embeddedTrain(), TRAIN_BATCH, 42);
        MnistDigits probe = MnistDigits.embeddedTrain().subset(PROBE_SAMPLES);
        measuring = RichnessListener.builder(new MnistDataSetIterator(probe, PROBE_BATCH))
                .logRecords(false).build();
        measuring.measureNow(net);
        unscheduled = RichnessListener.builder(new MnistDataSetIterator(probe, PROBE_BATCH))
                .frequency(Integer.MAX_VALUE, InvocationType.ITERATION_END).logRecords(false).build();
        unscheduled.iterationDone(net, 0, 0);
    }

    /** @return the record of one measurement */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public RichnessRecord measurement() {
        return measuring.measureNow(net);
    }

    /** @return the network after one epoch of training, without listeners */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public MultiLayerNetwork epoch() {
        net.fit(train);
        return net;
    }

    /** An iteration callback on a listener scheduled every {@code Integer.MAX_VALUE} iterations. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void unscheduledIteration() {
        unscheduled.iterationDone(net, ++iteration, 0);
    }
}
