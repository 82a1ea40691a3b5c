package cn.emcc.map.jurisdiction;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/**
 * Metres on the ground from lon/lat degrees, with a local equirectangular
 * approximation: good to well under 1 % over the few kilometres the
 * tolerances span, and far simpler than a geodesic.
 */
final class GroundDistance {

    static final double METRES_PER_DEGREE_LATITUDE = 110_574.0;
    static final double METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111_320.0;

    private GroundDistance() {
    }

    static double metres(Coordinate a, Coordinate b) {
        double meanLatitude = Math.toRadians((a.y + b.y) / 2);
        double dx = (a.x - b.x) * METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * Math.cos(meanLatitude);
        double dy = (a.y - b.y) * METRES_PER_DEGREE_LATITUDE;
        return Math.hypot(dx, dy);
    }

    /** The envelope grown by at least {@code metres} in every direction around {@code latitude}. */
    static Envelope expand(Envelope envelope, double metres) {
        double latitude = Math.max(Math.abs(envelope.getMinY()), Math.abs(envelope.getMaxY()));
        double cos = Math.max(Math.cos(Math.toRadians(Math.min(latitude, 89.0))), 1e-6);
        Envelope grown = new Envelope(envelope);
        grown.expandBy(metres / (METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * cos), metres / METRES_PER_DEGREE_LATITUDE);
        return grown;
    }

    /** Degrees that are at least {@code metres} in every direction at this latitude (east-west is the shorter). */
    static double degreesCovering(double metres, double latitude) {
        double cos = Math.max(Math.cos(Math.toRadians(Math.min(Math.abs(latitude), 89.0))), 1e-6);
        return metres / (METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * cos);
    }

    /** Total length of the linear parts of a geometry, in metres. */
    static double length(Geometry geometry) {
        double total = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof LineString line) {
                Coordinate[] cs = line.getCoordinates();
                for (int k = 1; k < cs.length; k++) {
                    total += metres(cs[k - 1], cs[k]);
                }
            } else if (part.getNumGeometries() > 1) {
                total += length(part);
            }
        }
        return total;
    }
}
