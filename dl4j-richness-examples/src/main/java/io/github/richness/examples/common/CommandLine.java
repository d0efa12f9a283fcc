package io.github.richness.examples.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line of an example: {@code --name value} options with defaults and {@code --name} flags, each
 * with a help text. {@code --help} (or {@code -h}) logs the usage and makes {@link #parse(String[])} return
 * nothing, so that the example's {@code main} returns.
 *
 * <pre>{@code
 * CommandLine cli = CommandLine.of("QuickStart", "an MLP on embedded MNIST digits")
 *         .option("epochs", "5", "training epochs")
 *         .flag("full", "the paper-scale run");
 * Optional<Options> options = cli.parse(args);
 * if (options.isEmpty()) return;
 * int epochs = options.get().integer("epochs");
 * }</pre>
 *
 * <p>Options may be given in any order; a later occurrence overrides an earlier one. An unknown name, a
 * missing value or a flag given a value is an {@link IllegalArgumentException} that names it.
 */
public final class CommandLine {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLine.class);
    private static final String PREFIX = "--";

    private final String program;
    private final String summary;
    private final Map<String, Declaration> declarations = new LinkedHashMap<>();

    private CommandLine(String program, String summary) {
        this.program = program;
        this.summary = summary;
    }

    /**
     * @param program the example's name, shown in the usage
     * @param summary one line saying what the example does
     * @return a command line without options
     */
    public static CommandLine of(String program, String summary) {
        return new CommandLine(program, summary);
    }

    /**
     * Looks for a flag before the options are declared, so that a profile flag such as {@code --full} can
     * choose the other options' defaults; explicit options still override them.
     *
     * @param args the arguments of {@code main}
     * @param name the flag's name, without the leading dashes
     * @return whether {@code --name} is among the arguments
     */
    public static boolean given(String[] args, String name) {
        return Arrays.asList(args).contains(PREFIX + name);
    }

    /**
     * Declares {@code --name value}.
     *
     * @param name the option's name, without the leading dashes
     * @param defaultValue the value when the option is not given
     * @param help what the option sets
     * @return this command line
     * @throws IllegalArgumentException if the name is declared twice or is "help"
     */
    public CommandLine option(String name, String defaultValue, String help) {
        return declare(new Declaration(name, defaultValue, help, false));
    }

    /**
     * Declares {@code --name}, false unless given.
     *
     * @param name the flag's name, without the leading dashes
     * @param help what the flag turns on
     * @return this command line
     * @throws IllegalArgumentException if the name is declared twice or is "help"
     */
    public CommandLine flag(String name, String help) {
        return declare(new Declaration(name, "false", help, true));
    }

    /**
     * @param args the arguments of {@code main}
     * @return the parsed options, or empty if {@code --help} was given (the usage has then been logged)
     * @throws IllegalArgumentException naming an unknown option or an option without its value
     */
    public Optional<Options> parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        declarations.values().forEach(d -> values.put(d.name(), d.defaultValue()));
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            if (argument.equals("--help") || argument.equals("-h")) {
                LOG.info("{}", usage());
                return Optional.empty();
            }
            Declaration declaration = argument.startsWith(PREFIX)
                    ? declarations.get(argument.substring(PREFIX.length())) : null;
            if (declaration == null) {
                throw new IllegalArgumentException("unknown argument '" + argument + "' for " + program + "; try --help");
            }
            if (declaration.flag()) {
                values.put(declaration.name(), "true");
            } else if (i + 1 < args.length) {
                values.put(declaration.name(), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + argument + " needs a value; try --help");
            }
        }
        return Optional.of(new Options(program, values));
    }

    /** @return the usage text: the program, its summary and one line per option with its default */
    public String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("Usage: " + program + " [options]");
        lines.add("  " + summary);
        int width = declarations.values().stream().mapToInt(d -> d.syntax().length()).max().orElse(0);
        for (Declaration d : declarations.values()) {
            String defaults = d.flag() ? "" : d.defaultValue().isEmpty() ? " (default: not set)"
                    : " (default " + d.defaultValue() + ")";
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s%s", d.syntax(), d.help(), defaults));
        }
        lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s", "--help", "show this text and exit"));
        return String.join(System.lineSeparator(), lines);
    }

    private CommandLine declare(Declaration declaration) {
        if (declaration.name().equals("help") || declarations.containsKey(declaration.name())) {
            throw new IllegalArgumentException("option --" + declaration.name() + " is declared twice or reserved");
        }
        declarations.put(declaration.name(), declaration);
        return this;
    }

    private record Declaration(String name, String defaultValue, String help, boolean flag) {

        String syntax() {
            return PREFIX + name + (flag ? "" : " VALUE");
        }
    }
}
