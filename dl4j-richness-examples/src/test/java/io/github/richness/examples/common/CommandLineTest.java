package io.github.richness.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static CommandLine commandLine() {
        return CommandLine.of("Demo", "a demo")
                .option("epochs", "5", "training epochs")
                .option("rate", "0.001", "learning rate")
                .option("data", "", "MNIST directory")
                .flag("full", "paper-scale run");
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        Options options = commandLine().parse().orElseThrow();
        assertEquals(5, options.integer("epochs"));
        assertEquals(0.001, options.real("rate"));
        assertFalse(options.flag("full"));
        assertEquals(Optional.empty(), options.optionalPath("data"));
    }

    @Test
    void givenValuesOverrideDefaultsInAnyOrderAndTheLastOneWins() {
        Options options = commandLine().parse("--full", "--epochs", "7", "--data", "/tmp/mnist", "--epochs", "9")
                .orElseThrow();
        assertEquals(9, options.integer("epochs"));
        assertEquals(9L, options.longInteger("epochs"));
        assertTrue(options.flag("full"));
        assertEquals(Optional.of(Path.of("/tmp/mnist")), options.optionalPath("data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpReturnsNothingWhateverElseIsGiven(String help) {
        assertTrue(commandLine().parse("--epochs", "3", help, "--unknown").isEmpty());
    }

    @Test
    void usageListsEveryOptionWithItsDefaultAndHelp() {
        String usage = commandLine().usage();
        assertTrue(usage.startsWith("Usage: Demo"), usage);
        assertTrue(usage.contains("--epochs VALUE") && usage.contains("training epochs (default 5)"), usage);
        assertTrue(usage.contains("--full") && !usage.contains("--full VALUE"), usage);
        assertTrue(usage.contains("--help"), usage);
    }

    @Test
    void unknownOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commandLine().parse("--epoch", "3"));
        assertTrue(e.getMessage().contains("--epoch"), e.getMessage());
    }

    @Test
    void missingValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commandLine().parse("--epochs"));
        assertTrue(e.getMessage().contains("--epochs needs a value"), e.getMessage());
    }

    @Test
    void valueOfTheWrongTypeIsNamed() {
        Options options = commandLine().parse("--epochs", "five").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.integer("epochs"));
        assertTrue(e.getMessage().contains("--epochs") && e.getMessage().contains("five"), e.getMessage());
    }

    @Test
    void undeclaredOptionCannotBeRead() {
        Options options = commandLine().parse().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> options.string("seed"));
    }

    @Test
    void optionCannotBeDeclaredTwice() {
        assertThrows(IllegalArgumentException.class, () -> commandLine().flag("epochs", "again"));
        assertThrows(IllegalArgumentException.class, () -> commandLine().flag("help", "reserved"));
    }
}
