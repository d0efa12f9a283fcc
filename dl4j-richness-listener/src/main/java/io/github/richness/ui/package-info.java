/**
 * A reporter and a page for DL4J's training UI (needs {@code org.deeplearning4j:deeplearning4j-ui}, an optional
 * dependency of this library; nothing outside this package loads a UI class). Step five of the data flow
 * (capture → moments → maths → record → <b>reporters</b>):
 * {@link io.github.richness.ui.StatsStorageReporter} files each record as a
 * {@link io.github.richness.ui.RichnessPersistable} into the user's {@code StatsStorage}, beside
 * {@code StatsListener}'s data; {@link io.github.richness.ui.RichnessModule}, found by DL4J's
 * {@code VertxUIServer} through {@code ServiceLoader}, serves the richness page at {@code /richness} and its
 * JSON routes ({@link io.github.richness.ui.StoredRichness}). Design notes: {@code UI.md} in this module.
 */
package io.github.richness.ui;
