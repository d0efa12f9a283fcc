package io.github.richness.examples.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.EpochResult;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.When;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrokkingJumpTest {

    /** Evaluated epochs 1, 2, ... with the given (train, test) accuracies. */
    private static List<EpochResult> run(double... trainThenTest) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 0; i < trainThenTest.length / 2; i++) {
            epochs.add(new EpochResult(i + 1, 0, trainThenTest[2 * i], trainThenTest[2 * i + 1],
                    RichnessRecord.builder().when(new When(i + 1, 0, 0, 0)).failure("not measured in this test").build()));
        }
        return epochs;
    }

    @Test
    void findsTheFirstAndLastMemorisedEpochsBeforeTheJumpTheJumpAndTheEnd() {
        GrokkingJump jump = GrokkingJump.find(run(0.5, 0.01, 0.9, 0.02, 0.95, 0.02, 1, 0.03, 1, 0.6, 1, 0.97, 1, 0.99))
                .orElseThrow();
        assertEquals(3, jump.memorised().epoch(), "the first epoch with train accuracy 95% and test below 10%");
        assertEquals(4, jump.before().epoch(), "the last memorised epoch with test accuracy below 10%");
        assertEquals(6, jump.jump().epoch());
        assertEquals(7, jump.after().epoch());
    }

    @Test
    void noJumpWithoutGeneralisationAtTheEnd() {
        assertTrue(GrokkingJump.find(run(1, 0.01, 1, 0.02, 1, 0.3)).isEmpty(), "never generalised");
        assertTrue(GrokkingJump.find(run(1, 0.01, 1, 0.97, 1, 0.4)).isEmpty(), "generalised, then fell back");
    }

    @Test
    void noJumpWhenMemorisationAndGeneralisationComeTogether() {
        assertTrue(GrokkingJump.find(run(0.5, 0.4, 1, 0.9, 1, 0.99)).isEmpty(), "test already high when memorised");
        assertTrue(GrokkingJump.find(run(0.5, 0.01, 0.7, 0.05, 0.9, 0.5, 1, 0.99)).isEmpty(), "not memorised while the test accuracy was low");
        assertTrue(GrokkingJump.find(List.of()).isEmpty());
    }
}
