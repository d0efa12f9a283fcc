/**
 * Step four of the data flow (capture → moments → maths → <b>record</b> → reporters): the immutable
 * {@link io.github.richness.record.RichnessRecord} of one measurement and its stable JSON form.
 */
package io.github.richness.record;
