package cn.emcc.map.web;

import java.time.Instant;

/**
 * An open incident as the map layer shows it. Enum-like fields carry the
 * protobuf enum names (e.g. {@code GRADE_II}); the console translates them.
 */
public record IncidentFeature(String incidentId, double longitude, double latitude, String grade, String category,
                              String status, String countyAdcode, String address, Instant openedAt, int reportCount) {
}
