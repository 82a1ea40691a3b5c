package cn.emcc.map.jurisdiction;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.wololo.geojson.Feature;
import org.wololo.geojson.FeatureCollection;
import org.wololo.geojson.GeoJSON;
import org.wololo.geojson.GeoJSONFactory;
import org.wololo.jts2geojson.GeoJSONReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one GeoJSON FeatureCollection of boundaries. Only {@code adcode} is
 * required; {@code name} and {@code city_adcode}, when present, are checked
 * against the division-code table. A numeric adcode (as some GIS exports
 * write it) is accepted.
 */
final class BoundaryFeatures {

    record BoundaryFeature(int index, String adcode, String name, String cityAdcode, Geometry geometry) {
    }

    private BoundaryFeatures() {
    }

    static List<BoundaryFeature> read(URL source, GeometryFactory factory) {
        String json;
        try (InputStream in = source.openStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JurisdictionDataException("cannot read boundaries from " + source + ": " + e.getMessage(), e);
        }
        GeoJSON parsed;
        try {
            parsed = GeoJSONFactory.create(json);
        } catch (RuntimeException e) {
            throw new JurisdictionDataException("boundaries in " + source + " are not GeoJSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof FeatureCollection collection)) {
            throw new JurisdictionDataException("boundaries in " + source + " are a "
                    + (parsed == null ? "null" : parsed.getClass().getSimpleName()) + "; expected a FeatureCollection");
        }
        GeoJSONReader reader = new GeoJSONReader();
        List<String> problems = new ArrayList<>();
        List<BoundaryFeature> features = new ArrayList<>();
        Feature[] all = collection.getFeatures() == null ? new Feature[0] : collection.getFeatures();
        for (int i = 0; i < all.length; i++) {
            Feature f = all[i];
            Map<String, Object> properties = f.getProperties() == null ? Map.of() : f.getProperties();
            String adcode = code(properties.get("adcode"));
            if (adcode == null) {
                problems.add("feature #" + i + " has adcode " + properties.get("adcode") + "; expected six digits");
                continue;
            }
            if (f.getGeometry() == null) {
                problems.add("feature #" + i + " (adcode " + adcode + ") has no geometry");
                continue;
            }
            Geometry geometry;
            try {
                geometry = reader.read(f.getGeometry(), factory);
            } catch (RuntimeException e) {
                problems.add("feature #" + i + " (adcode " + adcode + ") has an unreadable geometry: " + e.getMessage());
                continue;
            }
            Object name = properties.get("name");
            features.add(new BoundaryFeature(i, adcode, name == null ? null : name.toString().trim(),
                    code(properties.get("city_adcode")), geometry));
        }
        if (!problems.isEmpty()) {
            throw new JurisdictionDataException(source.toString(), problems);
        }
        return features;
    }

    private static String code(Object value) {
        String text = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue())
                : value == null ? null : value.toString().trim();
        return Jurisdiction.isAdcode(text) ? text : null;
    }
}
