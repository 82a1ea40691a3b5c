package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;

/** Small-distance geometry on the WGS84 sphere, good to a few metres over a few kilometres. */
final class GeoMath {

    static final double EARTH_RADIUS_M = 6_371_008.8;

    private GeoMath() {
    }

    /** The point {@code meters} away from {@code from} towards {@code bearingDegrees} (0 north, 90 east). */
    static GeoPoint offset(GeoPoint from, double meters, double bearingDegrees) {
        double lat1 = Math.toRadians(from.getLatitude());
        double lon1 = Math.toRadians(from.getLongitude());
        double bearing = Math.toRadians(bearingDegrees);
        double d = meters / EARTH_RADIUS_M;
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
        double lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
                Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        return point(Math.toDegrees(lon2), Math.toDegrees(lat2));
    }

    /** Great-circle distance in metres (haversine). */
    static double distanceMeters(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.getLatitude());
        double lat2 = Math.toRadians(b.getLatitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.getLongitude() - a.getLongitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The point a fraction {@code t} (0..1) of the way from a to b, linear in degrees (fine over a few km). */
    static GeoPoint between(GeoPoint a, GeoPoint b, double t) {
        return point(a.getLongitude() + (b.getLongitude() - a.getLongitude()) * t,
                a.getLatitude() + (b.getLatitude() - a.getLatitude()) * t);
    }

    /**
     * The direction of the straight line from a to b on the local lon/lat plane, in degrees in [0, 360)
     * (0 north, 90 east): the heading of a vehicle moving along {@link #between}. 0 when a equals b.
     */
    static double bearingDegrees(GeoPoint a, GeoPoint b) {
        double east = (b.getLongitude() - a.getLongitude())
                * Math.cos(Math.toRadians((a.getLatitude() + b.getLatitude()) / 2));
        double north = b.getLatitude() - a.getLatitude();
        return normalizedDegrees(Math.toDegrees(Math.atan2(east, north)));
    }

    /** An angle in degrees brought into [0, 360). */
    static double normalizedDegrees(double degrees) {
        double d = degrees % 360;
        if (d < 0) {
            d += 360;
        }
        return d >= 360 ? 0 : d; // a tiny negative angle plus 360 rounds to 360
    }

    /** A point rounded to 6 decimals (about 0.1 m), as a GPS fix would be reported. */
    static GeoPoint point(double longitude, double latitude) {
        return GeoPoint.newBuilder()
                .setLongitude(Math.round(longitude * 1e6) / 1e6)
                .setLatitude(Math.round(latitude * 1e6) / 1e6)
                .build();
    }
}
