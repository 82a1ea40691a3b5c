package cn.emcc.map.travel;

import cn.emcc.protocols.v1.GeoPoint;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.util.GeometryTransformer;

import java.util.List;

/**
 * A flat map in metres around one reference latitude (equirectangular), so
 * that buffers and lengths of traffic and weather geometry can be taken in
 * metres. Across Shandong (34.4°–38.4° N) east-west scale is off by at most
 * about 3 % from a reference of 36.4°, which is far inside what the
 * travel-time model can claim anyway. The traffic and weather situations and
 * the model must share one plane.
 */
public record LocalPlane(double referenceLatitude) {

    private static final double METRES_PER_DEGREE_LATITUDE = 110_574.0;
    private static final double METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111_320.0;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** The middle of Shandong. */
    public static final LocalPlane SHANDONG = new LocalPlane(36.4);

    public LocalPlane {
        if (!(referenceLatitude > -80 && referenceLatitude < 80)) {
            throw new IllegalArgumentException("referenceLatitude " + referenceLatitude + ": expected (-80, 80)");
        }
    }

    public double x(double longitude) {
        return longitude * METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * Math.cos(Math.toRadians(referenceLatitude));
    }

    public double y(double latitude) {
        return latitude * METRES_PER_DEGREE_LATITUDE;
    }

    public Coordinate coordinate(double longitude, double latitude) {
        return new Coordinate(x(longitude), y(latitude));
    }

    public Coordinate coordinate(GeoPoint p) {
        return coordinate(p.getLongitude(), p.getLatitude());
    }

    public LineString line(double fromLon, double fromLat, double toLon, double toLat) {
        return FACTORY.createLineString(new Coordinate[]{coordinate(fromLon, fromLat), coordinate(toLon, toLat)});
    }

    public LineString line(List<GeoPoint> points) {
        return FACTORY.createLineString(points.stream().map(this::coordinate).toArray(Coordinate[]::new));
    }

    /** A closed ring of contract points as a polygon in the plane (closing it if the sender left it open). */
    public Geometry polygon(List<GeoPoint> ring, String where) {
        Coordinate[] coords = ring.stream().map(this::coordinate).toArray(Coordinate[]::new);
        if (coords.length > 0 && !coords[0].equals2D(coords[coords.length - 1])) {
            Coordinate[] closed = java.util.Arrays.copyOf(coords, coords.length + 1);
            closed[coords.length] = coords[0];
            coords = closed;
        }
        if (coords.length < 4) {
            throw new IllegalArgumentException(where + ": a ring needs at least 3 distinct points, had " + ring.size());
        }
        Geometry polygon = FACTORY.createPolygon(coords);
        // A self-crossing ring from outside is repaired rather than allowed to break every later overlay.
        return polygon.isValid() ? polygon : polygon.buffer(0);
    }

    /** A lon/lat geometry (e.g. a county boundary) in this plane. */
    public Geometry project(Geometry lonLat) {
        return new GeometryTransformer() {
            @Override
            protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                    org.locationtech.jts.geom.CoordinateSequence coords, Geometry parent) {
                Coordinate[] out = new Coordinate[coords.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = coordinate(coords.getX(i), coords.getY(i));
                }
                return FACTORY.getCoordinateSequenceFactory().create(out);
            }
        }.transform(lonLat);
    }

    GeometryFactory factory() {
        return FACTORY;
    }
}
