package io.github.richness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.richness.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Log lines stay readable in an ASCII log: the symbols are spelled out, nothing becomes '?'. */
class AsciiTextTest {

    @Test
    void symbolsAreSpelledOut() {
        assertEquals("D_eff(Q^) = 10, Tr(Sigma_W), ||theta||^2, Pi^(k) <= 1, rho_k / rho_1, n - p, Sigma_b^+",
                AsciiText.of("D_eff(Q̂) = 10, Tr(Σ_W), ‖θ‖², Π̂(k) ≤ 1, ρ_k / ρ_1, n − p, Σ_b⁺"));
        assertEquals("naive cafe", AsciiText.of("naïve café"));
        assertEquals("?", AsciiText.of("漢"));
    }

    @Test
    void anAsciiLogGetsAsciiLinesAndAUtf8LogTheSymbols() {
        Logger logger = (Logger) LoggerFactory.getLogger("ascii-test-" + System.nanoTime());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        new LogReporter(logger, StandardCharsets.US_ASCII).report(SampleRecords.complete(1, 0.25));
        new LogReporter(logger, StandardCharsets.UTF_8).report(SampleRecords.complete(1, 0.25));
        String ascii = appender.list.get(0).getFormattedMessage();
        assertTrue(ascii.chars().allMatch(c -> c < 128), ascii);
        assertTrue(ascii.contains("D_eff(Q^)") && ascii.contains("Tr(Sigma_W)") && !ascii.contains("?"), ascii);
        assertTrue(appender.list.get(1).getFormattedMessage().contains("Tr(Σ_W)"));
    }
}
