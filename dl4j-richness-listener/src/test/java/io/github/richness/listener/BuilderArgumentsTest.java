package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Every builder argument is checked at {@code build()}, and a bad one is an {@link IllegalArgumentException}
 * naming it (issue 12, item 7): nulls, empty and one-sample probes, every numeric bound. The setters
 * themselves accept anything; nothing is read from a probe iterator before the settings are known good.
 */
class BuilderArgumentsTest {

    private final DataSet probe = TestModels.classData(121, 10, 12);

    @Test
    void nullProbesAreNamedAsNullNotAsEmpty() {
        assertMessage("the probe DataSetIterator is null", () -> RichnessListener.builder((DataSetIterator) null).build());
        assertMessage("the probe DataSet is null", () -> RichnessListener.builder((DataSet) null).build());
        assertMessage("the training probe DataSetIterator is null: leave trainingProbe out to use the main probe",
                () -> RichnessListener.builder(probe).trainingProbe((DataSetIterator) null).build());
        assertMessage("the training probe DataSet is null: leave trainingProbe out to use the main probe",
                () -> RichnessListener.builder(probe).trainingProbe((DataSet) null).build());
    }

    @Test
    void emptyAndOneSampleProbesAreRefusedAtBuild() {
        assertMessage("the probe iterator is empty",
                () -> RichnessListener.builder(new ExistingDataSetIterator(new ArrayList<DataSet>())).build());
        assertMessage("the probe DataSet is empty", () -> RichnessListener.builder(new DataSet()).build());
        assertMessage("the training probe iterator is empty", () -> RichnessListener.builder(probe)
                .trainingProbe(new ExistingDataSetIterator(new ArrayList<DataSet>())).build());
        DataSet one = TestModels.classData(122, 1, 12);
        assertMessage("the probe has 1 sample: D_LR needs at least 2", () -> RichnessListener.builder(one).build());
        assertMessage("the probe has 1 sample: D_LR needs at least 2",
                () -> RichnessListener.builder(new ExistingDataSetIterator(List.of(one))).build());
    }

    /** With n = 2 both centred kernels have rank 1 and are proportional: CKA = 1, D_LR = 0 exactly. */
    @Test
    void theSmallestProbeAcceptedIsMeasured() {
        MultiLayerNetwork net = TestModels.dense(123, true);
        RichnessRecord record = RichnessListener.builder(TestModels.classData(124, 2, 12)).logRecords(false)
                .spectra(false).baselines(false).build().measureNow(net);
        assertTrue(record.ok(), String.valueOf(record.failure()));
        assertEquals(2, record.probe().testSamples());
        assertEquals(0.0, record.lowRankDistance(), 1e-9);
    }

    @Test
    void everyNumericBoundIsNamed() {
        assertMessage("frequency must be at least 1, got 0",
                () -> RichnessListener.builder(probe).frequency(0, InvocationType.EPOCH_END).build());
        assertMessage("frequency: the invocation type must not be null",
                () -> RichnessListener.builder(probe).frequency(1, null).build());
        assertMessage("maxProbeSamples must be at least 2", () -> RichnessListener.builder(probe).maxProbeSamples(1).build());
        assertMessage("probeBatchSize must be at least 1, got 0",
                () -> RichnessListener.builder(probe).probeBatchSize(0).build());
        assertMessage("spectrumEntries must be at least 1, got 0",
                () -> RichnessListener.builder(probe).spectrumEntries(0).build());
        assertMessage("keepSpectraOfLast must not be negative, got -1",
                () -> RichnessListener.builder(probe).keepSpectraOfLast(-1).build());
    }

    @Test
    void nullAndBlankChoicesAreNamed() {
        assertMessage("outputMode must not be null", () -> RichnessListener.builder(probe).outputMode(null).build());
        assertMessage("outputLayer must not be blank", () -> RichnessListener.builder(probe).outputLayer(" ").build());
        assertMessage("reportTo: reporter 2 of 2 is null",
                () -> RichnessListener.builder(probe).reportTo(record -> { }).reportTo(null).build());
        RichnessRecord record = RichnessListener.builder(probe).outputLayer(null).logRecords(false).build()
                .measureNow(TestModels.dense(125, true));
        assertTrue(record.ok(), "outputLayer(null) is the documented default: " + record.failure());
    }

    /** A wrong setting is reported before any probe iterator is read, so a non-resettable one is not spent. */
    @Test
    void aBadSettingDoesNotSpendTheProbeIterator() {
        List<DataSet> batches = TestModels.classData(126, 30, 12).batchBy(10);
        DataSetIterator once = new ExistingDataSetIterator(batches.iterator());
        assertMessage("spectrumEntries", () -> RichnessListener.builder(once).spectrumEntries(0).build());
        Supplier<RichnessListener> fixed = () -> RichnessListener.builder(once).logRecords(false).build();
        assertEquals(30, fixed.get().measureNow(TestModels.dense(127, true)).probe().testSamples(),
                "every sample still there after the failed build()");
        assertFalse(once.hasNext());
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
