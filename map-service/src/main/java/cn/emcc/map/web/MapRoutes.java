package cn.emcc.map.web;

import cn.emcc.map.geojson.JurisdictionGeoJson;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.Jurisdictions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.wololo.geojson.Feature;
import org.wololo.geojson.FeatureCollection;
import org.wololo.geojson.GeoJSONFactory;
import org.wololo.jts2geojson.GeoJSONReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The map's GeoJSON (RFC 7946) layers over HTTP, each cut to a jurisdiction's
 * subtree ({@code within}, decided by the {@link JurisdictionScope}) and to a
 * bounding box ({@code bbox=minLon,minLat,maxLon,maxLat}):
 * <ul>
 *   <li>{@code GET /v1/map/boundaries} the jurisdiction and every one below it (counties within cities),
 *       simplified by {@code tolerance} degrees (default 0.002, about 200 m);</li>
 *   <li>{@code GET /v1/map/incidents}, {@code /units}: points whose county is in the subtree;</li>
 *   <li>{@code GET /v1/map/warnings}, {@code /traffic}: areas and lines that touch the jurisdiction.</li>
 * </ul>
 * Answers are {@code application/geo+json}; a bad parameter is 400 {@code {field, reason}}.
 */
public final class MapRoutes extends AllDirectives {

    static final ContentType GEO_JSON = MediaTypes.applicationWithFixedCharset("geo+json", HttpCharsets.UTF_8)
            .toContentType();
    private static final double DEFAULT_TOLERANCE = 0.002;
    private static final int MAX_CACHED_SHAPES = 64;

    private final Jurisdictions geography;
    private final MapLayers layers;
    private final JurisdictionScope scope;
    private final Map<String, PreparedGeometry> prepared = new ConcurrentHashMap<>();
    private final Map<String, List<ShapedJurisdiction>> simplified = new ConcurrentHashMap<>();

    public MapRoutes(Jurisdictions geography, MapLayers layers, JurisdictionScope scope) {
        this.geography = geography;
        this.layers = layers;
        this.scope = scope;
    }

    /** A scope that lets every request see what it names ({@code within}, the province when absent). */
    public static JurisdictionScope unrestricted(Jurisdictions geography) {
        return (requested, inner) -> inner.apply(requested.orElse(geography.tree().province().adcode()));
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("map", () -> get(() -> parameterOptional("within", within ->
                parameterOptional("bbox", bboxText -> scope.scoped(within, root -> {
                    if (geography.tree().get(root).isEmpty()) {
                        return complete(error(StatusCodes.NOT_FOUND, "within", "no jurisdiction '" + root
                                + "'; expected a GB/T 2260 code of the service area"));
                    }
                    BoundingBox bbox;
                    try {
                        bbox = BoundingBox.parse(bboxText);
                    } catch (IllegalArgumentException e) {
                        return complete(error(StatusCodes.BAD_REQUEST, "bbox", e.getMessage()));
                    }
                    return layer(root, bbox);
                }))))));
    }

    private Route layer(String root, BoundingBox bbox) {
        return concat(
                path("boundaries", () -> parameterOptional("tolerance", tolerance -> boundaries(root, bbox, tolerance))),
                path("incidents", () -> completeWithFuture(layers.incidents().current().thenApply(all ->
                        ok(LayerGeoJson.incidents(all.stream()
                                .filter(i -> inSubtree(root, i.countyAdcode()) && bbox.contains(i.longitude(), i.latitude()))
                                .toList()))))),
                path("units", () -> completeWithFuture(layers.units().current().thenApply(all ->
                        ok(LayerGeoJson.units(all.stream()
                                .filter(u -> inSubtree(root, u.countyAdcode()) && bbox.contains(u.longitude(), u.latitude()))
                                .toList()))))),
                path("warnings", () -> completeWithFuture(layers.warnings().current().thenApply(all ->
                        ok(LayerGeoJson.warnings(all.stream()
                                .filter(w -> bbox.intersects(w.area().getEnvelopeInternal())
                                        && (namesSubtree(root, w.adcodes()) || touches(root, w.area())))
                                .toList()))))),
                path("traffic", () -> completeWithFuture(layers.traffic().current().thenApply(all ->
                        ok(LayerGeoJson.traffic(all.stream()
                                .filter(t -> bbox.intersects(t.extent().getEnvelopeInternal()) && touches(root, t.extent()))
                                .toList()))))));
    }

    private Route boundaries(String root, BoundingBox bbox, Optional<String> toleranceText) {
        double tolerance;
        try {
            tolerance = toleranceText.map(Double::parseDouble).orElse(DEFAULT_TOLERANCE);
            if (!(tolerance >= 0 && tolerance <= 0.1)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return complete(error(StatusCodes.BAD_REQUEST, "tolerance", "tolerance is '" + toleranceText.orElse("")
                    + "'; expected degrees between 0 and 0.1"));
        }
        if (simplified.size() >= MAX_CACHED_SHAPES) {
            simplified.clear(); // the tolerance is the client's choice: keep what it can make us hold bounded
        }
        List<ShapedJurisdiction> shapes = simplified.computeIfAbsent(root + "@" + tolerance, k -> shape(root, tolerance));
        List<Jurisdiction> shown = new ArrayList<>();
        Map<String, Geometry> boundaries = new HashMap<>();
        for (ShapedJurisdiction s : shapes) {
            if (bbox.intersects(s.shape().getEnvelopeInternal())) {
                shown.add(s.jurisdiction());
                boundaries.put(s.jurisdiction().adcode(), s.shape());
            }
        }
        return complete(HttpResponse.create().withEntity(HttpEntities.create(GEO_JSON,
                JurisdictionGeoJson.render(shown, boundaries).getBytes(StandardCharsets.UTF_8))));
    }

    /** The root and everything below it, simplified once per root and tolerance, largest tier first. */
    private List<ShapedJurisdiction> shape(String root, double tolerance) {
        List<Jurisdiction> subtree = geography.tree().all().stream()
                .filter(j -> geography.tree().contains(root, j.adcode()))
                .sorted(Comparator.comparing(Jurisdiction::tier))
                .toList();
        Map<String, Geometry> boundaries = new HashMap<>();
        subtree.forEach(j -> boundaries.put(j.adcode(), geography.boundary(j.adcode())));
        // render once to get the coverage-simplified shapes, then keep them for bbox cuts
        String rendered = JurisdictionGeoJson.render(subtree, boundaries, tolerance);
        Map<String, Geometry> shapes = readFeatures(rendered);
        return subtree.stream().map(j -> new ShapedJurisdiction(j, shapes.get(j.adcode()))).toList();
    }

    private static Map<String, Geometry> readFeatures(String rendered) {
        FeatureCollection fc = (FeatureCollection) GeoJSONFactory.create(rendered);
        GeoJSONReader reader = new GeoJSONReader();
        Map<String, Geometry> out = new HashMap<>();
        for (Feature f : fc.getFeatures()) {
            out.put(String.valueOf(f.getProperties().get("adcode")), reader.read(f.getGeometry()));
        }
        return out;
    }

    private record ShapedJurisdiction(Jurisdiction jurisdiction, Geometry shape) {
    }

    private boolean inSubtree(String root, String county) {
        return county != null && geography.tree().contains(root, county);
    }

    private boolean namesSubtree(String root, List<String> adcodes) {
        return adcodes.stream().anyMatch(a -> geography.tree().get(a).isPresent()
                && (geography.tree().contains(root, a) || geography.tree().contains(a, root)));
    }

    private boolean touches(String root, Geometry shape) {
        return !shape.isEmpty() && prepared.computeIfAbsent(root,
                r -> PreparedGeometryFactory.prepare(geography.boundary(r))).intersects(shape);
    }

    private static HttpResponse ok(ObjectNode body) {
        try {
            return HttpResponse.create().withEntity(HttpEntities.create(GEO_JSON, LayerGeoJson.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of our own always serializes", e);
        }
    }

    static HttpResponse error(StatusCode status, String field, String reason) {
        ObjectNode body = LayerGeoJson.MAPPER.createObjectNode().put("field", field).put("reason", reason);
        try {
            return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(
                    ContentTypes.APPLICATION_JSON, LayerGeoJson.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of our own always serializes", e);
        }
    }
}
