/**
 * Step five of the data flow (capture → moments → maths → record → <b>reporters</b>): where
 * {@link io.github.richness.record.RichnessRecord}s go. Built in: a log line
 * ({@link io.github.richness.report.LogReporter}), JSON Lines ({@link io.github.richness.report.JsonLinesReporter})
 * and CSV ({@link io.github.richness.report.CsvReporter}); with XChart on the classpath, an HTML report with
 * figures ({@link io.github.richness.report.HtmlReportReporter}, drawn by {@code report.figure}); with
 * deeplearning4j-ui, the training UI's richness page ({@code io.github.richness.ui}). Any
 * {@link io.github.richness.report.RichnessReporter} plugs into the listener the same way. The two file reporters
 * share one way of writing (destination checked when they are created, an
 * {@link io.github.richness.report.ExistingFile} policy for records already in the file, one durable append per
 * record); {@link io.github.richness.report.JsonLinesReporter#readWithSkipped} reads a records file back, skipping
 * and listing lines cut short by a crash ({@link io.github.richness.report.RecordsRead}).
 */
package io.github.richness.report;
