/**
 * Step five of the data flow (capture → moments → maths → record → <b>reporters</b>): where
 * {@link io.github.richness.record.RichnessRecord}s go. Built in: a log line
 * ({@link io.github.richness.report.LogReporter}), JSON Lines ({@link io.github.richness.report.JsonLinesReporter})
 * and CSV ({@link io.github.richness.report.CsvReporter}); with XChart on the classpath, an HTML report with
 * figures ({@link io.github.richness.report.HtmlReportReporter}, drawn by {@code report.figure}); with
 * deeplearning4j-ui, the training UI's richness page ({@code io.github.richness.ui}). Any
 * {@link io.github.richness.report.RichnessReporter} plugs into the listener the same way.
 */
package io.github.richness.report;
