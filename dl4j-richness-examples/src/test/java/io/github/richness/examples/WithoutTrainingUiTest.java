package io.github.richness.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RichnessRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application without deeplearning4j-ui: this module does not depend on it (the library's dependency is
 * optional, so not inherited), and the listener measures and writes its files all the same.
 */
class WithoutTrainingUiTest {

    @Test
    void listenerRunsWithoutTheTrainingUiOnTheClasspath(@TempDir Path out) {
        for (String uiClass : new String[] {"org.deeplearning4j.ui.api.UIModule", "org.deeplearning4j.ui.VertxUIServer",
            "org.deeplearning4j.ui.model.stats.StatsListener", "io.vertx.core.Vertx"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(uiClass), uiClass + " is absent");
        }
        RichnessRecord record = QuickStart.run(1, 500, out).lastRecord();
        assertTrue(record.ok(), String.valueOf(record.failure()));
    }
}
