package io.github.richness.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.alert.RegimeAlert.Kind;
import io.github.richness.record.Distances;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.When;
import io.github.richness.report.JsonLinesReporter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regime alerts on synthetic D_LR sequences, and on a recorded grokking run. */
class RegimeAlertsTest {

    @Test
    void hysteresisKeepsAValueWanderingAroundAThresholdFromFlapping() {
        double[] values = {0.30, 0.21, 0.19, 0.205, 0.195, 0.202, 0.18, 0.17, 0.199, 0.2, 0.25};
        List<RegimeAlert> withBand = feed(RegimeAlerts.builder().threshold(0.2).withoutLazyToRich(), values);
        assertEquals(List.of(Kind.CROSSED_BELOW, Kind.CROSSED_ABOVE), kinds(withBand));
        assertEquals(6, withBand.get(0).epoch(), "0.18 is the first value below 0.2 × (1 − 0.05)");
        assertEquals(10, withBand.get(1).epoch(), "0.25 is the first value above 0.2 × (1 + 0.05) after it");
        assertEquals(0.2, withBand.get(0).level(), 0.0);
        List<RegimeAlert> withoutBand = feed(RegimeAlerts.builder().threshold(0.2).hysteresis(0)
                .withoutLazyToRich(), values);
        assertEquals(6, withoutBand.size(), "without hysteresis every wobble across 0.2 alerts: " + kinds(withoutBand));
    }

    @Test
    void severalThresholdsAlertIndependently() {
        List<RegimeAlert> alerts = feed(RegimeAlerts.builder().threshold(0.5).threshold(0.1).withoutLazyToRich(),
                0.7, 0.4, 0.3, 0.05, 0.6);
        assertEquals(List.of(Kind.CROSSED_BELOW, Kind.CROSSED_BELOW, Kind.CROSSED_ABOVE, Kind.CROSSED_ABOVE),
                kinds(alerts));
        assertEquals(List.of(1, 3, 4, 4), alerts.stream().map(RegimeAlert::epoch).toList());
    }

    /** Dips shorter than the sustain are noise; a sustained halving alerts once; a new rise re-arms. */
    @Test
    void lazyToRichNeedsASustainedFallAndReArmsAfterARise() {
        double[] values = {0.5, 0.6, 0.25, 0.58, 0.28, 0.27, 0.59, 0.29, 0.28, 0.26, 0.31, 0.27, 0.33, 0.5, 0.24,
            0.23, 0.22};
        List<RegimeAlert> alerts = feed(RegimeAlerts.builder(), values);
        assertEquals(List.of(Kind.LAZY_TO_RICH, Kind.LAZY_TO_RICH), kinds(alerts));
        RegimeAlert first = alerts.get(0);
        assertEquals(9, first.epoch(), "the third consecutive value at or below 0.6 / 2");
        assertEquals(7, first.sinceEpoch());
        assertEquals(0.6, first.level(), 0.0);
        assertEquals(0.26, first.value(), 0.0);
        assertTrue(first.message().contains("lazy-to-rich transition: D_LR fell from 0.6000 (epoch 1) to 0.2600 (epoch 9)"),
                first.message());
        assertEquals(16, alerts.get(1).epoch(), "re-armed by 0.5 ≥ 0.6 × 0.75, then three values ≤ 0.25");
        assertEquals(0.5, alerts.get(1).level(), 0.0);
        assertEquals(List.of(), feed(RegimeAlerts.builder().lazyLevel(0.7), values), "the peak never reached 0.7");
        assertEquals(List.of(), feed(RegimeAlerts.builder().lazyToRich(0.5, 4), values),
                "neither fall lasts 4 records (0.31 interrupts the first)");
    }

    @Test
    void failedRecordsAndNaNAreSkipped() {
        RegimeAlerts alerts = RegimeAlerts.builder().threshold(0.2).log(false).build();
        alerts.report(record(0, 0.3));
        alerts.report(RichnessRecord.builder().when(new When(1, 0, 0, 0)).failure("simulated").build());
        alerts.report(record(2, Double.NaN));
        alerts.report(record(3, 0.1));
        assertEquals(List.of(Kind.CROSSED_BELOW), kinds(alerts.alerts()));
        assertEquals(3, alerts.alerts().get(0).epoch());
    }

    /**
     * A real run: {@code Grokking --every 2} (examples module; modular addition mod 97, one seed, 120 epochs of
     * 10 steps), its records without spectra. D_LR peaks at 0.207 (epoch 6) while the training pairs are
     * memorised and falls steadily through the test-accuracy jump; the accuracies of the same run are in
     * {@code grokking-seed1-accuracy.csv}. With the defaults exactly one lazy-to-rich alert comes, after
     * memorisation and before the jump, where test accuracy has begun to rise.
     */
    @Test
    void recordedGrokkingRunRaisesOneLazyToRichAlertBeforeTheJump() throws IOException, URISyntaxException {
        List<RichnessRecord> records = JsonLinesReporter.read(resource("grokking-seed1.jsonl"));
        Map<Integer, double[]> accuracy = accuracies();
        assertEquals(61, records.size());
        List<RegimeAlert> callbacks = new ArrayList<>();
        RegimeAlerts alerts = RegimeAlerts.builder().threshold(0.1).onAlert(callbacks::add).build();
        records.forEach(alerts::report);
        assertEquals(alerts.alerts(), callbacks);
        List<RegimeAlert> transitions = alerts.alerts().stream().filter(a -> a.kind() == Kind.LAZY_TO_RICH).toList();
        assertEquals(1, transitions.size(), "no flapping over 61 records: " + alerts.alerts());
        RegimeAlert transition = transitions.get(0);
        double peak = records.stream().mapToDouble(RichnessRecord::lowRankDistance).max().orElseThrow();
        assertEquals(peak, transition.level(), 0.0);
        int firstHalved = records.stream().filter(r -> r.lowRankDistance() <= peak / 2).mapToInt(RichnessRecord::epoch)
                .min().orElseThrow();
        assertEquals(firstHalved, transition.sinceEpoch());
        assertEquals(firstHalved + 4, transition.epoch(), "three records, two epochs apart");
        double[] atAlert = accuracy.get(transition.epoch());
        assertTrue(atAlert[0] > 0.9, "memorised: train accuracy " + atAlert[0]);
        assertTrue(atAlert[1] > 0.1 && atAlert[1] < 0.5, "test accuracy rising, before the jump: " + atAlert[1]);
        int jump = accuracy.entrySet().stream().filter(e -> e.getValue()[1] >= 0.95).mapToInt(Map.Entry::getKey)
                .min().orElseThrow();
        assertTrue(transition.epoch() < jump, "alert at epoch " + transition.epoch() + ", jump at " + jump);
        List<RegimeAlert> crossings = alerts.alerts().stream().filter(a -> a.kind() != Kind.LAZY_TO_RICH).toList();
        int firstBelow = records.stream().filter(r -> r.lowRankDistance() < 0.1 * 0.95).mapToInt(RichnessRecord::epoch)
                .min().orElseThrow();
        assertEquals(1, crossings.size());
        assertEquals(Kind.CROSSED_BELOW, crossings.get(0).kind());
        assertEquals(firstBelow, crossings.get(0).epoch());
    }

    @Test
    void builderNamesTheWrongValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegimeAlerts.builder().threshold(0).build())
                .getMessage().contains("thresholds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegimeAlerts.builder().hysteresis(1).build())
                .getMessage().contains("hysteresis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegimeAlerts.builder().lazyToRich(1, 3).build())
                .getMessage().contains("fall"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegimeAlerts.builder().lazyToRich(0.5, 0)
                .build()).getMessage().contains("sustain"));
    }

    private static List<RegimeAlert> feed(RegimeAlerts.Builder builder, double... values) {
        RegimeAlerts alerts = builder.log(false).build();
        for (int i = 0; i < values.length; i++) {
            alerts.report(record(i, values[i]));
        }
        return alerts.alerts();
    }

    private static RichnessRecord record(int epoch, double dlr) {
        return RichnessRecord.builder().when(new When(epoch, 10 * epoch, 0, 0))
                .distances(new Distances(dlr, Double.NaN)).build();
    }

    private static List<Kind> kinds(List<RegimeAlert> alerts) {
        return alerts.stream().map(RegimeAlert::kind).toList();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RegimeAlertsTest.class.getResource(name).toURI());
    }

    /** @return train and test accuracy by epoch */
    private static Map<Integer, double[]> accuracies() throws IOException, URISyntaxException {
        Map<Integer, double[]> accuracy = new HashMap<>();
        for (String line : Files.readAllLines(resource("grokking-seed1-accuracy.csv")).subList(1, 62)) {
            String[] fields = line.split(",");
            accuracy.put(Integer.parseInt(fields[0]),
                    new double[] {Double.parseDouble(fields[1]), Double.parseDouble(fields[2])});
        }
        return accuracy;
    }
}
