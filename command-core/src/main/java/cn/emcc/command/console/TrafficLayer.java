package cn.emcc.command.console;

import cn.emcc.command.situation.Situation;
import cn.emcc.map.web.LayerSource;
import cn.emcc.map.web.TrafficFeature;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The map's traffic layer: closures, congestion and the like valid now, as lines along roads or areas. */
public final class TrafficLayer implements LayerSource<TrafficFeature> {

    private static final GeometryFactory PLANE = new GeometryFactory();

    private final Situation situation;
    private final Clock clock;

    public TrafficLayer(Situation situation, Clock clock) {
        this.situation = situation;
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<TrafficFeature>> current() {
        return situation.trafficConditions(clock.instant()).thenApply(conditions -> conditions.conditions().stream()
                .filter(c -> c.hasSegment() || c.hasArea())
                .map(TrafficLayer::feature)
                .toList());
    }

    private static TrafficFeature feature(TrafficCondition c) {
        Geometry extent = c.hasSegment()
                ? PLANE.createLineString(coordinates(c.getSegment().getPointsList(), false))
                : PLANE.createPolygon(coordinates(c.getArea().getRingList(), true));
        Double kmh = c.getSpeedCase() == TrafficCondition.SpeedCase.SPEED_KMH ? c.getSpeedKmh() : null;
        Double factor = c.getType() == TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE ? Double.valueOf(0)
                : c.getSpeedCase() == TrafficCondition.SpeedCase.SPEED_FACTOR ? c.getSpeedFactor() : null;
        return new TrafficFeature(c.getConditionId(), c.getType().name(), c.getRoadName(), c.getDescription(), kmh,
                factor, c.hasValidUntil() ? Instant.ofEpochSecond(c.getValidUntil().getSeconds()) : null, extent);
    }

    private static Coordinate[] coordinates(List<GeoPoint> points, boolean closed) {
        List<Coordinate> coords = new ArrayList<>();
        points.forEach(p -> coords.add(new Coordinate(p.getLongitude(), p.getLatitude())));
        if (closed && !coords.get(0).equals2D(coords.get(coords.size() - 1))) {
            coords.add(coords.get(0));
        }
        return coords.toArray(Coordinate[]::new);
    }
}
