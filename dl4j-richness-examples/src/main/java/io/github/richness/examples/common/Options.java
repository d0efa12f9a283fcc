package io.github.richness.examples.common;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values of an example's options after {@link CommandLine#parse(String[])}: each declared option's given
 * value or its default, read as the type the example needs. A value that does not parse is an
 * {@link IllegalArgumentException} naming the option.
 */
public final class Options {

    private final String program;
    private final Map<String, String> values;

    Options(String program, Map<String, String> values) {
        this.program = program;
        this.values = Map.copyOf(values);
    }

    /**
     * @param name a declared option
     * @return its value as given or by default
     * @throws IllegalArgumentException if the option was not declared
     */
    public String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(program + " declares no option --" + name);
        }
        return value;
    }

    /**
     * @param name a declared option
     * @return its value as an int
     */
    public int integer(String name) {
        return parsed(name, Integer::valueOf, "an integer");
    }

    /**
     * @param name a declared option
     * @return its value as a long
     */
    public long longInteger(String name) {
        return parsed(name, Long::valueOf, "an integer");
    }

    /**
     * @param name a declared option
     * @return its value as a double
     */
    public double real(String name) {
        return parsed(name, Double::valueOf, "a number");
    }

    /**
     * @param name a declared flag
     * @return whether it was given
     */
    public boolean flag(String name) {
        return Boolean.parseBoolean(string(name));
    }

    /**
     * @param name a declared option
     * @return its value as a path
     */
    public Path path(String name) {
        return Path.of(string(name));
    }

    /**
     * @param name a declared option whose default is the empty string
     * @return its value as a path, or empty when not given
     */
    public Optional<Path> optionalPath(String name) {
        String value = string(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }

    private <T> T parsed(String name, Function<String, T> parser, String expected) {
        String value = string(name);
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " of " + program + " must be " + expected
                    + ", got '" + value + "'", e);
        }
    }
}
