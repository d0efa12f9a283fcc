package io.github.richness.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.ui.api.UIModule;
import org.junit.jupiter.api.Test;

/**
 * The page is found the way DL4J's UI server finds modules: {@link ServiceLoader} over
 * {@code META-INF/services/org.deeplearning4j.ui.api.UIModule}. An uber-jar keeps this only with the shade plugin's
 * {@code ServicesResourceTransformer} (README, "Uber-jars"; checked from a user project in UI.md).
 */
class RichnessModuleServiceTest {

    @Test
    void serviceLoaderFindsTheRichnessModuleBesideDl4jsOwnModules() {
        Set<String> modules = ServiceLoader.load(UIModule.class).stream()
                .map(provider -> provider.type().getName())
                .collect(Collectors.toSet());
        assertTrue(modules.contains(RichnessModule.class.getName()), () -> "the library's module: " + modules);
        assertTrue(modules.contains("org.deeplearning4j.ui.module.train.TrainModule"),
                () -> "DL4J's training pages beside it: " + modules);
    }
}
