package cn.emcc.map.web;

import org.locationtech.jts.geom.Geometry;

import java.time.Instant;

/**
 * A traffic condition in force (closure, congestion, accident…) as the map
 * layer shows it: a line along a road or an area.
 *
 * @param type        the protobuf name, e.g. {@code TRAFFIC_CONDITION_TYPE_CLOSURE}
 * @param speedFactor fraction of free-flow speed, 0 for a closure, null when only an absolute speed is known
 */
public record TrafficFeature(String conditionId, String type, String roadName, String description,
                             Double speedKmh, Double speedFactor, Instant validUntil, Geometry extent) {
}
