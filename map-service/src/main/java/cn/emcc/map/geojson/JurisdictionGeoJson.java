package cn.emcc.map.geojson;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.Tier;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.wololo.geojson.Feature;
import org.wololo.geojson.FeatureCollection;
import org.wololo.jts2geojson.GeoJSONWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders jurisdictions as an RFC 7946 GeoJSON FeatureCollection for the
 * console's base layer: one Feature per jurisdiction, {@code id} and
 * properties {@code adcode}, {@code name}, {@code tier}, {@code parent}
 * (null for the province), exterior rings counter-clockwise and holes
 * clockwise as RFC 7946 asks, features in the order given.
 *
 * <p>With a simplification tolerance, each tier is simplified as a coverage
 * (shared borders are simplified once, so neighbours still meet without
 * slivers); a tier whose polygons do not form a clean coverage falls back to
 * simplifying each polygon on its own, keeping its topology.
 */
public final class JurisdictionGeoJson {

    private JurisdictionGeoJson() {
    }

    public static String render(List<Jurisdiction> jurisdictions, Map<String, Geometry> boundaries) {
        return render(jurisdictions, boundaries, 0);
    }

    /**
     * @param toleranceDegrees 0 for the boundaries as loaded; e.g. 0.005 (about 500 m) for a province-wide view
     * @throws IllegalArgumentException if a jurisdiction has no boundary or the tolerance is negative
     */
    public static String render(List<Jurisdiction> jurisdictions, Map<String, Geometry> boundaries,
                                double toleranceDegrees) {
        if (!(toleranceDegrees >= 0) || Double.isInfinite(toleranceDegrees)) {
            throw new IllegalArgumentException(
                    "toleranceDegrees is " + toleranceDegrees + "; expected a finite number >= 0");
        }
        Map<String, Geometry> shapes = new LinkedHashMap<>();
        for (Jurisdiction j : jurisdictions) {
            Geometry g = boundaries.get(j.adcode());
            if (g == null) {
                throw new IllegalArgumentException("jurisdiction " + j + " has no boundary to render");
            }
            shapes.put(j.adcode(), g);
        }
        if (toleranceDegrees > 0) {
            simplifyByTier(jurisdictions, shapes, toleranceDegrees);
        }
        GeoJSONWriter writer = new GeoJSONWriter();
        Feature[] features = new Feature[jurisdictions.size()];
        for (int i = 0; i < features.length; i++) {
            Jurisdiction j = jurisdictions.get(i);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("adcode", j.adcode());
            properties.put("name", j.name());
            properties.put("tier", j.tier().name());
            properties.put("parent", j.parentAdcode());
            features[i] = new Feature(j.adcode(), writer.write(rfc7946Winding(shapes.get(j.adcode()))), properties);
        }
        return new FeatureCollection(features).toString();
    }

    private static void simplifyByTier(List<Jurisdiction> jurisdictions, Map<String, Geometry> shapes,
                                       double tolerance) {
        Map<Tier, List<String>> byTier = new EnumMap<>(Tier.class);
        jurisdictions.forEach(j -> byTier.computeIfAbsent(j.tier(), t -> new ArrayList<>()).add(j.adcode()));
        for (List<String> codes : byTier.values()) {
            Geometry[] group = codes.stream().map(shapes::get).toArray(Geometry[]::new);
            Geometry[] simplified = CoverageValidator.isValid(group)
                    ? CoverageSimplifier.simplify(group, tolerance)
                    : Arrays.stream(group)
                            .map(g -> TopologyPreservingSimplifier.simplify(g, tolerance))
                            .toArray(Geometry[]::new);
            for (int i = 0; i < codes.size(); i++) {
                // a polygon simplified away (a tiny island) keeps its original shape rather than vanish
                if (simplified[i] instanceof Polygonal && !simplified[i].isEmpty()) {
                    shapes.put(codes.get(i), simplified[i]);
                }
            }
        }
    }

    /** Exterior rings counter-clockwise, holes clockwise (RFC 7946 section 3.1.6). */
    public static Geometry rfc7946Winding(Geometry geometry) {
        GeometryFactory factory = geometry.getFactory();
        Polygon[] polygons = new Polygon[geometry.getNumGeometries()];
        for (int i = 0; i < polygons.length; i++) {
            Polygon p = (Polygon) geometry.getGeometryN(i);
            LinearRing shell = oriented(p.getExteriorRing(), true);
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) {
                holes[h] = oriented(p.getInteriorRingN(h), false);
            }
            polygons[i] = factory.createPolygon(shell, holes);
        }
        return polygons.length == 1 && geometry instanceof Polygon
                ? polygons[0]
                : factory.createMultiPolygon(polygons);
    }

    private static LinearRing oriented(LinearRing ring, boolean counterClockwise) {
        return Orientation.isCCW(ring.getCoordinates()) == counterClockwise ? ring : ring.reverse();
    }
}
