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
}
