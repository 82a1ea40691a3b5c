package cn.emcc.map.travel;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The weather warnings (预警) in force, as the travel-time model uses them:
 * the part of a straight path inside a warning's area is slowed by the
 * {@link WeatherSlowdowns} factor of its hazard and colour. Warnings that
 * overlap compound (their delays add up). A warning's area is the union of its
 * polygons, circles and GB/T 2260 codes (resolved to boundaries by the caller).
 *
 * <p>The share of a path inside an area is measured at evenly spaced sample
 * points (one per {@value #SAMPLE_METRES} m, at most {@value #MAX_SAMPLES}),
 * not by an exact overlay: county polygons have thousands of vertices and a
 * dispatch asks for hundreds of paths. Cancellations and expiry are the
 * caller's business; a CANCEL message passed in is ignored.
 */
public final class WeatherSituation {

    static final double SAMPLE_METRES = 500;
    static final int MAX_SAMPLES = 64;

    private record Prepared(String cause, double slowdown, PreparedGeometry area) {
    }

    private final LocalPlane plane;
    private final List<Prepared> warnings;
    private final Set<String> unresolvedAdcodes;

    private WeatherSituation(LocalPlane plane, List<Prepared> warnings, Set<String> unresolvedAdcodes) {
        this.plane = plane;
        this.warnings = warnings;
        this.unresolvedAdcodes = unresolvedAdcodes;
    }

    public static WeatherSituation none(LocalPlane plane) {
        return new WeatherSituation(plane, List.of(), Set.of());
    }

    /**
     * @param boundaries lon/lat boundary of a GB/T 2260 code (e.g. {@code Jurisdictions::boundary} wrapped in
     *                   an Optional); codes it does not know are skipped and listed in
     *                   {@link #unresolvedAdcodes()}
     * @throws IllegalArgumentException naming the warning and area when a polygon ring is unusable
     */
    public static WeatherSituation of(Collection<WeatherWarning> warnings, Function<String, Optional<Geometry>> boundaries,
                                      WeatherSlowdowns slowdowns, LocalPlane plane) {
        List<WeatherWarning> sorted = warnings.stream()
                .filter(w -> w.getMsgType() != WarningMsgType.WARNING_MSG_TYPE_CANCEL)
                .sorted(Comparator.comparing(WeatherWarning::getIdentifier))
                .toList();
        List<Prepared> prepared = new ArrayList<>();
        Set<String> unresolved = new TreeSet<>();
        for (WeatherWarning w : sorted) {
            double slowdown = slowdowns.factor(w.getHazard(), w.getColour());
            if (slowdown <= 1.0) {
                continue;
            }
            List<Geometry> parts = new ArrayList<>();
            for (int a = 0; a < w.getAreasCount(); a++) {
                WarningArea area = w.getAreas(a);
                String where = "warning '" + w.getIdentifier() + "' areas[" + a + "]";
                for (int p = 0; p < area.getPolygonsCount(); p++) {
                    parts.add(plane.polygon(area.getPolygons(p).getRingList(), where + ".polygons[" + p + "]"));
                }
                for (Circle c : area.getCirclesList()) {
                    Point centre = plane.factory().createPoint(plane.coordinate(c.getCenter()));
                    parts.add(centre.buffer(c.getRadiusKm() * 1000.0, 16));
                }
                for (String code : area.getAdcodesList()) {
                    Optional<Geometry> boundary = boundaries.apply(code);
                    if (boundary.isPresent()) {
                        parts.add(plane.project(boundary.get()));
                    } else {
                        unresolved.add(code);
                    }
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            // One polygonal geometry, so that point tests use the indexed locator of a prepared polygon.
            Geometry union = UnaryUnionOp.union(parts);
            String cause = String.format(Locale.ROOT, "%s %s warning (%s)",
                    w.getColour().name().replace("WARNING_COLOUR_", "").toLowerCase(Locale.ROOT),
                    w.getHazard().name().replace("HAZARD_", "").toLowerCase(Locale.ROOT).replace('_', ' '),
                    w.getIdentifier());
            prepared.add(new Prepared(cause, slowdown, PreparedGeometryFactory.prepare(union)));
        }
        return new WeatherSituation(plane, List.copyOf(prepared), Set.copyOf(unresolved));
    }

    public LocalPlane plane() {
        return plane;
    }

    public int size() {
        return warnings.size();
    }

    /** GB/T 2260 codes named by warning areas that had no boundary: those parts of the areas were left out. */
    public Set<String> unresolvedAdcodes() {
        return unresolvedAdcodes;
    }

    PathEffect assess(LineString path) {
        if (warnings.isEmpty()) {
            return PathEffect.CLEAR;
        }
        List<PathEffect.Stretch> stretches = new ArrayList<>();
        for (Prepared w : warnings) {
            if (!w.area().getGeometry().getEnvelopeInternal().intersects(path.getEnvelopeInternal())) {
                continue;
            }
            double fraction = insideFraction(w.area(), path);
            if (fraction > 0) {
                stretches.add(new PathEffect.Stretch(w.cause(), fraction, w.slowdown()));
            }
        }
        return stretches.isEmpty() ? PathEffect.CLEAR : new PathEffect.Slowed(stretches);
    }

    private double insideFraction(PreparedGeometry area, LineString path) {
        Coordinate a = path.getCoordinateN(0);
        Coordinate b = path.getCoordinateN(path.getNumPoints() - 1);
        int samples = (int) Math.min(MAX_SAMPLES, Math.max(1, Math.ceil(path.getLength() / SAMPLE_METRES)));
        int inside = 0;
        for (int i = 0; i < samples; i++) {
            // the middle of each of `samples` equal pieces
            double t = (i + 0.5) / samples;
            Point p = plane.factory().createPoint(new Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)));
            if (area.covers(p)) {
                inside++;
            }
        }
        return inside / (double) samples;
    }
}
