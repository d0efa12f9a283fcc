package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.richness.device.SymmetricKernels;
import io.github.richness.record.LibraryVersion;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.testing.DenseReference;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.LoggerFactory;

/**
 * What the listener promises beyond the numbers: every record says how it was measured, nothing a measurement
 * or a reporter throws leaves {@code fit}, a failed copy of the initial model costs only S_init, a second model
 * is refused by name, a persistent failure does not flood the log, and S_init's reference is the model before
 * its first update in a user's own {@code fit(DataSet)} loop too.
 */
class ListenerRobustnessTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger listenerLogger = (Logger) LoggerFactory.getLogger(RichnessListener.class);

    @BeforeEach
    void captureLog() {
        log.start();
        listenerLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        listenerLogger.detachAppender(log);
    }

    @Test
    void everyRecordCarriesItsRunsProvenance() {
        DataSet probe = TestModels.classData(1, 120, 12);
        RichnessListener listener = RichnessListener.builder(probe).trainingProbe(TestModels.classData(2, 90, 12))
                .maxProbeSamples(100).logRecords(false).build();
        MultiLayerNetwork net = TestModels.dense(3, true);
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(4, 80, 12), 40), 2);
        List<RichnessRecord> history = listener.history();
        assertEquals(2, history.size());
        for (RichnessRecord record : history) {
            Provenance provenance = record.provenance();
            assertEquals(listener.runId(), provenance.runId());
            assertEquals(LibraryVersion.get(), provenance.libraryVersion());
            assertFalse(LibraryVersion.get().contains("$") || LibraryVersion.get().equals("unknown"),
                    "the version resource is filtered: " + LibraryVersion.get());
            assertEquals(Provenance.LISTENER, provenance.source());
            assertEquals("PRE_ACTIVATION", provenance.outputMode());
            assertEquals("layer 3", provenance.headName());
            assertEquals("OutputLayer", provenance.headType());
            assertEquals(100, provenance.sampleCap());
            assertTrue(provenance.spectraOn() && provenance.baselinesOn());
            assertEquals(SymmetricKernels.forBackend().name(), provenance.kernels());
            assertEquals(Provenance.TRAINING_PROBE, provenance.probes().get(Provenance.SPECTRUM));
            assertEquals(Provenance.TEST_PROBE, provenance.probes().get(Provenance.D_LR));
            assertEquals(Provenance.TEST_PROBE, provenance.probes().get(Provenance.PROJECTIONS));
            assertEquals("1.0E-4", provenance.estimators().get("nc1_ridge"));
            assertEquals(100, record.probe().testSamples(), "the cap");
            assertEquals(90, record.probe().spectrumSamples());
        }
        RichnessListener other = RichnessListener.builder(probe).logRecords(false).build();
        assertNotEquals(listener.runId(), other.runId(), "one run id per listener");
        assertEquals(Provenance.TEST_PROBE, other.measureNow(TestModels.dense(3, true)).provenance().probes()
                .get(Provenance.SPECTRUM), "without a training probe the eigenfunctions come from the test probe");
    }

    @Test
    void aReporterThatThrowsAnErrorDoesNotStopTrainingOrTheOtherReporters() {
        List<RichnessRecord> received = new ArrayList<>();
        RichnessListener listener = RichnessListener.builder(TestModels.classData(5, 60, 12)).logRecords(false)
                .reportTo(record -> {
                    throw new NoClassDefFoundError("org/knowm/xchart/XYChart");
                })
                .reportTo(received::add).build();
        MultiLayerNetwork net = TestModels.dense(6, true);
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(7, 60, 12), 20), 3);
        assertEquals(3, net.getEpochCount(), "training ran to the end");
        assertEquals(3, received.size(), "the next reporter got every record");
        List<ILoggingEvent> warnings = warningsAbout("reporter");
        assertEquals(3, warnings.size());
        assertTrue(warnings.get(0).getThrowableProxy() != null, "the first failure with its stack trace");
        assertTrue(warnings.get(1).getThrowableProxy() == null && warnings.get(2).getThrowableProxy() == null,
                "then one line each");
    }

    @Test
    void aFailedCopyOfTheInitialModelCostsOnlySInit() {
        MultiLayerNetwork net = new MultiLayerNetwork(TestModels.dense(8, true).getLayerWiseConfigurations()) {
            @Override
            public MultiLayerNetwork clone() {
                throw new OutOfMemoryError("simulated: no memory for a copy");
            }
        };
        net.init();
        RichnessListener listener = RichnessListener.builder(TestModels.classData(9, 60, 12)).logRecords(false)
                .build();
        net.addListeners(listener);
        net.fit(TestModels.iterator(TestModels.classData(10, 60, 12), 20), 2);
        assertEquals(2, net.getEpochCount());
        for (RichnessRecord record : listener.history()) {
            assertTrue(record.ok(), String.valueOf(record.failure()));
            assertTrue(Double.isFinite(record.lowRankDistance()));
            assertTrue(Double.isNaN(record.baselines().kernelSimilarityToInit()));
            assertTrue(Double.isFinite(record.baselines().nc1()), "the other baselines are measured");
            assertTrue(record.warnings().stream().anyMatch(w -> w.contains("no S_init") && w.contains("simulated")),
                    record.warnings().toString());
        }
    }

    @Test
    void aSecondModelIsRefusedByName() {
        RichnessListener listener = RichnessListener.builder(TestModels.classData(11, 60, 12)).logRecords(false)
                .build();
        MultiLayerNetwork first = TestModels.dense(12, true);
        assertTrue(listener.measureNow(first).ok());
        RichnessRecord second = listener.measureNow(TestModels.dense(12, true));
        assertFalse(second.ok());
        assertTrue(second.failure().contains("use one listener per model"), second.failure());
        assertTrue(listener.measureNow(first).ok(), "the first model is still measured");
    }

    @Test
    void aPersistentFailureLogsItsStackTraceOnce() {
        RichnessListener listener = RichnessListener.builder(TestModels.classData(13, 30, 12)).logRecords(false)
                .frequency(1, InvocationType.ITERATION_END).build();
        MultiLayerNetwork recurrent = TestModels.recurrent(14);
        for (int i = 0; i < 40; i++) {
            listener.measureNow(recurrent);
        }
        List<ILoggingEvent> failures = warningsAbout("measurement at epoch");
        assertEquals(40, failures.size(), "one line per failed measurement");
        assertEquals(1, failures.stream().filter(e -> e.getThrowableProxy() != null).count(),
                "the stack trace once");
        assertTrue(listener.history().stream().noneMatch(RichnessRecord::ok));
    }

    /** A user's loop of fit(DataSet) calls has no epoch events: the reference is taken at the first forward pass. */
    @Test
    void sInitComparesWithTheModelBeforeItsFirstUpdateInAUsersOwnLoop() {
        DataSet probe = TestModels.classData(15, 80, 12);
        MultiLayerNetwork net = TestModels.dense(16, true);
        MultiLayerNetwork initial = net.clone();
        RichnessListener listener = RichnessListener.builder(probe).logRecords(false).build();
        net.addListeners(listener);
        DataSet train = TestModels.classData(17, 40, 12);
        for (int i = 0; i < 15; i++) {
            net.fit(train);
        }
        RichnessRecord record = listener.measureNow(net);
        double expected = DenseReference.kernelSimilarity(features(initial, probe), features(net, probe));
        assertEquals(expected, record.baselines().kernelSimilarityToInit(), 1e-5);
        assertTrue(expected < 0.999, "the features moved: the check would see a later reference");
    }

    private static double[][] features(MultiLayerNetwork net, DataSet probe) {
        List<INDArray> activations = net.feedForward(probe.getFeatures(), false);
        return activations.get(3).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private List<ILoggingEvent> warningsAbout(String text) {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text))
                .toList();
    }
}
