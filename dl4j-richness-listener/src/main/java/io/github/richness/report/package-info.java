/**
 * Step five of the data flow (capture → moments → maths → record → <b>reporters</b>): where
 * {@link io.github.richness.record.RichnessRecord}s go. Built in: a log line
 * ({@link io.github.richness.report.LogReporter}), JSON Lines ({@link io.github.richness.report.JsonLinesReporter})
 * and CSV ({@link io.github.richness.report.CsvReporter}). Any {@link io.github.richness.report.RichnessReporter}
 * plugs into the listener the same way.
 */
package io.github.richness.report;
