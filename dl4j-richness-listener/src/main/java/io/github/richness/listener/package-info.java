/**
 * The product's front door: {@link io.github.richness.listener.RichnessListener}, a DL4J
 * {@code TrainingListener} that runs the whole data flow (capture → moments → maths → record → reporters)
 * at epoch ends or every N iterations, without changing training.
 */
package io.github.richness.listener;
