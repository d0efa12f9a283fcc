/**
 * Step four of the data flow (capture → moments → maths → <b>record</b> → reporters): the immutable
 * {@link io.github.richness.record.RichnessRecord} of one measurement and its stable JSON form, and the
 * {@link io.github.richness.record.Run}s a series of records falls into (by run id), which the reports overlay.
 */
package io.github.richness.record;
