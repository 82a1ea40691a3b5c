package cn.emcc.map.web;

import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.List;

/**
 * A weather warning in force as the map layer shows it: its area (polygons and
 * circles already turned into one geometry, WGS84) and the jurisdictions it names.
 *
 * @param colour the protobuf name, e.g. {@code WARNING_COLOUR_ORANGE}
 */
public record WarningFeature(String identifier, String hazard, String colour, String headline, String issuer,
                             Instant expires, List<String> adcodes, Geometry area) {

    public WarningFeature {
        adcodes = List.copyOf(adcodes);
    }
}
