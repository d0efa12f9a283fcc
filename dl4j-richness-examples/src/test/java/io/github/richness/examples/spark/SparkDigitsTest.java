package io.github.richness.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.common.TrainingLoop;
import io.github.richness.record.Provenance;
import io.github.richness.record.RichnessRecord;
import io.github.richness.report.JsonLinesReporter;
import io.github.richness.spark.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark example, shortened: one epoch on 640 digits, its records, files and report. */
class SparkDigitsTest {

    @Test
    void trainsOnSparkAndMeasuresEveryEpoch(@TempDir Path out) {
        List<RichnessRecord> records = SparkDigits.train(LocalSpark.context(), 1, 640, out);
        assertEquals(1, records.size());
        RichnessRecord record = records.get(0);
        assertTrue(record.ok(), record.failure());
        assertEquals(Provenance.SPARK, record.provenance().source());
        assertEquals(2000, record.probe().testSamples(), "every held-out digit");
        assertEquals(records, JsonLinesReporter.read(out.resolve(TrainingLoop.JSON_LINES)));
        assertTrue(Files.exists(out.resolve(TrainingLoop.REPORT).resolve("report.html")));
    }
}
