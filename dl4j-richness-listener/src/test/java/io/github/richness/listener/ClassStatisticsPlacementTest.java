package io.github.richness.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import io.github.richness.record.RichnessRecord;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Class statistics are accumulated only for the probe NC1 and Tr(Σ_W) are measured on (the training probe's when
 * it is read, else the test probe's; none without baselines), and leaving them out elsewhere changes no number of
 * the record.
 */
class ClassStatisticsPlacementTest {

    @Test
    void onlyTheProbeNeuralCollapseIsMeasuredOnKeepsClassStatistics() {
        assertPlacement(plan(true, true, true), false, true);
        assertPlacement(plan(true, false, true), false, true);
        assertPlacement(plan(true, true, false), true, false);
        assertPlacement(plan(false, true, true), false, false);
        assertPlacement(plan(false, true, false), false, false);
        assertPlacement(plan(true, false, false), true, false);
    }

    @Test
    void probeMomentsKeepClassStatisticsAsThePlanSays() {
        MultiLayerNetwork net = TestModels.dense(61, false);
        DataSet probe = TestModels.classData(62, 90, 12);
        ActivationCapture capture = ActivationCapture.of(net, null, OutputMode.PRE_ACTIVATION);
        MeasurementPlan plan = plan(true, true, true);
        ProbeAccumulation moments = new ProbeAccumulation(0, 0, plan.keepsClassStatistics(false),
                plan.keepsClassStatistics(true));
        moments.addProbe(List.of(probe).iterator(), Long.MAX_VALUE, 32, capture, null);
        moments.addTrainingProbe(List.of(probe).iterator(), Long.MAX_VALUE, 32, capture);
        assertFalse(moments.probeMoments().layout().classStatistics());
        assertTrue(moments.trainingMoments().layout().classStatistics());
        assertEquals(moments.probeMoments().layout().targets(), moments.trainingMoments().layout().targets(),
                "the targets stay for Π*");
    }

    /**
     * Without baselines (no class statistics, no S_init, no lazy reference) D_LR, its variants, its standard
     * errors and the spectra are those measured with them, to the last bit.
     */
    @Test
    void leavingClassStatisticsOutChangesNoOtherNumber() {
        MultiLayerNetwork net = TestModels.dense(63, false);
        DataSet probe = TestModels.classData(64, 160, 12);
        RichnessRecord with = RichnessListener.builder(probe).logRecords(false).build().measureNow(net);
        RichnessRecord without = RichnessListener.builder(probe).baselines(false).logRecords(false).build()
                .measureNow(net);
        assertEquals(with.lowRankDistance(), without.lowRankDistance(), 0.0);
        assertEquals(with.distances().projectionLowRankDistance(), without.distances().projectionLowRankDistance(), 0.0);
        assertEquals(with.distances().debiasedLowRankDistance(), without.distances().debiasedLowRankDistance(), 0.0);
        assertEquals(with.distances().standardErrors(), without.distances().standardErrors());
        assertEquals(with.spectra(), without.spectra());
        assertTrue(Double.isFinite(with.baselines().nc1()));
        assertTrue(Double.isNaN(without.baselines().nc1()));
    }

    private static void assertPlacement(MeasurementPlan plan, boolean test, boolean training) {
        assertEquals(test, plan.keepsClassStatistics(false), plan::toString);
        assertEquals(training, plan.keepsClassStatistics(true), plan::toString);
    }

    private static MeasurementPlan plan(boolean baselines, boolean spectra, boolean trainingProbe) {
        return new MeasurementPlan("run", "test", OutputMode.PRE_ACTIVATION, 1000, spectra, baselines, 10,
                trainingProbe, 0, 0);
    }
}
