package io.github.richness.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this library, as Maven built it (a resource filtered at build time), for records' provenance. */
public final class LibraryVersion {

    private static final String RESOURCE = "library.properties";
    private static final String VERSION = read();

    private LibraryVersion() {
    }

    /** @return the library's version, e.g. {@code 0.2.0}; {@code unknown} when run from unfiltered sources */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the library's version resource", e);
        }
    }
}
