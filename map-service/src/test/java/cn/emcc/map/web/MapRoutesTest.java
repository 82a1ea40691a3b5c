package cn.emcc.map.web;

import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The map layers and console assets over a real HTTP socket, with the shipped Shandong geography. */
class MapRoutesTest {

    private static final GeometryFactory PLANE = new GeometryFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ActorSystem system;
    private static ServerBinding binding;
    private static Jurisdictions geography;
    private static Point lixia;   // 370102, a county of Jinan 370100
    private static Point shinan;  // 370202, a county of Qingdao 370200

    @BeforeAll
    static void serve() throws Exception {
        geography = JurisdictionLoader.loadDefault();
        lixia = geography.boundary("370102").getInteriorPoint();
        shinan = geography.boundary("370202").getInteriorPoint();
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        MapLayers layers = new MapLayers(
                () -> CompletableFuture.completedFuture(List.of(
                        new IncidentFeature("370102-20261129-0001", lixia.getX(), lixia.getY(), "GRADE_IV",
                                "INCIDENT_CATEGORY_FIRE_BUILDING", "INCIDENT_STATUS_REPORTED", "370102", "历下区某小区", now, 1),
                        new IncidentFeature("370202-20261129-0001", shinan.getX(), shinan.getY(), "GRADE_II",
                                "INCIDENT_CATEGORY_TRAFFIC_ACCIDENT", "INCIDENT_STATUS_VERIFIED", "370202", "市南区", now, 3))),
                () -> CompletableFuture.completedFuture(List.of(
                        new UnitFeature("JN-F-001", "AGENCY_FIRE", "PUMPER_ENGINE", "UNIT_STATUS_EN_ROUTE", "历下中队",
                                "370102", lixia.getX(), lixia.getY(), now, "370102-20261129-0001"),
                        new UnitFeature("QD-F-001", "AGENCY_FIRE", "PUMPER_ENGINE", "UNIT_STATUS_AVAILABLE", "市南中队",
                                "370202", shinan.getX(), shinan.getY(), null, null))),
                () -> CompletableFuture.completedFuture(List.of(
                        new WarningFeature("W-JINAN", "HAZARD_RAINSTORM", "WARNING_COLOUR_ORANGE", "暴雨橙色预警", "济南市气象台",
                                now.plusSeconds(3600), List.of(), lixia.buffer(0.05)),
                        new WarningFeature("W-QINGDAO", "HAZARD_GALE", "WARNING_COLOUR_BLUE", "大风蓝色预警", "青岛市气象台",
                                now.plusSeconds(3600), List.of("370200"), shinan.buffer(0.01)))),
                () -> CompletableFuture.completedFuture(List.of(
                        new TrafficFeature("T-QD", "TRAFFIC_CONDITION_TYPE_CLOSURE", "香港中路", "封闭", null, 0.0, now,
                                PLANE.createLineString(new Coordinate[]{shinan.getCoordinate(),
                                        new Coordinate(shinan.getX() + 0.01, shinan.getY())})))));
        system = ActorSystem.create("map-routes-test");
        binding = Http.get(system).newServerAt("127.0.0.1", 0)
                .bind(new AllDirectives() { }.concat(
                        new MapRoutes(geography, layers, MapRoutes.unrestricted(geography)).routes(),
                        new ConsoleRoutes(new ConsoleSettings("", "", "zh")).routes()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void boundariesOfACityAreTheCityAndItsCountiesAsGeoJson() throws Exception {
        HttpResponse<String> res = fetch("/v1/map/boundaries?within=370100");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/geo+json"));
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.path("type").asText()).isEqualTo("FeatureCollection");
        List<String> codes = ids(body);
        assertThat(codes).contains("370100", "370102").doesNotContain("370202", "370200", "370000");
        assertThat(codes).allMatch(c -> c.startsWith("3701"));
        assertThat(body.path("features").get(0).path("geometry").path("type").asText()).endsWith("Polygon");
    }

    @Test
    void aBoundingBoxCutsTheBoundaries() throws Exception {
        String box = (lixia.getX() - 0.001) + "," + (lixia.getY() - 0.001) + "," + (lixia.getX() + 0.001) + ","
                + (lixia.getY() + 0.001);

        List<String> codes = ids(JSON.readTree(fetch("/v1/map/boundaries?within=370000&bbox=" + box).body()));

        assertThat(codes).contains("370000", "370100", "370102").doesNotContain("370202");
    }

    @Test
    void incidentsAndUnitsAreCutToTheJurisdictionAndTheBox() throws Exception {
        assertThat(ids(JSON.readTree(fetch("/v1/map/incidents?within=370100").body())))
                .containsExactly("370102-20261129-0001");
        assertThat(ids(JSON.readTree(fetch("/v1/map/incidents").body())))
                .containsExactlyInAnyOrder("370102-20261129-0001", "370202-20261129-0001");
        assertThat(ids(JSON.readTree(fetch("/v1/map/incidents?bbox=119,35,123,38").body())))
                .containsExactly("370202-20261129-0001");
        JsonNode units = JSON.readTree(fetch("/v1/map/units?within=370102").body());
        assertThat(ids(units)).containsExactly("JN-F-001");
        JsonNode unit = units.path("features").get(0);
        assertThat(unit.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(lixia.getX());
        assertThat(unit.path("properties").path("status").asText()).isEqualTo("UNIT_STATUS_EN_ROUTE");
        assertThat(unit.path("properties").path("status_since").asText()).isEqualTo("2026-11-29T08:00:00Z");
    }

    @Test
    void warningsAndTrafficAreThoseThatTouchTheJurisdiction() throws Exception {
        assertThat(ids(JSON.readTree(fetch("/v1/map/warnings?within=370102").body()))).containsExactly("W-JINAN");
        // the Qingdao warning names the city: its counties see it
        assertThat(ids(JSON.readTree(fetch("/v1/map/warnings?within=370202").body()))).containsExactly("W-QINGDAO");
        assertThat(ids(JSON.readTree(fetch("/v1/map/traffic?within=370100").body()))).isEmpty();
        JsonNode traffic = JSON.readTree(fetch("/v1/map/traffic?within=370200").body());
        assertThat(ids(traffic)).containsExactly("T-QD");
        assertThat(traffic.path("features").get(0).path("geometry").path("type").asText()).isEqualTo("LineString");
    }

    @Test
    void aBadBoxOrAnUnknownJurisdictionIsRefusedWithTheField() throws Exception {
        HttpResponse<String> badBox = fetch("/v1/map/incidents?bbox=1,2,3");
        assertThat(badBox.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badBox.body()).path("field").asText()).isEqualTo("bbox");

        HttpResponse<String> unknown = fetch("/v1/map/units?within=999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("field").asText()).isEqualTo("within");
    }

    @Test
    void theConsoleAndItsLibrariesAreServedFromTheClasspath() throws Exception {
        HttpResponse<String> page = fetch("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/console/js/app.js", "/webjars/leaflet/1.9.4/dist/leaflet.js");
        for (String asset : new String[]{"/webjars/leaflet/1.9.4/dist/leaflet.js",
                "/webjars/leaflet-markercluster/1.4.1/leaflet.markercluster.js",
                "/webjars/echarts/5.3.1/dist/echarts.min.js", "/console/js/app.js", "/console/console.css",
                "/console/i18n/messages_en.json"}) {
            assertThat(fetch(asset).statusCode()).as(asset).isEqualTo(200);
        }
        JsonNode config = JSON.readTree(fetch("/console/config.json").body());
        assertThat(config.path("tile_url").asText()).isEmpty();
        assertThat(config.path("default_language").asText()).isEqualTo("zh");
    }

    private static List<String> ids(JsonNode collection) {
        List<String> ids = new ArrayList<>();
        collection.path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
