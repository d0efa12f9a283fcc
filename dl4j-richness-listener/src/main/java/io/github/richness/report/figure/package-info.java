/**
 * The figures and the HTML report of a run (needs {@code org.knowm.xchart:xchart}, an optional dependency of
 * this library): {@link io.github.richness.report.figure.RichnessFigures} draws D_LR, the three spectrum
 * panels of section 5, D_eff and the baselines with XChart as
 * {@link io.github.richness.report.figure.Figure}s (PNG and SVG);
 * {@link io.github.richness.report.figure.HtmlReport} puts them in one self-contained page. Used by
 * {@link io.github.richness.report.HtmlReportReporter} during training and by the {@code richness-report}
 * command afterwards.
 */
package io.github.richness.report.figure;
