/**
 * Acting on records as they arrive: {@link io.github.richness.alert.RegimeAlerts}, a reporter that calls back
 * (and logs) when D_LR crosses a level or falls from its lazy peak, the lazy-to-rich transition of grokking.
 * It reads records only, so it works with the listener, the distributed measurement or a records file.
 */
package io.github.richness.alert;
