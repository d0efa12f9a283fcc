package io.github.richness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.listener.RichnessListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The optional dependencies stay optional: no compiled class of the library outside the packages that need
 * them names a class of deeplearning4j-ui (the training UI: {@code org.deeplearning4j.ui}, Vert.x) or of
 * XChart. A JVM loads a class's references lazily but resolves every name in its constant pool on use, so a
 * class without these names can never fail for want of the jars. (The examples module, which has neither
 * jar of the UI, runs the listener end to end.)
 */
class OptionalDependenciesTest {

    /** Package folder → the names its classes must not contain. */
    private static final Map<String, List<String>> ALLOWED_ONLY_IN = Map.of(
            "io/github/richness/ui/", List.of("org/deeplearning4j/ui/", "io/vertx/"),
            "io/github/richness/report/figure/", List.of("org/knowm/xchart/", "de/erichseifert/"));

    @Test
    void onlyTheUiAndFigurePackagesNameOptionalClasses() throws Exception {
        Path classes = Path.of(RichnessListener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (Map.Entry<String, List<String>> rule : ALLOWED_ONLY_IN.entrySet()) {
                    if (name.startsWith(rule.getKey())) {
                        continue;
                    }
                    rule.getValue().stream().filter(constants::contains).forEach(p -> offenders.add(name + " names " + p));
                }
                checked++;
            }
        }
        assertTrue(checked > 50, "the library's classes were found in " + classes + ": " + checked);
        assertEquals(List.of(), offenders);
    }
}
