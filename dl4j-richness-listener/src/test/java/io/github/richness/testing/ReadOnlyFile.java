package io.github.richness.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A file that this process cannot write, for tests of unwritable destinations: read-only permissions, and, where
 * those do not bind (the tests run as root), the immutable attribute ({@code chattr +i}, Linux). Where neither
 * makes the file unwritable the test is skipped, saying why. Close it to make the file writable again (the
 * test's temporary folder can then be deleted).
 */
public final class ReadOnlyFile implements AutoCloseable {

    private final Path file;
    private final boolean immutable;

    private ReadOnlyFile(Path file, boolean immutable) {
        this.file = file;
        this.immutable = immutable;
    }

    /**
     * @param file an existing file
     * @return it, made unwritable
     */
    public static ReadOnlyFile of(Path file) {
        file.toFile().setWritable(false, false);
        boolean immutable = writable(file) && chattr("+i", file);
        ReadOnlyFile readOnly = new ReadOnlyFile(file, immutable);
        if (writable(file)) {
            readOnly.close();
            assumeFalse(true, "cannot make " + file + " unwritable for this process (root without chattr?)");
        }
        return readOnly;
    }

    /**
     * @param file a file
     * @return whether this process can open it for writing
     */
    public static boolean writable(Path file) {
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (immutable) {
            chattr("-i", file);
        }
        file.toFile().setWritable(true, false);
    }

    private static boolean chattr(String change, Path file) {
        try {
            Process process = new ProcessBuilder("chattr", change, file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
