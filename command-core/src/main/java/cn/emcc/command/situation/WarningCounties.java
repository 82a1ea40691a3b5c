package cn.emcc.command.situation;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.jurisdiction.Tier;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WeatherWarning;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which counties a warning's area touches: the counties whose boundary
 * intersects one of its polygons or circles, plus the counties of each GB/T
 * 2260 division it names (a county itself, every county of a city or of the
 * province). An STRtree over the county envelopes picks the candidates, a
 * prepared boundary of each answers the intersection, so a warning costs a
 * few polygon tests, not 136. Built once per node; thread-safe after that.
 */
public final class WarningCounties {

    /**
     * Vertices of the polygon standing in for a circle. It is drawn around the
     * circle (not inside it), so a county the circle only grazes still counts:
     * for a warning, touching a county too many is better than one too few.
     */
    static final int CIRCLE_VERTICES = 64;

    private static final GeometryFactory PLANE = new GeometryFactory();

    private record County(String adcode, PreparedGeometry boundary) {
    }

    private final Jurisdictions jurisdictions;
    private final JurisdictionTree tree;
    private final STRtree index = new STRtree();

    public WarningCounties(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.tree = jurisdictions.tree();
        for (Jurisdiction county : tree.counties()) {
            Geometry g = jurisdictions.boundary(county.adcode());
            if (g == null) {
                throw new IllegalArgumentException("boundaries: no boundary for county " + county
                        + "; expected one for every county of the tree");
            }
            index.insert(g.getEnvelopeInternal(), new County(county.adcode(), PreparedGeometryFactory.prepare(g)));
        }
        index.build();
    }

    /**
     * The codes of the counties the warning's area touches, in code order;
     * empty when it lies wholly outside the province.
     *
     * @throws IllegalArgumentException naming the area and polygon when a ring cannot be a polygon
     */
    public Set<String> of(WeatherWarning warning) {
        Set<String> counties = new TreeSet<>();
        for (int a = 0; a < warning.getAreasCount(); a++) {
            WarningArea area = warning.getAreas(a);
            for (int p = 0; p < area.getPolygonsCount(); p++) {
                touching(WarningGeometry.polygon(area.getPolygons(p), "areas[" + a + "].polygons[" + p + "]"), counties);
            }
            for (Circle c : area.getCirclesList()) {
                touching(circle(c), counties);
            }
            for (String code : area.getAdcodesList()) {
                countiesOf(code, counties);
            }
        }
        return counties;
    }

    /**
     * The lon/lat rectangle around the warning's whole area: its polygons, its
     * circles (as drawn for {@link #of}) and the boundaries of the divisions it
     * names; empty when it has none of them this node can place (only codes of
     * another province).
     *
     * @throws IllegalArgumentException naming the area and polygon when a ring cannot be a polygon
     */
    public Optional<Envelope> bounds(WeatherWarning warning) {
        Envelope bounds = new Envelope();
        for (int a = 0; a < warning.getAreasCount(); a++) {
            WarningArea area = warning.getAreas(a);
            for (int p = 0; p < area.getPolygonsCount(); p++) {
                bounds.expandToInclude(WarningGeometry.polygon(area.getPolygons(p), "areas[" + a + "].polygons[" + p + "]")
                        .getEnvelopeInternal());
            }
            for (Circle c : area.getCirclesList()) {
                bounds.expandToInclude(circle(c).getEnvelopeInternal());
            }
            for (String code : area.getAdcodesList()) {
                Geometry boundary = tree.get(code).isPresent() ? jurisdictions.boundary(code) : null;
                if (boundary != null) {
                    bounds.expandToInclude(boundary.getEnvelopeInternal());
                }
            }
        }
        return bounds.isNull() ? Optional.empty() : Optional.of(bounds);
    }

    private void touching(Geometry part, Set<String> counties) {
        @SuppressWarnings("unchecked")
        List<County> candidates = index.query(part.getEnvelopeInternal());
        for (County c : candidates) {
            if (!counties.contains(c.adcode()) && c.boundary().intersects(part)) {
                counties.add(c.adcode());
            }
        }
    }

    /** A code of another province, or one the tree does not know, adds nothing. */
    private void countiesOf(String code, Set<String> counties) {
        tree.get(code).ifPresent(j -> {
            if (j.tier() == Tier.COUNTY) {
                counties.add(j.adcode());
            } else {
                tree.children(j.adcode()).forEach(child -> countiesOf(child.adcode(), counties));
            }
        });
    }

    /** The circle as a polygon on the lon/lat plane, its edges tangent to the circle from outside. */
    static Geometry circle(Circle c) {
        double lon = c.getCenter().getLongitude();
        double lat = c.getCenter().getLatitude();
        double km = Math.max(0, c.getRadiusKm());
        if (km == 0) {
            return PLANE.createPoint(new Coordinate(lon, lat));
        }
        double outer = km / Math.cos(Math.PI / CIRCLE_VERTICES);
        List<Coordinate> ring = new ArrayList<>(CIRCLE_VERTICES + 1);
        for (int i = 0; i < CIRCLE_VERTICES; i++) {
            double[] p = GreatCircle.destination(lon, lat, 360.0 * i / CIRCLE_VERTICES, outer);
            ring.add(new Coordinate(p[0], p[1]));
        }
        ring.add(ring.get(0));
        return PLANE.createPolygon(ring.toArray(Coordinate[]::new));
    }
}
