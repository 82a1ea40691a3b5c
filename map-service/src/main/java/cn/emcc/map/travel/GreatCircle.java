package cn.emcc.map.travel;

/** Great-circle distance on a sphere of the Earth's mean radius (haversine); well under 0.5 % off the ellipsoid. */
public final class GreatCircle {

    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private GreatCircle() {
    }

    public static double metres(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
