package cn.emcc.command.incident;

import cn.emcc.command.serialization.CborSerializable;

/** A WGS84 point, with the great-circle distance correlation needs. */
public record GeoPosition(double longitude, double latitude) implements CborSerializable {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Haversine distance in metres: exact enough at the scale of correlation radii. */
    public double metresTo(GeoPosition other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude))
                * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
