package io.github.richness.examples.benchmarks;

import io.github.richness.examples.QuickStart;
import io.github.richness.examples.data.MnistDataSetIterator;
import io.github.richness.examples.data.MnistDigits;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The listener's overhead on the quick-start network (MLP 784-256-128-10, MSE, Adam; {@link QuickStart}):
 * one measurement with a 2,048-sample probe at the listener's defaults (D_LR with its jackknife standard error
 * over 20 blocks, the lazy reference, spectra, Π*, Π̂, and with or without the baselines: S_init from the
 * initial model's kept probe features, ‖θ‖², NC1), with or without a separate training probe for the spectra
 * (the paper's protocol; without one the spectra use the test probe; here a second copy of the same 2,048
 * digits, which costs what any 2,048 digits cost), beside one training
 * epoch on the 8,000 embedded training digits in minibatches of 64, and the cost of an iteration at which
 * the listener is not scheduled. The heap allocated per measurement comes from JMH's {@code gc}
 * profiler ({@code gc.alloc.rate.norm}, averaged over the measurements of time-based iterations; it counts
 * every Java thread, so it is an upper bound).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=16G"})
public class ListenerBenchmark {

    /** The probe size of the target. */
    private static final int PROBE_SAMPLES = 2048;
    private static final int TRAIN_BATCH = 64;

    private MultiLayerNetwork net;
    private MnistDataSetIterator train;
    /** Whether the measurement includes the baselines (S_init's forward pass through the initial model, NC1). */
    @Param({"true", "false"})
    public boolean baselines;

    /** Size of the minibatches the probe is measured in: the listener's default, and the former default. */
    @Param({"1024", "256"})
    public int probeBatchSize;

    /** Whether the spectra come from a training probe of {@link #PROBE_SAMPLES} training digits. */
    @Param({"false", "true"})
    public boolean trainingProbe;

    private RichnessListener measuring;
    private RichnessListener unscheduled;
    private int iteration;

    /**
     * Builds the network, the data and the listeners, and measures once so that they are warm. The probe is
     * a {@link DataSet} already in ND4J memory, so that the heap figures are the listener's own, not a data
     * pipeline's (the embedded-digit iterator builds each minibatch from Java arrays).
     */
    @Setup(Level.Trial)
    public void setUp() {
        net = QuickStart.network();
        train = new MnistDataSetIterator(MnistDigits.embeddedTrain(), TRAIN_BATCH, 42);
        DataSet probe = new MnistDataSetIterator(MnistDigits.embeddedTrain().subset(PROBE_SAMPLES), PROBE_SAMPLES).next();
        RichnessListener.Builder builder = RichnessListener.builder(probe).baselines(baselines)
                .probeBatchSize(probeBatchSize).logRecords(false);
        if (trainingProbe) {
            builder.trainingProbe(new MnistDataSetIterator(MnistDigits.embeddedTrain().subset(PROBE_SAMPLES),
                    PROBE_SAMPLES).next());
        }
        measuring = builder.build();
        measuring.measureNow(net);
        unscheduled = RichnessListener.builder(probe)
                .frequency(Integer.MAX_VALUE, InvocationType.ITERATION_END).logRecords(false).build();
        unscheduled.iterationDone(net, 0, 0);
    }

    /** @return the record of one measurement */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 10)
    public RichnessRecord measurement() {
        return measuring.measureNow(net);
    }

    /**
     * @return the network after one epoch of training, without listeners; four epochs of warm-up, since the
     *         first epochs of a fresh JVM ran up to 1.7 times as long as later ones (JIT compilation, DL4J's
     *         workspaces learning their sizes)
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 4)
    @Measurement(iterations = 6)
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
