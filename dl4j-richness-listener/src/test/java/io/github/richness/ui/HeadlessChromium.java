package io.github.richness.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a headless Chromium on a page: the DOM after its scripts ran (for assertions) or a screenshot (to look
 * at). The binary is {@code -Dchromium=PATH}, else the first of chromium, chromium-browser, google-chrome on
 * the usual paths.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/snap/bin/chromium");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** @return the installed browser, if any */
    static Optional<HeadlessChromium> find() {
        String configured = System.getProperty("chromium");
        Stream<String> paths = configured != null ? Stream.of(configured) : CANDIDATES.stream();
        return paths.map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /**
     * @param url the page
     * @param budgetMillis virtual time the page's scripts get (timers, requests)
     * @param profile an empty folder for the browser profile
     * @return the serialised DOM
     */
    String dumpDom(String url, int budgetMillis, Path profile) throws IOException, InterruptedException {
        return run(profile, "--virtual-time-budget=" + budgetMillis, "--dump-dom", url);
    }

    /**
     * @param url the page
     * @param budgetMillis virtual time the page's scripts get
     * @param png where to write the screenshot
     * @param width window width
     * @param height window height
     * @param profile an empty folder for the browser profile
     */
    void screenshot(String url, int budgetMillis, Path png, int width, int height, Path profile)
            throws IOException, InterruptedException {
        run(profile, "--virtual-time-budget=" + budgetMillis, "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url);
    }

    private String run(Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(profile, "stdout", ".html");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("Chromium exited with " + process.exitValue() + ": " + command);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
