package cn.emcc.map.web;

import cn.emcc.map.geojson.JurisdictionGeoJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.wololo.jts2geojson.GeoJSONWriter;

import java.time.Instant;
import java.util.List;

/**
 * Renders the live layers as RFC 7946 FeatureCollections: WGS84 lon/lat,
 * the item's id as the Feature {@code id}, polygons wound as RFC 7946 asks,
 * and a {@code layer} property so a client can tell features apart after
 * merging collections.
 */
public final class LayerGeoJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private LayerGeoJson() {
    }

    public static ObjectNode incidents(List<IncidentFeature> items) {
        ArrayNode features = MAPPER.createArrayNode();
        for (IncidentFeature i : items) {
            ObjectNode p = properties("incident");
            p.put("incident_id", i.incidentId());
            p.put("grade", i.grade());
            p.put("category", i.category());
            p.put("status", i.status());
            p.put("county_adcode", i.countyAdcode());
            p.put("address", i.address());
            p.put("opened_at", text(i.openedAt()));
            p.put("report_count", i.reportCount());
            features.add(feature(i.incidentId(), point(i.longitude(), i.latitude()), p));
        }
        return collection(features);
    }

    public static ObjectNode units(List<UnitFeature> items) {
        ArrayNode features = MAPPER.createArrayNode();
        for (UnitFeature u : items) {
            ObjectNode p = properties("unit");
            p.put("unit_id", u.unitId());
            p.put("agency", u.agency());
            p.put("unit_type", u.unitType());
            p.put("status", u.status());
            p.put("station_name", u.stationName());
            p.put("county_adcode", u.countyAdcode());
            p.put("status_since", text(u.statusSince()));
            p.put("incident_id", u.incidentId());
            features.add(feature(u.unitId(), point(u.longitude(), u.latitude()), p));
        }
        return collection(features);
    }

    public static ObjectNode warnings(List<WarningFeature> items) {
        ArrayNode features = MAPPER.createArrayNode();
        for (WarningFeature w : items) {
            ObjectNode p = properties("warning");
            p.put("identifier", w.identifier());
            p.put("hazard", w.hazard());
            p.put("colour", w.colour());
            p.put("headline", w.headline());
            p.put("issuer", w.issuer());
            p.put("expires", text(w.expires()));
            ArrayNode adcodes = p.putArray("adcodes");
            w.adcodes().forEach(adcodes::add);
            features.add(feature(w.identifier(), geometry(w.area()), p));
        }
        return collection(features);
    }

    public static ObjectNode traffic(List<TrafficFeature> items) {
        ArrayNode features = MAPPER.createArrayNode();
        for (TrafficFeature t : items) {
            ObjectNode p = properties("traffic");
            p.put("condition_id", t.conditionId());
            p.put("type", t.type());
            p.put("road_name", t.roadName());
            p.put("description", t.description());
            if (t.speedKmh() != null) {
                p.put("speed_kmh", t.speedKmh());
            }
            if (t.speedFactor() != null) {
                p.put("speed_factor", t.speedFactor());
            }
            p.put("valid_until", text(t.validUntil()));
            features.add(feature(t.conditionId(), geometry(t.extent()), p));
        }
        return collection(features);
    }

    private static ObjectNode properties(String layer) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("layer", layer);
        return p;
    }

    private static ObjectNode feature(String id, ObjectNode geometry, ObjectNode properties) {
        ObjectNode f = MAPPER.createObjectNode();
        f.put("type", "Feature");
        f.put("id", id);
        f.set("geometry", geometry);
        f.set("properties", properties);
        return f;
    }

    private static ObjectNode collection(ArrayNode features) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("type", "FeatureCollection");
        c.set("features", features);
        return c;
    }

    private static ObjectNode point(double lon, double lat) {
        ObjectNode g = MAPPER.createObjectNode();
        g.put("type", "Point");
        g.putArray("coordinates").add(lon).add(lat);
        return g;
    }

    private static ObjectNode geometry(Geometry geometry) {
        Geometry wound = geometry instanceof Polygonal ? JurisdictionGeoJson.rfc7946Winding(geometry) : geometry;
        return MAPPER.valueToTree(new GeoJSONWriter().write(wound));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
