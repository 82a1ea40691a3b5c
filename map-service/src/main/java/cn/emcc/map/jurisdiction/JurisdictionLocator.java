package cn.emcc.map.jurisdiction;

import cn.emcc.protocols.v1.GeoPoint;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Point → county → city → province. An STRtree over the county envelopes picks
 * the few candidates; a prepared polygon of each answers point-in-polygon
 * (MultiPolygons and holes included, so islands and enclaves are right).
 *
 * <p>Rules, in order (docs/geography.md explains why):
 * <ol>
 * <li>A non-finite or out-of-range coordinate is Outside.</li>
 * <li>Exactly one county covers the point and has it in its interior: that
 *     county.</li>
 * <li>The point is on a boundary (or in two interiors, if the data overlaps):
 *     the lowest adcode among the counties with it in their interior or, if
 *     none, among those with it on their boundary; {@code onBorder} is set.
 *     The order of features in the data never matters.</li>
 * <li>No county covers it but the province polygon does (a gap in the county
 *     layer): the nearest county within {@link GeographyTolerances#gapMetres()},
 *     lowest adcode on a tie, with {@code onBorder}; farther than that, Outside.</li>
 * <li>Outside the province polygon: Outside.</li>
 * </ol>
 * Thread-safe: the index is built up front and prepared geometries are
 * safe for concurrent reads.
 */
public final class JurisdictionLocator {

    private static final Comparator<Candidate> LOWEST_ADCODE = Comparator.comparing(c -> c.county().adcode());

    private final JurisdictionTree tree;
    private final STRtree index = new STRtree();
    private final PreparedGeometry province;
    private final GeographyTolerances tolerances;
    private final GeometryFactory factory;
    private final LongAdder polygonTests = new LongAdder();

    private record Candidate(Jurisdiction county, Geometry geometry, PreparedGeometry prepared) {
    }

    JurisdictionLocator(JurisdictionTree tree, Map<String, Geometry> boundaries, GeographyTolerances tolerances) {
        this.tree = tree;
        this.tolerances = tolerances;
        Geometry provinceGeometry = boundaries.get(tree.province().adcode());
        this.factory = provinceGeometry.getFactory();
        this.province = PreparedGeometryFactory.prepare(provinceGeometry);
        for (Jurisdiction county : tree.counties()) {
            Geometry g = boundaries.get(county.adcode());
            index.insert(g.getEnvelopeInternal(), new Candidate(county, g, PreparedGeometryFactory.prepare(g)));
        }
        index.build();
    }

    public Placement locate(GeoPoint point) {
        return locate(point.getLongitude(), point.getLatitude());
    }

    public Placement locate(double longitude, double latitude) {
        Optional<String> invalid = invalidCoordinate(longitude, latitude);
        if (invalid.isPresent()) {
            return new Placement.Outside(invalid.get());
        }
        Point point = factory.createPoint(new Coordinate(longitude, latitude));

        List<Candidate> covering = new ArrayList<>(2);
        List<Candidate> interior = new ArrayList<>(1);
        for (Candidate c : candidates(point.getEnvelopeInternal())) {
            polygonTests.increment();
            if (c.prepared().covers(point)) {
                covering.add(c);
                if (c.prepared().containsProperly(point)) {
                    interior.add(c);
                }
            }
        }
        if (!covering.isEmpty()) {
            boolean clearCut = interior.size() == 1 && covering.size() == 1;
            List<Candidate> pool = interior.isEmpty() ? covering : interior;
            return inside(pool.stream().min(LOWEST_ADCODE).orElseThrow().county(), !clearCut);
        }
        if (!province.covers(point)) {
            return new Placement.Outside(String.format(Locale.ROOT, "(%.6f, %.6f) is outside %s",
                    longitude, latitude, tree.province()));
        }
        return nearest(point, tolerances.gapMetres())
                .<Placement>map(county -> inside(county, true))
                .orElseGet(() -> new Placement.Outside(String.format(Locale.ROOT,
                        "(%.6f, %.6f) is inside %s but in no county, and no county is within %.0f m"
                                + " (a gap in the county boundaries)",
                        longitude, latitude, tree.province(), tolerances.gapMetres())));
    }

    /**
     * The county nearest to the point within {@code maxMetres} (0 m if a county
     * covers it; lowest adcode on a tie), whether or not the point is in the
     * province: for callers that want to attach, say, a point just off the
     * generalised coast to the county on shore.
     */
    public Optional<Jurisdiction> nearestCounty(double longitude, double latitude, double maxMetres) {
        if (invalidCoordinate(longitude, latitude).isPresent() || !(maxMetres >= 0)) {
            return Optional.empty();
        }
        return nearest(factory.createPoint(new Coordinate(longitude, latitude)), maxMetres);
    }

    private Optional<Jurisdiction> nearest(Point point, double maxMetres) {
        Envelope search = GroundDistance.expand(point.getEnvelopeInternal(), maxMetres);
        Jurisdiction best = null;
        double bestMetres = Double.POSITIVE_INFINITY;
        List<Candidate> candidates = candidates(search);
        candidates.sort(LOWEST_ADCODE);
        for (Candidate c : candidates) {
            polygonTests.increment();
            Coordinate onCounty = DistanceOp.nearestPoints(c.geometry(), point)[0];
            double metres = GroundDistance.metres(onCounty, point.getCoordinate());
            if (metres <= maxMetres && metres < bestMetres) {
                best = c.county();
                bestMetres = metres;
            }
        }
        return Optional.ofNullable(best);
    }

    @SuppressWarnings("unchecked")
    private List<Candidate> candidates(Envelope envelope) {
        return new ArrayList<>(index.query(envelope));
    }

    private Placement.Inside inside(Jurisdiction county, boolean onBorder) {
        List<Jurisdiction> chain = tree.ancestorsAndSelf(county.adcode());
        return new Placement.Inside(chain.get(0), chain.get(1), chain.get(2), onBorder);
    }

    private static Optional<String> invalidCoordinate(double longitude, double latitude) {
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            return Optional.of("longitude " + longitude + " is not a number in [-180, 180]");
        }
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            return Optional.of("latitude " + latitude + " is not a number in [-90, 90]");
        }
        return Optional.empty();
    }

    /** Point-in-polygon or distance tests made so far; shows that the index keeps them few. */
    long polygonTests() {
        return polygonTests.sum();
    }
}
