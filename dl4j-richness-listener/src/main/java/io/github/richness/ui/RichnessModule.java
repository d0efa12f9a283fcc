package io.github.richness.ui;

import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

/**
 * The richness page of DL4J's training UI. {@code VertxUIServer} finds this module through
 * {@code META-INF/services/org.deeplearning4j.ui.api.UIModule} when the listener's jar is on its classpath and
 * mounts its routes beside the training pages:
 * <ul>
 * <li>{@code GET /richness} (optionally {@code ?session=ID}, repeated to compare sessions): the page (D_LR, the
 *     three spectrum panels of section 5, D_eff and the baselines of section 4.1 over time, and, for records
 *     with layers, the layer × measurement heatmaps of D_LR_l and S_init_l of appendix I), drawn in the browser
 *     with the D3 webjar that the UI already serves and refreshed every two seconds while training runs; every
 *     run of the sessions shown (a run: one worker's records of one run id) is drawn on the same axes, a colour
 *     per run and a legend naming each (see the module's UI.md);</li>
 * <li>{@code GET /richness/sessions}: the sessions holding richness records (JSON);</li>
 * <li>{@code GET /richness/records/:sessionId?since=KEY}: a session's records (JSON), all or those stored
 *     after {@code since}.</li>
 * </ul>
 * The JSON answers are described in {@link StoredRichness}; the page's script is served from
 * {@code deeplearning4jUiAssets/richness/} by the UI's own {@code /assets} route.
 */
public final class RichnessModule implements UIModule {

    /** The page's path on the UI server. */
    public static final String PAGE = "/richness";

    private static final String PAGE_FILE = "richness-ui/richness.html";
    private static final String JSON = "application/json; charset=utf-8";

    private final StoredRichness stored = new StoredRichness();

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of(RichnessPersistable.TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (path, rc) -> rc.response()
                        .putHeader("content-type", "text/html; charset=utf-8").sendFile(PAGE_FILE)),
                new Route(PAGE + "/sessions", HttpMethod.GET, (path, rc) -> answer(rc, stored.sessionsJson())),
                new Route(PAGE + "/records/:sessionId", HttpMethod.GET, (path, rc) -> records(path.get(0), rc)));
    }

    /** The routes read the attached storages on each request, so events need no handling here. */
    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // Nothing is cached: see StoredRichness.
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        stored.attach(statsStorage);
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        stored.detach(statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }

    private void records(String session, RoutingContext rc) {
        String since = rc.request().getParam("since");
        long after;
        try {
            after = since == null || since.isBlank() ? Long.MIN_VALUE : Long.parseLong(since.strip());
        } catch (NumberFormatException e) {
            rc.response().setStatusCode(400).end("since must be a storage key (an integer), got '" + since + "'");
            return;
        }
        answer(rc, stored.recordsJson(session, after));
    }

    private static void answer(RoutingContext rc, String json) {
        rc.response().putHeader("content-type", JSON).putHeader("cache-control", "no-store").end(json);
    }
}
