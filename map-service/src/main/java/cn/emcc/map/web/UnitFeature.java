package cn.emcc.map.web;

import java.time.Instant;

/**
 * A unit as the map layer and the unit board show it: where it was last seen,
 * its status and since when ({@code statusSince} null when unknown, e.g. a
 * unit that has been available since the roster was loaded).
 */
public record UnitFeature(String unitId, String agency, String unitType, String status, String stationName,
                          String countyAdcode, double longitude, double latitude, Instant statusSince,
                          String incidentId) {
}
