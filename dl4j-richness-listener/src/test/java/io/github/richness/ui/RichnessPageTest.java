package io.github.richness.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.record.RecordJson;
import io.github.richness.testing.IrisRun;
import io.github.richness.record.BaselineValues;
import io.github.richness.record.RichnessRecord;
import io.github.richness.record.Spectra;
import io.github.richness.testing.SampleRecords;
import io.github.richness.record.Run;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The richness page on DL4J's real UI server (Vert.x, a free port): a short Iris training run with
 * {@code StatsListener} and a {@link StatsStorageReporter} fills an in-memory storage; the routes give back
 * exactly the listener's records; a file storage written, closed and re-opened, and the remote router, give
 * the same; headless Chromium draws every chart with one point per record or spectrum entry.
 */
class RichnessPageTest {

    private static final Logger LOG = LoggerFactory.getLogger(RichnessPageTest.class);
    private static final int EPOCHS = 6;
    private static final int PAGE_BUDGET_MS = 8000;
    private static final long REMOTE_WAIT_MS = 30_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("<path ([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private static VertxUIServer server;
    private static InMemoryStatsStorage storage;
    private static String session;
    private static List<RichnessRecord> records;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServerWithATrainingRun() {
        server = VertxUIServer.getInstance(0, false, null);
        storage = new InMemoryStatsStorage();
        StatsListener stats = new StatsListener(storage);
        StatsStorageReporter reporter = StatsStorageReporter.besides(stats);
        records = IrisRun.train(EPOCHS, reporter, stats);
        session = reporter.sessionId();
        assertEquals(EPOCHS, records.size(), "one record per epoch");
        server.attach(storage);
    }

    @AfterAll
    static void stopServerAndFreePort() throws Exception {
        int port = server.getPort();
        VertxUIServer.stopInstance();
        assertThrows(ConnectException.class, () -> get("http://localhost:" + port + "/richness/sessions"),
                "the port is free after the server stopped");
    }

    @Test
    void recordsRouteReturnsTheListenersRecords() throws Exception {
        JsonNode answer = json("/richness/records/" + session);
        assertEquals(session, answer.path("session").asText());
        assertEquals(records, recordsOf(answer));
        assertTrue(records.stream().allMatch(RichnessRecord::ok), "the run measured without failure");
    }

    @Test
    void sinceGivesOnlyLaterRecords() throws Exception {
        JsonNode all = json("/richness/records/" + session).path("records");
        long since = all.get(2).path("stored_ms").asLong();
        assertEquals(records.subList(3, EPOCHS), recordsOf(json("/richness/records/" + session + "?since=" + since)));
        assertEquals(400, get(server.getAddress() + "/richness/records/" + session + "?since=yesterday").statusCode());
    }

    @Test
    void sessionsRouteListsTheSessionThatTheTrainingPageAlsoShows() throws Exception {
        JsonNode sessions = json("/richness/sessions");
        JsonNode ours = null;
        for (JsonNode s : sessions) {
            if (s.path("session").asText().equals(session)) {
                ours = s;
            }
        }
        assertTrue(ours != null, "session listed: " + sessions);
        assertEquals(EPOCHS, ours.path("records").asInt());
        assertTrue(get(server.getAddress() + "/train/sessions/info").body().contains(session),
                "StatsListener's data is in the same session, undisturbed");
    }

    @Test
    void unknownSessionAndEmptyStorageGiveEmptyAnswers() throws Exception {
        JsonNode answer = json("/richness/records/no-such-session");
        assertEquals(0, answer.path("records").size());
        StoredRichness empty = new StoredRichness();
        InMemoryStatsStorage withoutRichness = new InMemoryStatsStorage();
        IrisRun.train(1, record -> { }, new StatsListener(withoutRichness));
        empty.attach(withoutRichness);
        assertEquals("[]", empty.sessionsJson());
        assertEquals(0, MAPPER.readTree(empty.recordsJson(withoutRichness.listSessionIDs().get(0), Long.MIN_VALUE))
                .path("records").size());
    }

    @Test
    void fileStorageWrittenClosedAndReopenedShowsTheSameRecords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats.dl4j");
        FileStatsStorage written = new FileStatsStorage(file.toFile());
        StatsStorageReporter reporter = StatsStorageReporter.to(written);
        List<RichnessRecord> trained = IrisRun.train(3, reporter);
        assertEquals(3, trained.size());
        written.close();
        FileStatsStorage reopened = new FileStatsStorage(file.toFile());
        server.attach(reopened);
        try {
            assertEquals(trained, recordsOf(json("/richness/records/" + reporter.sessionId())));
        } finally {
            server.detach(reopened);
            reopened.close();
        }
    }

    @Test
    void remoteRouterDeliversToTheServer() throws Exception {
        InMemoryStatsStorage received = new InMemoryStatsStorage();
        server.enableRemoteListener(received, true);
        RemoteUIStatsStorageRouter router = new RemoteUIStatsStorageRouter(server.getAddress());
        try {
            StatsStorageReporter reporter = StatsStorageReporter.to(router);
            for (RichnessRecord record : records) {
                reporter.report(record);
            }
            long deadline = System.currentTimeMillis() + REMOTE_WAIT_MS;
            List<RichnessRecord> arrived = List.of();
            while (arrived.size() < EPOCHS && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                arrived = recordsOf(json("/richness/records/" + reporter.sessionId()));
            }
            assertEquals(records, arrived);
        } finally {
            router.shutdown();
            server.disableRemoteListener();
            server.detach(received);
        }
    }

    @Test
    @Tag("slow")
    void chromiumDrawsEveryChart(@TempDir Path profile) throws Exception {
        HeadlessChromium chromium = chromium();
        String url = server.getAddress() + RichnessModule.PAGE + "?session=" + session;
        Map<String, Map<String, Integer>> charts = pointsPerSeries(chromium.dumpDom(url, PAGE_BUDGET_MS, profile));

        RichnessRecord last = records.get(EPOCHS - 1);
        assertEquals(Map.of("D_LR ± se", EPOCHS, "D_LR (projection)", EPOCHS, "lazy reference d_lr_lazy", 2),
                charts.get("chart-dlr"), "D_LR with error bars and the lazy reference, a line of two points");
        assertTrue(chromium.dumpDom(url, PAGE_BUDGET_MS, profile).contains("richness-error-bar"), "error bars drawn");
        assertEquals(Map.of("D_eff(ρ)", EPOCHS, "D_eff(Q̂)", EPOCHS), charts.get("chart-deff"));
        for (String baseline : List.of("s_init", "param_norm_sq", "nc1", "trace_sigma_w")) {
            assertEquals(Map.of(baseline, EPOCHS), charts.get("chart-" + baseline), baseline);
        }
        String lastName = "epoch " + last.epoch() + ", it " + last.iteration() + ": D_LR = ";
        assertSpectrum(charts.get("chart-quality"), lastName, finiteCount(last.spectra().cumulativeQuality()));
        assertSpectrum(charts.get("chart-utilization"), lastName, finiteCount(last.spectra().cumulativeUtilization()));
        assertSpectrum(charts.get("chart-eigen"), lastName, IrisRun.HIDDEN);

        assertTrue(!chromium.dumpDom(url, PAGE_BUDGET_MS, profile).contains("richness-heatmap"),
                "no layers, no heatmaps");

        Path screenshots = Files.createDirectories(Path.of("target", "ui-screenshots"));
        Path png = screenshots.resolve("richness-page.png");
        chromium.screenshot(url, PAGE_BUDGET_MS, png, 1400, 1500, profile);
        assertTrue(Files.size(png) > 10_000, "a screenshot with content: " + png.toAbsolutePath());
        LOG.info("Screenshot of the richness page: {}", png.toAbsolutePath());
    }

    @Test
    @Tag("slow")
    void chromiumDrawsTwoRunsOfASessionAndASecondSessionOnTheSameAxes(@TempDir Path profile) throws Exception {
        HeadlessChromium chromium = chromium();
        InMemoryStatsStorage compared = new InMemoryStatsStorage();
        String twoRuns = "two-learning-rates";
        List<RichnessRecord> fast = IrisRun.train(EPOCHS, 0.05,
                new StatsStorageReporter(compared, twoRuns, "0", "two learning rates"));
        List<RichnessRecord> slow = IrisRun.train(EPOCHS, 0.002,
                new StatsStorageReporter(compared, twoRuns, "0", "two learning rates"));
        server.attach(compared);
        try {
            String a = "run " + Run.shortId(fast.get(0).provenance().runId());
            String b = "run " + Run.shortId(slow.get(0).provenance().runId());
            String url = server.getAddress() + RichnessModule.PAGE + "?session=" + twoRuns;
            Map<String, Map<String, Integer>> charts = pointsPerSeries(chromium.dumpDom(url, PAGE_BUDGET_MS, profile));
            assertEquals(Map.of(a + ": D_LR ± se", EPOCHS, a + ": D_LR (projection)", EPOCHS, b + ": D_LR ± se", EPOCHS,
                    b + ": D_LR (projection)", EPOCHS, a + ": lazy reference d_lr_lazy", 2,
                    b + ": lazy reference d_lr_lazy", 2), charts.get("chart-dlr"), "two runs of one session");
            assertEquals(Map.of(a, EPOCHS, b, EPOCHS), charts.get("chart-s_init"));
            assertEquals(2, spectra(charts.get("chart-eigen")).size(), "the last record of each run: "
                    + charts.get("chart-eigen"));

            Path screenshots = Files.createDirectories(Path.of("target", "ui-screenshots"));
            Path png = screenshots.resolve("richness-two-runs.png");
            chromium.screenshot(url, PAGE_BUDGET_MS, png, 1400, 1700, profile);
            assertTrue(Files.size(png) > 10_000, "a screenshot with content: " + png.toAbsolutePath());
            LOG.info("Screenshot of two runs on the richness page: {}", png.toAbsolutePath());

            String both = url + "&session=" + session;
            Map<String, Map<String, Integer>> three = pointsPerSeries(chromium.dumpDom(both, PAGE_BUDGET_MS, profile));
            String first = "two learning rates · " + a + ": D_LR ± se";
            assertEquals(EPOCHS, three.get("chart-dlr").get(first), three.get("chart-dlr").toString());
            assertEquals(9, three.get("chart-dlr").size(), "three runs of two sessions: " + three.get("chart-dlr"));
            assertEquals(EPOCHS, three.get("chart-dlr").get("session " + Run.shortId(session) + ": D_LR ± se"),
                    "a session without a label is named by its short id");

            StatsStorageReporter withoutIds = new StatsStorageReporter(compared, "without-run-ids", "0", "");
            for (int run = 0; run < 2; run++) {
                for (int epoch = 0; epoch < 3; epoch++) {
                    withoutIds.report(SampleRecords.of(null, epoch, 10 * (epoch + 1), 0.1 * (run + 1), Spectra.NONE,
                            BaselineValues.NONE));
                }
            }
            String old = server.getAddress() + RichnessModule.PAGE + "?session=without-run-ids";
            assertEquals(Map.of("run #1: D_LR", 3, "run #1: D_LR (projection)", 3, "run #2: D_LR", 3,
                    "run #2: D_LR (projection)", 3), pointsPerSeries(chromium.dumpDom(old, PAGE_BUDGET_MS, profile))
                    .get("chart-dlr"), "records without run id, split where the iteration goes back");
        } finally {
            server.detach(compared);
        }
    }

    @Test
    @Tag("slow")
    void chromiumDrawsTheLayerHeatmapsAndTheLastMeasurementsLayers(@TempDir Path profile) throws Exception {
        HeadlessChromium chromium = chromium();
        InMemoryStatsStorage layered = new InMemoryStatsStorage();
        StatsStorageReporter reporter = new StatsStorageReporter(layered, "with-layers", "0", "layers");
        List<RichnessRecord> filed = new ArrayList<>();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            filed.add(SampleRecords.of("run-layers", epoch, 10 * (epoch + 1), 0.8 - 0.1 * epoch, Spectra.NONE,
                    BaselineValues.NONE));
        }
        filed = SampleRecords.withLayers(filed);
        filed.forEach(reporter::report);
        server.attach(layered);
        try {
            String url = server.getAddress() + RichnessModule.PAGE + "?session=with-layers";
            String dom = chromium.dumpDom(url, PAGE_BUDGET_MS, profile);
            List<String> names = List.of("layer 0", "layer 1", "layer 2 [channel_pooled]");
            for (String quantity : List.of("d_lr", "s_init")) {
                String svg = heatmapSvg(dom, quantity);
                Map<String, Integer> cells = new TreeMap<>();
                Matcher cell = Pattern.compile("<rect ([^>]*class=\"richness-cell\"[^>]*)>").matcher(svg);
                while (cell.find()) {
                    cells.merge(attributes(cell.group(1)).get("data-layer"), 1, Integer::sum);
                }
                assertEquals(Map.of(names.get(0), EPOCHS, names.get(1), EPOCHS, names.get(2), EPOCHS), cells,
                        quantity + ": one cell per layer and measurement");
                for (String name : names) {
                    assertTrue(svg.contains(">" + name + "</text>"), quantity + ": layer name on the axis: " + name);
                }
                assertTrue(svg.contains("richness-color-legend"), quantity + ": a colour legend");
            }
            RichnessRecord last = filed.get(EPOCHS - 1);
            Matcher lastCell = Pattern.compile("data-layer=\"layer 0\" data-iteration=\"" + last.iteration()
                    + "\" data-value=\"([^\"]*)\"").matcher(heatmapSvg(dom, "d_lr"));
            assertTrue(lastCell.find(), "the last measurement's cell of layer 0");
            assertEquals(last.layers().get(0).lowRankDistance(), Double.parseDouble(lastCell.group(1)), 0.0,
                    "the last D_LR of layer 0 as filed");
            assertEquals(Map.of("D_LR", 3, "S_init", 3), pointsPerSeries(dom).get("chart-layers"),
                    "the last measurement's layers, one vertex per layer");
            assertTrue(dom.contains("Layers at epoch " + last.epoch() + ", iteration " + last.iteration()));

            Path png = Files.createDirectories(Path.of("target", "ui-screenshots")).resolve("richness-layers.png");
            chromium.screenshot(url, PAGE_BUDGET_MS, png, 1400, 2400, profile);
            assertTrue(Files.size(png) > 10_000, "a screenshot with content: " + png.toAbsolutePath());
            LOG.info("Screenshot of the layer heatmaps on the richness page: {}", png.toAbsolutePath());

            for (int epoch = 0; epoch < 2; epoch++) {
                filed.add(SampleRecords.of("second", epoch, 10 * (epoch + 1), 0.5, Spectra.NONE, BaselineValues.NONE));
            }
            SampleRecords.withLayers(filed.subList(EPOCHS, EPOCHS + 2)).forEach(reporter::report);
            String two = chromium.dumpDom(url, PAGE_BUDGET_MS, profile);
            assertEquals(2, two.split("richness-heatmap\" data-quantity=\"d_lr\"", -1).length - 1,
                    "a D_LR heatmap per run");
            assertEquals(Map.of("run run-laye: D_LR", 3, "run run-laye: S_init", 3, "run second: D_LR", 3,
                    "run second: S_init", 3), pointsPerSeries(two).get("chart-layers"), "each run's last measurement");
            Path twoPng = png.resolveSibling("richness-layers-two-runs.png");
            chromium.screenshot(url, PAGE_BUDGET_MS, twoPng, 1400, 2600, profile);
            assertTrue(Files.size(twoPng) > 10_000, "a screenshot with content: " + twoPng.toAbsolutePath());
        } finally {
            server.detach(layered);
        }
    }

    /** @return the heatmap SVG of the quantity (the page draws one run's here) */
    private static String heatmapSvg(String dom, String quantity) {
        Matcher svg = Pattern.compile("<svg class=\"richness-svg richness-heatmap\" data-quantity=\"" + quantity
                + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
        assertTrue(svg.find(), "a heatmap of " + quantity);
        return svg.group();
    }

    private static HeadlessChromium chromium() {
        HeadlessChromium chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null) {
            LOG.warn("Chromium not installed (apt-get install chromium, or -Dchromium=PATH): the browser test of the "
                    + "richness page is SKIPPED");
        }
        Assumptions.assumeTrue(chromium != null,
                "Chromium not installed (apt-get install chromium, or -Dchromium=PATH): browser test skipped");
        return chromium;
    }

    /** @return the chart's spectrum series, without the trust-limit markers (a vertical line of two points) */
    private static Map<String, Integer> spectra(Map<String, Integer> chart) {
        Map<String, Integer> spectra = new TreeMap<>(chart);
        spectra.keySet().removeIf(name -> name.contains("trusted up to k = "));
        return spectra;
    }

    private static void assertSpectrum(Map<String, Integer> chart, String namePrefix, int points) {
        Map<String, Integer> spectra = spectra(chart);
        assertEquals(1, spectra.size(), "one record shown by default: " + chart);
        Map.Entry<String, Integer> series = spectra.entrySet().iterator().next();
        assertTrue(series.getKey().startsWith(namePrefix), series.getKey());
        assertEquals(points, series.getValue(), series.getKey());
    }

    private static int finiteCount(double[] values) {
        return (int) Arrays.stream(values).filter(Double::isFinite).count();
    }

    /** Chart container id → series name → vertices of its drawn path (moveto and lineto commands). */
    private static Map<String, Map<String, Integer>> pointsPerSeries(String dom) {
        Map<String, Map<String, Integer>> charts = new TreeMap<>();
        Matcher container = Pattern.compile("<div id=\"(chart-[\\w_]+)\"").matcher(dom);
        while (container.find()) {
            int end = dom.indexOf("</div>", container.end());
            Map<String, Integer> series = new TreeMap<>();
            Matcher path = PATH.matcher(dom.substring(container.end(), end));
            while (path.find()) {
                Map<String, String> attributes = attributes(path.group(1));
                if ("richness-line".equals(attributes.get("class"))) {
                    String d = attributes.get("d");
                    series.put(attributes.get("data-series").replace("&amp;", "&"),
                            (int) d.chars().filter(c -> c == 'M' || c == 'L').count());
                }
            }
            charts.put(container.group(1), series);
        }
        return charts;
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new TreeMap<>();
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            attributes.put(attribute.group(1), attribute.group(2));
        }
        return attributes;
    }

    private static List<RichnessRecord> recordsOf(JsonNode answer) {
        List<RichnessRecord> result = new ArrayList<>();
        answer.path("records").forEach(r -> result.add(RecordJson.fromJson(r.toString())));
        return result;
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(server.getAddress() + path);
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
