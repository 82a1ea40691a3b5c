package cn.emcc.map.jurisdiction;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * Everything loaded about the jurisdictions of one province: the tree, the
 * point locator and each jurisdiction's boundary by adcode (province, cities
 * and counties; WGS84 lon/lat, SRID 4326). Built by {@link JurisdictionLoader}.
 * The geometries are shared, not copied: treat them as read-only.
 */
public record Jurisdictions(JurisdictionTree tree, JurisdictionLocator locator, Map<String, Geometry> boundaries) {

    public Jurisdictions {
        boundaries = Map.copyOf(boundaries);
    }

    public Geometry boundary(String adcode) {
        return boundaries.get(adcode);
    }
}
