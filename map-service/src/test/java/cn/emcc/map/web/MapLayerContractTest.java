package cn.emcc.map.web;

import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every GeoJSON layer of the map promises a GIS tool, layer by layer
 * (boundaries, incidents, units, warnings, traffic), over a real socket: an
 * RFC 7946 FeatureCollection as {@code application/geo+json} with no
 * {@code crs}, lon/lat in range; {@code within} and {@code bbox} keep what is
 * inside and leave out what is not; a malformed box is 400 naming {@code bbox}
 * and changes nothing. Each layer has one item in 历下区 (Jinan) and one in
 * 市南区 (Qingdao), 300 km apart.
 */
class MapLayerContractTest {

    private static final GeometryFactory PLANE = new GeometryFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ActorSystem system;
    private static ServerBinding binding;
    private static Point lixia;   // 370102, a county of Jinan 370100
    private static Point shinan;  // 370202, a county of Qingdao 370200

    @BeforeAll
    static void serve() throws Exception {
        Jurisdictions geography = JurisdictionLoader.loadDefault();
        lixia = geography.boundary("370102").getInteriorPoint();
        shinan = geography.boundary("370202").getInteriorPoint();
        Instant now = Instant.parse("2026-12-07T08:00:00Z");
        MapLayers layers = new MapLayers(
                () -> CompletableFuture.completedFuture(List.of(
                        new IncidentFeature("I-LIXIA", lixia.getX(), lixia.getY(), "GRADE_IV",
                                "INCIDENT_CATEGORY_FIRE_BUILDING", "INCIDENT_STATUS_REPORTED", "370102", "历下区", now, 1),
                        new IncidentFeature("I-SHINAN", shinan.getX(), shinan.getY(), "GRADE_III",
                                "INCIDENT_CATEGORY_TRAFFIC_ACCIDENT", "INCIDENT_STATUS_VERIFIED", "370202", "市南区", now, 2))),
                () -> CompletableFuture.completedFuture(List.of(
                        new UnitFeature("U-LIXIA", "AGENCY_FIRE", "PUMPER_ENGINE", "UNIT_STATUS_AVAILABLE", "历下中队",
                                "370102", lixia.getX(), lixia.getY(), now, null),
                        new UnitFeature("U-SHINAN", "AGENCY_POLICE", "PATROL_CAR", "UNIT_STATUS_AVAILABLE", "市南派出所",
                                "370202", shinan.getX(), shinan.getY(), now, null))),
                () -> CompletableFuture.completedFuture(List.of(
                        new WarningFeature("W-LIXIA", "HAZARD_RAINSTORM", "WARNING_COLOUR_ORANGE", "暴雨橙色预警",
                                "济南市气象台", now.plusSeconds(3600), List.of(), lixia.buffer(0.005)),
                        new WarningFeature("W-SHINAN", "HAZARD_GALE", "WARNING_COLOUR_BLUE", "大风蓝色预警",
                                "青岛市气象台", now.plusSeconds(3600), List.of(), shinan.buffer(0.005)))),
                () -> CompletableFuture.completedFuture(List.of(
                        new TrafficFeature("T-LIXIA", "TRAFFIC_CONDITION_TYPE_CONGESTION", "经十路", "拥堵", 12.0, 0.2, now,
                                line(lixia)),
                        new TrafficFeature("T-SHINAN", "TRAFFIC_CONDITION_TYPE_CLOSURE", "香港中路", "封闭", null, 0.0, now,
                                line(shinan)))));
        system = ActorSystem.create("map-layer-contract-test");
        binding = Http.get(system).newServerAt("127.0.0.1", 0)
                .bind(new MapRoutes(geography, layers, MapRoutes.unrestricted(geography)).routes())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static org.locationtech.jts.geom.LineString line(Point from) {
        return PLANE.createLineString(new Coordinate[]{from.getCoordinate(),
                new Coordinate(from.getX() + 0.003, from.getY() + 0.001)});
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Each layer with the id of its item in 历下区 and of its item in 市南区. */
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("boundaries", "370102", "370202"),
                Arguments.of("incidents", "I-LIXIA", "I-SHINAN"),
                Arguments.of("units", "U-LIXIA", "U-SHINAN"),
                Arguments.of("warnings", "W-LIXIA", "W-SHINAN"),
                Arguments.of("traffic", "T-LIXIA", "T-SHINAN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void every_layer_is_an_rfc7946_feature_collection_in_lon_lat(String layer, String inJinan, String inQingdao)
            throws Exception {
        HttpResponse<String> res = fetch("/v1/map/" + layer);

        assertThat(res.statusCode()).as(head(res.body())).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/geo+json"));
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(body.has("crs")).as("RFC 7946 has no crs member: WGS84 lon/lat is implied").isFalse();
        assertThat(ids(body)).contains(inJinan, inQingdao);
        for (JsonNode feature : body.path("features")) {
            assertThat(feature.path("type").asText()).isEqualTo("Feature");
            assertThat(feature.has("crs")).as("crs on feature %s", feature.path("id")).isFalse();
            assertThat(feature.path("geometry").has("crs")).as("crs on the geometry of %s", feature.path("id")).isFalse();
            List<double[]> positions = new ArrayList<>();
            positions(feature.path("geometry").path("coordinates"), positions);
            assertThat(positions).as("positions of %s", feature.path("id")).isNotEmpty();
            for (double[] p : positions) {
                assertThat(p).as("a position is [lon, lat] of %s", feature.path("id")).hasSize(2);
                assertThat(p[0]).as("longitude of %s", feature.path("id")).isBetween(-180.0, 180.0);
                assertThat(p[1]).as("latitude of %s", feature.path("id")).isBetween(-90.0, 90.0);
                // Shandong lies at 114.8..122.7 E, 34.4..38.4 N: lon first, not lat first
                assertThat(p[0]).as("Shandong longitude of %s", feature.path("id")).isBetween(114.0, 123.5);
                assertThat(p[1]).as("Shandong latitude of %s", feature.path("id")).isBetween(34.0, 39.0);
            }
        }
        JsonNode jinan = feature(body, inJinan);
        List<double[]> jinanPositions = new ArrayList<>();
        positions(jinan.path("geometry").path("coordinates"), jinanPositions);
        assertThat(jinanPositions).anySatisfy(p -> {
            assertThat(p[0]).isCloseTo(lixia.getX(), org.assertj.core.data.Offset.offset(0.2));
            assertThat(p[1]).isCloseTo(lixia.getY(), org.assertj.core.data.Offset.offset(0.2));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void a_box_keeps_what_is_inside_it_and_leaves_out_what_is_not(String layer, String inJinan, String inQingdao)
            throws Exception {
        String aroundLixia = box(lixia.getX() - 0.001, lixia.getY() - 0.001, lixia.getX() + 0.001, lixia.getY() + 0.001);
        String aroundShinan = box(shinan.getX() - 0.001, shinan.getY() - 0.001, shinan.getX() + 0.001,
                shinan.getY() + 0.001);

        assertThat(ids(ok("/v1/map/" + layer + "?bbox=" + aroundLixia))).contains(inJinan).doesNotContain(inQingdao);
        assertThat(ids(ok("/v1/map/" + layer + "?bbox=" + aroundShinan))).contains(inQingdao).doesNotContain(inJinan);
        // a box in the sea east of Shandong holds nothing of either
        assertThat(ids(ok("/v1/map/" + layer + "?bbox=" + box(124, 30, 125, 31))))
                .doesNotContain(inJinan, inQingdao);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void within_keeps_the_jurisdiction_and_leaves_out_the_others(String layer, String inJinan, String inQingdao)
            throws Exception {
        assertThat(ids(ok("/v1/map/" + layer + "?within=370102"))).contains(inJinan).doesNotContain(inQingdao);
        assertThat(ids(ok("/v1/map/" + layer + "?within=370200"))).contains(inQingdao).doesNotContain(inJinan);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void a_malformed_box_is_refused_naming_bbox_and_changes_nothing(String layer, String inJinan, String inQingdao)
            throws Exception {
        String before = ok("/v1/map/" + layer).toString();
        for (String bad : new String[]{
                "116,36,118",                 // three numbers
                "116,36,118,37,5",            // five
                "116,36,118,37,",             // five, the last one empty
                "NaN,36,118,37",              // not a number
                "116,36,Infinity,37",
                "west,36,118,37",
                "116,36,118,91",              // latitude beyond the pole
                "116,-91,118,37",
                "-181,36,118,37",             // longitude beyond the antimeridian
                "118,36,116,37",              // min lon > max lon
                "116,37,118,36",              // min lat > max lat
                ",,,"}) {
            HttpResponse<String> res = fetch("/v1/map/" + layer + "?bbox=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));
            assertThat(res.statusCode()).as("bbox=%s: %s", bad, head(res.body())).isEqualTo(400);
            JsonNode error = JSON.readTree(res.body());
            assertThat(error.path("field").asText()).as("bbox=%s", bad).isEqualTo("bbox");
            assertThat(error.path("reason").asText()).as("bbox=%s", bad).contains("bbox").contains("expected");
        }
        assertThat(ok("/v1/map/" + layer).toString()).as("the layer after the refused requests").isEqualTo(before);
    }

    /** The start of an answer, for a failure message (a layer can be megabytes). */
    private static String head(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    private static String box(double minLon, double minLat, double maxLon, double maxLat) {
        return minLon + "," + minLat + "," + maxLon + "," + maxLat;
    }

    /** Every [lon, lat] position in a GeoJSON coordinates array of any depth. */
    private static void positions(JsonNode coordinates, List<double[]> into) {
        if (coordinates.isArray() && coordinates.size() > 0 && coordinates.get(0).isNumber()) {
            double[] p = new double[coordinates.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = coordinates.get(i).asDouble();
            }
            into.add(p);
        } else {
            coordinates.forEach(c -> positions(c, into));
        }
    }

    private static JsonNode feature(JsonNode collection, String id) {
        for (JsonNode f : collection.path("features")) {
            if (f.path("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id + " in " + ids(collection));
    }

    private static List<String> ids(JsonNode collection) {
        List<String> ids = new ArrayList<>();
        collection.path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> res = fetch(path);
        assertThat(res.statusCode()).as(path + ": " + head(res.body())).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
