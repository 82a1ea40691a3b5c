package cn.emcc.command.console;

import cn.emcc.command.situation.WarningCache;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.web.LayerSource;
import cn.emcc.map.web.WarningFeature;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.Timestamp;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The map's warning layer: the weather warnings in force on this node, each
 * drawn as the union of its CAP areas — polygons as given, circles as 48-sided
 * polygons, named jurisdictions as their boundaries.
 */
public final class WarningLayer implements LayerSource<WarningFeature> {

    private static final GeometryFactory PLANE = new GeometryFactory();
    private static final int CIRCLE_SIDES = 48;
    private static final double KM_PER_DEGREE_LAT = 111.32;

    private final WarningCache warnings;
    private final Jurisdictions geography;

    public WarningLayer(WarningCache warnings, Jurisdictions geography) {
        this.warnings = warnings;
        this.geography = geography;
    }

    @Override
    public CompletionStage<List<WarningFeature>> current() {
        return CompletableFuture.completedFuture(warnings.current().warnings().stream().map(this::feature).toList());
    }

    private WarningFeature feature(WeatherWarning w) {
        List<Polygon> parts = new ArrayList<>();
        List<String> adcodes = new ArrayList<>();
        for (WarningArea area : w.getAreasList()) {
            area.getPolygonsList().forEach(p -> parts.add(ring(p.getRingList())));
            area.getCirclesList().forEach(c -> parts.add(circle(c)));
            for (String adcode : area.getAdcodesList()) {
                adcodes.add(adcode);
                Geometry boundary = geography.boundary(adcode);
                if (boundary != null) {
                    for (int i = 0; i < boundary.getNumGeometries(); i++) {
                        parts.add((Polygon) boundary.getGeometryN(i));
                    }
                }
            }
        }
        return new WarningFeature(w.getIdentifier(), w.getHazard().name(), w.getColour().name(), w.getHeadline(),
                w.getIssuer(), w.hasExpires() ? instant(w.getExpires()) : null, adcodes,
                PLANE.createMultiPolygon(parts.toArray(Polygon[]::new)));
    }

    private static Polygon ring(List<GeoPoint> points) {
        List<Coordinate> coords = new ArrayList<>();
        points.forEach(p -> coords.add(new Coordinate(p.getLongitude(), p.getLatitude())));
        if (!coords.get(0).equals2D(coords.get(coords.size() - 1))) {
            coords.add(coords.get(0));
        }
        return PLANE.createPolygon(coords.toArray(Coordinate[]::new));
    }

    /** Good enough to draw: the radius in degrees of latitude, widened for longitude by 1/cos(latitude). */
    private static Polygon circle(Circle c) {
        double lat = c.getCenter().getLatitude();
        double dLat = c.getRadiusKm() / KM_PER_DEGREE_LAT;
        double dLon = dLat / Math.cos(Math.toRadians(lat));
        Coordinate[] coords = new Coordinate[CIRCLE_SIDES + 1];
        for (int i = 0; i < CIRCLE_SIDES; i++) {
            double a = 2 * Math.PI * i / CIRCLE_SIDES;
            coords[i] = new Coordinate(c.getCenter().getLongitude() + dLon * Math.cos(a), lat + dLat * Math.sin(a));
        }
        coords[CIRCLE_SIDES] = coords[0];
        return PLANE.createPolygon(coords);
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
