package cn.emcc.map.travel;

import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The traffic conditions (路况) in force, as the straight-line model can use
 * them: a crude proxy for what they do to real routes.
 * <ul>
 * <li>A slowdown (congestion, accident, construction, icing) slows the part of
 *     a straight path that runs within {@code bufferMetres} of its segment or
 *     area; {@code speed_factor} f slows it 1/f times, {@code speed_kmh} v
 *     slows it {@code freeFlowKmh / v} times (never below 1).</li>
 * <li>A closure makes any straight path that crosses its segment or touches its
 *     area impossible. A real vehicle would take another road; the model
 *     cannot know whether one exists, so it says "not this way" and leaves
 *     the unit out rather than guess a detour.</li>
 * </ul>
 * Cleared conditions are ignored; whether a condition is still valid at a
 * given moment is the caller's business (the situation layer keeps the ones
 * in force). Immutable and thread-safe.
 */
public final class TrafficSituation {

    public static final double DEFAULT_BUFFER_METRES = 300;
    public static final double DEFAULT_FREE_FLOW_KMH = 60;

    private record Prepared(String cause, boolean closure, double slowdown, Geometry geometry,
                            PreparedGeometry prepared) {
    }

    private final LocalPlane plane;
    private final List<Prepared> conditions;
    private final STRtree index = new STRtree();

    private TrafficSituation(LocalPlane plane, List<Prepared> conditions) {
        this.plane = plane;
        this.conditions = conditions;
        for (Prepared p : conditions) {
            index.insert(p.geometry().getEnvelopeInternal(), p);
        }
        index.build();
    }

    public static TrafficSituation none(LocalPlane plane) {
        return new TrafficSituation(plane, List.of());
    }

    public static TrafficSituation of(Collection<TrafficCondition> conditions, LocalPlane plane) {
        return of(conditions, plane, DEFAULT_BUFFER_METRES, DEFAULT_FREE_FLOW_KMH);
    }

    /**
     * @throws IllegalArgumentException naming the condition when it has no extent, or no speed for a
     *                                  type other than closure, or a speed out of range
     */
    public static TrafficSituation of(Collection<TrafficCondition> conditions, LocalPlane plane,
                                      double bufferMetres, double freeFlowKmh) {
        if (!(bufferMetres >= 0) || !(freeFlowKmh > 0)) {
            throw new IllegalArgumentException("bufferMetres " + bufferMetres + ", freeFlowKmh " + freeFlowKmh
                    + ": expected bufferMetres >= 0 and freeFlowKmh > 0");
        }
        List<TrafficCondition> sorted = conditions.stream()
                .filter(c -> !c.getCleared())
                .sorted(Comparator.comparing(TrafficCondition::getConditionId))
                .toList();
        List<Prepared> prepared = new ArrayList<>();
        for (TrafficCondition c : sorted) {
            String where = "traffic condition '" + c.getConditionId() + "'";
            Geometry extent = switch (c.getExtentCase()) {
                case SEGMENT -> plane.line(c.getSegment().getPointsList());
                case AREA -> plane.polygon(c.getArea().getRingList(), where + " area");
                case EXTENT_NOT_SET -> throw new IllegalArgumentException(where + " has no extent; expected a segment or an area");
            };
            String cause = describe(c);
            if (c.getType() == TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE) {
                prepared.add(new Prepared(cause, true, Double.POSITIVE_INFINITY, extent,
                        PreparedGeometryFactory.prepare(extent)));
            } else {
                double slowdown = slowdown(c, freeFlowKmh, where);
                Geometry zone = bufferMetres > 0 ? extent.buffer(bufferMetres, 4) : extent;
                prepared.add(new Prepared(cause, false, slowdown, zone, PreparedGeometryFactory.prepare(zone)));
            }
        }
        return new TrafficSituation(plane, List.copyOf(prepared));
    }

    private static double slowdown(TrafficCondition c, double freeFlowKmh, String where) {
        return switch (c.getSpeedCase()) {
            case SPEED_FACTOR -> {
                double f = c.getSpeedFactor();
                if (!(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException(where + " speed_factor " + f + ": expected (0, 1]");
                }
                yield 1.0 / f;
            }
            case SPEED_KMH -> {
                double v = c.getSpeedKmh();
                if (!(v > 0 && v <= 200)) {
                    throw new IllegalArgumentException(where + " speed_kmh " + v + ": expected (0, 200]");
                }
                yield Math.max(1.0, freeFlowKmh / v);
            }
            case SPEED_NOT_SET -> throw new IllegalArgumentException(where + " of type " + c.getType()
                    + " has no speed; expected speed_kmh or speed_factor");
        };
    }

    private static String describe(TrafficCondition c) {
        String type = c.getType().name().replace("TRAFFIC_CONDITION_TYPE_", "").toLowerCase(Locale.ROOT);
        String road = c.getRoadName().isBlank() ? "" : " " + c.getRoadName();
        return type + road + " (" + c.getConditionId() + ")";
    }

    public LocalPlane plane() {
        return plane;
    }

    public int size() {
        return conditions.size();
    }

    /** The effect on a straight path in this situation's plane. */
    @SuppressWarnings("unchecked")
    PathEffect assess(LineString path) {
        if (conditions.isEmpty()) {
            return PathEffect.CLEAR;
        }
        List<Prepared> hits = index.query(path.getEnvelopeInternal());
        if (hits.isEmpty()) {
            return PathEffect.CLEAR;
        }
        // The index returns them in no promised order; the closure named and the delays listed must not vary.
        hits = new ArrayList<>(hits);
        hits.sort(Comparator.comparing(Prepared::cause));
        List<PathEffect.Stretch> stretches = new ArrayList<>();
        double length = path.getLength();
        for (Prepared p : hits) {
            if (!p.prepared().intersects(path)) {
                continue;
            }
            if (p.closure()) {
                return new PathEffect.Blocked(p.cause());
            }
            double fraction = length == 0 ? 1.0 : Math.min(1.0, p.geometry().intersection(path).getLength() / length);
            if (fraction > 0 || length == 0) {
                stretches.add(new PathEffect.Stretch(p.cause(), fraction, p.slowdown()));
            }
        }
        return stretches.isEmpty() ? PathEffect.CLEAR : new PathEffect.Slowed(stretches);
    }
}
