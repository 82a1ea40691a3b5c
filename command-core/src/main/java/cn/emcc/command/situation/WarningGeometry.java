package cn.emcc.command.situation;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WeatherWarning;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The area of one warning made ready for point tests. CAP treats all areas of
 * an alert, and all polygons, circles and geocodes inside one, as a union, so
 * covering any one part is enough. Polygons are prepared once because every
 * incident on every pass is tested against them.
 */
final class WarningGeometry {

    private static final GeometryFactory PLANE = new GeometryFactory();

    private final List<PreparedGeometry> polygons;
    private final List<Circle> circles;
    private final Set<String> adcodes;

    private WarningGeometry(List<PreparedGeometry> polygons, List<Circle> circles, Set<String> adcodes) {
        this.polygons = polygons;
        this.circles = circles;
        this.adcodes = adcodes;
    }

    /** @throws IllegalArgumentException naming the area and polygon when a ring cannot be a polygon */
    static WarningGeometry of(WeatherWarning w) {
        List<PreparedGeometry> polygons = new ArrayList<>();
        List<Circle> circles = new ArrayList<>();
        Set<String> adcodes = new HashSet<>();
        for (int a = 0; a < w.getAreasCount(); a++) {
            WarningArea area = w.getAreas(a);
            for (int p = 0; p < area.getPolygonsCount(); p++) {
                polygons.add(PreparedGeometryFactory.prepare(polygon(area.getPolygons(p), "areas[" + a + "].polygons[" + p + "]")));
            }
            circles.addAll(area.getCirclesList());
            adcodes.addAll(area.getAdcodesList());
        }
        return new WarningGeometry(List.copyOf(polygons), List.copyOf(circles), Set.copyOf(adcodes));
    }

    boolean covers(double lon, double lat, Set<String> adcodesOfPoint) {
        for (String code : adcodesOfPoint) {
            if (adcodes.contains(code)) {
                return true;
            }
        }
        for (Circle c : circles) {
            if (GreatCircle.distanceKm(c.getCenter().getLongitude(), c.getCenter().getLatitude(), lon, lat) <= c.getRadiusKm()) {
                return true;
            }
        }
        if (!polygons.isEmpty()) {
            Point point = PLANE.createPoint(new Coordinate(lon, lat));
            for (PreparedGeometry p : polygons) {
                // covers, not contains: a point on the boundary line is inside the warned area.
                if (p.covers(point)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** x = longitude, y = latitude: the plane JTS works in is the lon/lat plane, as in GeoJSON. */
    static org.locationtech.jts.geom.Polygon polygon(Polygon ring, String where) {
        List<Coordinate> coords = new ArrayList<>(ring.getRingCount() + 1);
        for (GeoPoint g : ring.getRingList()) {
            coords.add(new Coordinate(g.getLongitude(), g.getLatitude()));
        }
        // Some CAP producers leave the ring open; closing it costs nothing and loses nothing.
        if (!coords.isEmpty() && !coords.get(0).equals2D(coords.get(coords.size() - 1))) {
            coords.add(coords.get(0));
        }
        if (coords.size() < 4) {
            throw new IllegalArgumentException(where + ": a ring needs at least 3 distinct points, had "
                    + ring.getRingCount() + " point(s)");
        }
        org.locationtech.jts.geom.Polygon polygon = PLANE.createPolygon(coords.toArray(Coordinate[]::new));
        if (!polygon.isValid()) {
            throw new IllegalArgumentException(where + ": the ring crosses itself; expected a simple closed ring");
        }
        return polygon;
    }
}
