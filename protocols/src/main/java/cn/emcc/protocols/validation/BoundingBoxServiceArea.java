package cn.emcc.protocols.validation;

import java.util.Locale;

/**
 * A {@link ServiceArea} that is a longitude/latitude box grown by a tolerance
 * on every side. The tolerance absorbs GPS error at the border and warning
 * areas that reach a little over it (sea areas off the coast, for example).
 */
public final class BoundingBoxServiceArea implements ServiceArea {

    private final String name;
    private final double minLon;
    private final double minLat;
    private final double maxLon;
    private final double maxLat;
    private final double toleranceDegrees;

    public BoundingBoxServiceArea(String name, double minLon, double minLat, double maxLon, double maxLat,
            double toleranceDegrees) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is blank; expected the area's name");
        }
        requireInRange("minLon", minLon, -180, 180);
        requireInRange("maxLon", maxLon, -180, 180);
        requireInRange("minLat", minLat, -90, 90);
        requireInRange("maxLat", maxLat, -90, 90);
        requireInRange("toleranceDegrees", toleranceDegrees, 0, 10);
        if (minLon > maxLon || minLat > maxLat) {
            throw new IllegalArgumentException("box " + minLon + "," + minLat + " .. " + maxLon + "," + maxLat
                    + " is empty; expected min <= max on both axes");
        }
        this.name = name;
        this.minLon = minLon;
        this.minLat = minLat;
        this.maxLon = maxLon;
        this.maxLat = maxLat;
        this.toleranceDegrees = toleranceDegrees;
    }

    /**
     * Shandong Province with a tolerance of 0.05° (about 5 km). The box is the
     * extent of every vertex of shared/data/shandong/shandong-province.geojson
     * (1 MultiPolygon, 5,984 vertices), computed once from that file and
     * rounded outward to six decimals.
     */
    public static BoundingBoxServiceArea shandong() {
        return new BoundingBoxServiceArea("Shandong", 114.813741, 34.379103, 122.710972, 38.401768, 0.05);
    }

    @Override
    public boolean contains(double longitude, double latitude) {
        // NaN fails every comparison, so it is never contained.
        return longitude >= minLon - toleranceDegrees && longitude <= maxLon + toleranceDegrees
                && latitude >= minLat - toleranceDegrees && latitude <= maxLat + toleranceDegrees;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s (%.2f..%.2f E, %.2f..%.2f N) ± %.2f°",
                name, minLon, maxLon, minLat, maxLat, toleranceDegrees);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void requireInRange(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " is " + value + "; expected " + min + ".." + max);
        }
    }
}
