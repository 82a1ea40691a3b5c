package cn.emcc.map.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Serves the duty officer's console from the classpath: the page at {@code /},
 * its modules, styles and message bundles under {@code /console/}, the
 * libraries (Leaflet, Leaflet.markercluster, ECharts) from their WebJars under
 * {@code /webjars/}, and the deployment's map settings at
 * {@code /console/config.json}. Nothing is fetched from the internet.
 */
public final class ConsoleRoutes extends AllDirectives {

    private final ConsoleSettings settings;

    public ConsoleRoutes(ConsoleSettings settings) {
        this.settings = settings;
    }

    public Route routes() {
        return get(() -> concat(
                pathSingleSlash(() -> getFromResource("console/index.html")),
                pathPrefix("console", () -> concat(
                        path("config.json", () -> complete(config())),
                        getFromResourceDirectory("console"))),
                pathPrefix("webjars", () -> getFromResourceDirectory("META-INF/resources/webjars"))));
    }

    private HttpResponse config() {
        ObjectNode body = LayerGeoJson.MAPPER.createObjectNode();
        body.put("tile_url", settings.tileUrl());
        body.put("tile_attribution", settings.tileAttribution());
        body.put("default_language", settings.defaultLanguage());
        body.put("stale_after_seconds", settings.staleAfter().toMillis() / 1000.0);
        try {
            return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
                    LayerGeoJson.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of our own always serializes", e);
        }
    }
}
