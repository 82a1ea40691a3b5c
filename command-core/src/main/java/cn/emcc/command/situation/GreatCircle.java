package cn.emcc.command.situation;

/** Distance on the ground between two lon/lat points (haversine on a sphere of the mean Earth radius). */
final class GreatCircle {

    /** IUGG mean Earth radius; the sphere is within 0.5 % of the ellipsoid, plenty for a warning circle. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    private GreatCircle() {
    }

    static double distanceKm(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** The point {@code km} away from (lon, lat) on the initial bearing {@code bearingDeg} (0 = north), as {lon, lat}. */
    static double[] destination(double lon, double lat, double bearingDeg, double km) {
        double delta = km / EARTH_RADIUS_KM;
        double theta = Math.toRadians(bearingDeg);
        double phi1 = Math.toRadians(lat);
        double lambda1 = Math.toRadians(lon);
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
        double lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
                Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(lambda2), Math.toDegrees(phi2)};
    }
}
