package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Polygon;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CAP's text forms of geometry. CAP writes a point as "latitude,longitude"
 * (latitude first, the reverse of GeoJSON and of {@link GeoPoint}'s field
 * order); a polygon is a space-separated closed ring of at least four points;
 * a circle is "latitude,longitude radius" with the radius in kilometres.
 * Parsing throws {@link IllegalArgumentException} with the reason; the reader
 * adds the element path.
 */
final class CapGeometry {

    /** The contract's bound for a circle (common.proto: radius_km at most 1000). */
    static final double MAX_RADIUS_KM = 1000;

    // Plain decimals only: no exponent, NaN, Infinity or hex forms that Double.parseDouble would take.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private CapGeometry() {
    }

    static Polygon parsePolygon(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("polygon is empty; expected at least four 'lat,lon' pairs");
        }
        String[] pairs = WHITESPACE.split(trimmed);
        List<GeoPoint> ring = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i++) {
            ring.add(parsePoint(pairs[i], "point " + (i + 1)));
        }
        if (ring.size() < 4) {
            throw new IllegalArgumentException("polygon has " + ring.size() + " points; expected at least 4 with the first repeated last");
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
            throw new IllegalArgumentException("polygon is not closed: first point " + CapText.quote(pairs[0]) + " differs from last point "
                    + CapText.quote(pairs[pairs.length - 1]));
        }
        return Polygon.newBuilder().addAllRing(ring).build();
    }

    static Circle parseCircle(String text) {
        String[] parts = WHITESPACE.split(text.strip());
        if (parts.length != 2) {
            throw new IllegalArgumentException("circle " + CapText.quote(text.strip()) + " is not 'lat,lon radius_km'");
        }
        GeoPoint centre = parsePoint(parts[0], "centre");
        double radius = parseDecimal(parts[1], "radius");
        if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
            throw new IllegalArgumentException("circle radius " + parts[1] + " km is out of range; expected > 0 and <= " + MAX_RADIUS_KM);
        }
        return Circle.newBuilder().setCenter(centre).setRadiusKm(radius).build();
    }

    static String formatPolygon(Polygon polygon) {
        StringBuilder text = new StringBuilder();
        for (GeoPoint p : polygon.getRingList()) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(formatPoint(p));
        }
        return text.toString();
    }

    static String formatCircle(Circle circle) {
        return formatPoint(circle.getCenter()) + " " + decimal(circle.getRadiusKm());
    }

    private static String formatPoint(GeoPoint p) {
        return decimal(p.getLatitude()) + "," + decimal(p.getLongitude());
    }

    // Shortest decimal that reads back to the same double, never in exponent form.
    private static String decimal(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static GeoPoint parsePoint(String pair, String what) {
        String[] latLon = pair.split(",", -1);
        if (latLon.length != 2) {
            throw new IllegalArgumentException(what + " " + CapText.quote(pair) + " is not 'lat,lon'");
        }
        double lat = parseDecimal(latLon[0], what + " latitude");
        double lon = parseDecimal(latLon[1], what + " longitude");
        if (lat < -90 || lat > 90) {
            throw new IllegalArgumentException(what + " latitude " + latLon[0] + " is outside -90..90 (CAP puts latitude first)");
        }
        if (lon < -180 || lon > 180) {
            throw new IllegalArgumentException(what + " longitude " + latLon[1] + " is outside -180..180");
        }
        return GeoPoint.newBuilder().setLatitude(lat).setLongitude(lon).build();
    }

    private static double parseDecimal(String text, String what) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " " + CapText.quote(text) + " is not a decimal number");
        }
        return Double.parseDouble(text);
    }
}
