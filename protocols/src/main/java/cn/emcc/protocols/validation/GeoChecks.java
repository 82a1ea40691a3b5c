package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.RejectionCode;

import java.util.List;

/**
 * Checks on coordinates and shapes: finite, within WGS84 ranges, inside the
 * service area, and well-formed (closed simple rings, lines of two points or
 * more). A shape outside the area is reported once, at its first stray point,
 * so that a polygon drawn over the wrong province does not yield a thousand
 * violations.
 */
final class GeoChecks {

    /** A circle on the ground larger than this is not a local warning (contract: at most 1000 km). */
    private static final double MAX_RADIUS_KM = 1000;
    /** An accuracy worse than this says nothing about where the point is. */
    private static final double MAX_ACCURACY_METERS = 100_000;

    private final ServiceArea area;
    private final ValidationLimits limits;
    private final NumberChecks numbers;
    private final TextChecks text;

    GeoChecks(ServiceArea area, ValidationLimits limits, NumberChecks numbers, TextChecks text) {
        this.area = area;
        this.limits = limits;
        this.numbers = numbers;
        this.text = text;
    }

    /** A point that must be present and inside the service area. */
    void requiredPoint(Violations v, String path, boolean present, GeoPoint point) {
        if (!present) {
            v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, path, path + " is not set; it is required");
            return;
        }
        pointInArea(v, path, point);
    }

    /** Coordinates finite and in range, then inside the area; true when all hold. */
    boolean pointInArea(Violations v, String path, GeoPoint point) {
        if (!coordinates(v, path, point)) {
            return false;
        }
        if (!area.contains(point.getLongitude(), point.getLatitude())) {
            v.add(RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA, path, path + " " + show(point)
                    + " is outside the service area " + area.describe());
            return false;
        }
        return true;
    }

    /** Longitude −180..180 and latitude −90..90, both finite; true when both hold. */
    boolean coordinates(Violations v, String path, GeoPoint point) {
        boolean lon = numbers.inRange(v, Violations.path(path, "longitude"), point.getLongitude(), -180, 180);
        boolean lat = numbers.inRange(v, Violations.path(path, "latitude"), point.getLatitude(), -90, 90);
        return lon && lat;
    }

    void location(Violations v, String path, boolean present, Location location, boolean required) {
        if (!present) {
            if (required) {
                v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, path, path + " is not set; it is required");
            }
            return;
        }
        requiredPoint(v, Violations.path(path, "point"), location.hasPoint(), location.getPoint());
        text.text(v, Violations.path(path, "address"), location.getAddress(), limits.maxAddressChars());
        text.adcode(v, Violations.path(path, "adcode"), location.getAdcode(), false);
        numbers.inRange(v, Violations.path(path, "accuracy_meters"), location.getAccuracyMeters(),
                0, MAX_ACCURACY_METERS);
    }

    /** Accuracy of a fix in metres: 0 (unknown) up to 100 km. */
    void accuracy(Violations v, String path, double meters) {
        numbers.inRange(v, path, meters, 0, MAX_ACCURACY_METERS);
    }

    /**
     * A closed ring of 4..maxRingPoints points, every vertex inside the area
     * (the area's tolerance lets a warning polygon reach a little beyond the
     * border), and no self-intersection.
     */
    void polygon(Violations v, String path, Polygon polygon) {
        String ringPath = Violations.path(path, "ring");
        List<GeoPoint> ring = polygon.getRingList();
        if (ring.size() > limits.maxRingPoints()) {
            v.add(RejectionCode.REJECTION_CODE_TOO_LONG, ringPath,
                    ringPath + " has " + ring.size() + " points; expected at most " + limits.maxRingPoints());
            return;
        }
        if (ring.size() < 4) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_GEOMETRY, ringPath, ringPath + " has " + ring.size()
                    + " points; expected a closed ring of at least 4 (first point repeated last)");
            return;
        }
        if (!vertices(v, ringPath, ring)) {
            return;
        }
        GeoPoint first = ring.get(0);
        GeoPoint last = ring.get(ring.size() - 1);
        if (first.getLongitude() != last.getLongitude() || first.getLatitude() != last.getLatitude()) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_GEOMETRY, ringPath, ringPath + " is not closed: first point "
                    + show(first) + ", last point " + show(last) + "; expected them equal");
            return;
        }
        RingGeometry.Crossing crossing = RingGeometry.firstSelfIntersection(ring);
        if (crossing != null) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_GEOMETRY, ringPath, ringPath + " intersects itself: the side"
                    + " starting at point " + crossing.firstSegment() + " meets the side starting at point "
                    + crossing.secondSegment() + "; expected a simple ring");
        }
    }

    /** An open line of 2..maxRingPoints points, every point inside the area. */
    void lineString(Violations v, String path, LineString line) {
        String pointsPath = Violations.path(path, "points");
        List<GeoPoint> points = line.getPointsList();
        if (points.size() > limits.maxRingPoints()) {
            v.add(RejectionCode.REJECTION_CODE_TOO_LONG, pointsPath,
                    pointsPath + " has " + points.size() + " points; expected at most " + limits.maxRingPoints());
            return;
        }
        if (points.size() < 2) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_GEOMETRY, pointsPath,
                    pointsPath + " has " + points.size() + " points; expected at least 2");
            return;
        }
        vertices(v, pointsPath, points);
    }

    /** Centre inside the area (its tolerance applies; the radius may reach beyond), radius (0, 1000] km. */
    void circle(Violations v, String path, Circle circle) {
        requiredPoint(v, Violations.path(path, "center"), circle.hasCenter(), circle.getCenter());
        numbers.inRangeAboveMin(v, Violations.path(path, "radius_km"), circle.getRadiusKm(), 0, MAX_RADIUS_KM);
    }

    /** Every point's coordinates, then the first one outside the area; true when all are usable and inside. */
    private boolean vertices(Violations v, String listPath, List<GeoPoint> points) {
        boolean finite = true;
        for (int i = 0; i < points.size(); i++) {
            finite &= coordinates(v, Violations.index(listPath, i), points.get(i));
        }
        if (!finite) {
            return false;
        }
        for (int i = 0; i < points.size(); i++) {
            GeoPoint p = points.get(i);
            if (!area.contains(p.getLongitude(), p.getLatitude())) {
                String path = Violations.index(listPath, i);
                v.add(RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA, path, path + " " + show(p)
                        + " is outside the service area " + area.describe());
                return false;
            }
        }
        return true;
    }

    private static String show(GeoPoint p) {
        return "(" + p.getLongitude() + ", " + p.getLatitude() + ")";
    }
}
