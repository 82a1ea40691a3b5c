package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.travel.LocalPlane;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A realistic, made-up roster of Shandong's emergency units for the demo,
 * tests and benchmarks: fire stations, police posts, traffic police teams,
 * emergency-management teams and ambulance stations in every one of the 136
 * counties, more of them where a county is larger or urban (a 区), flood
 * boats along the Yellow River, the big lakes and the coast. Not real data:
 * the stations are placed at random inside the (approximate) county polygons.
 *
 * <p>Deterministic: the same seed, data and scale give the same units in the
 * same order, because every county draws from its own random stream seeded
 * by the seed and its adcode.
 */
public final class ShandongRoster {

    /** The committed roster, {@code generate(DEFAULT_SEED, JurisdictionLoader.loadDefault())}. */
    public static final String DEFAULT_RESOURCE = "roster/shandong-roster.csv";
    public static final long DEFAULT_SEED = 2026L;

    private static final GeometryFactory LON_LAT = new GeometryFactory();
    private static final double KM_PER_DEGREE = 111.0;
    /** 东明 to the estuary at 垦利: an approximate course of the Yellow River through Shandong. */
    private static final double[][] YELLOW_RIVER = {
            {115.08, 35.05}, {115.45, 35.55}, {115.85, 35.85}, {116.20, 36.10}, {116.55, 36.45},
            {116.95, 36.70}, {117.30, 36.92}, {117.70, 37.10}, {118.05, 37.38}, {118.50, 37.60},
            {118.95, 37.75}, {119.20, 37.78}};
    /** 南四湖 (微山湖) and 东平湖, centre and radius in km. */
    private static final double[][] LAKES = {{117.15, 34.85, 30}, {116.22, 35.97, 12}};
    /** Cities on the sea; their counties on the province's outline are taken to be coastal. */
    private static final Set<String> COASTAL_CITIES = Set.of(
            "370200", "370500", "370600", "370700", "371000", "371100", "371600");

    private ShandongRoster() {
    }

    /** The roster at the usual density (about six thousand units). */
    public static List<Unit> generate(long seed, Jurisdictions jurisdictions) {
        return generate(seed, jurisdictions, 1.0);
    }

    /**
     * @param scale multiplies the number of stations of every kind (e.g. 3.3 for about 20,000 units);
     *              at least one of each kind per county remains
     */
    public static List<Unit> generate(long seed, Jurisdictions jurisdictions, double scale) {
        if (!(scale > 0 && scale <= 100)) {
            throw new IllegalArgumentException("scale " + scale + ": expected (0, 100]");
        }
        LineString river = LON_LAT.createLineString(java.util.Arrays.stream(YELLOW_RIVER)
                .map(p -> new Coordinate(p[0], p[1])).toArray(Coordinate[]::new));
        IndexedFacetDistance provinceOutline = new IndexedFacetDistance(
                jurisdictions.boundary(jurisdictions.tree().province().adcode()).getBoundary());
        List<Unit> units = new ArrayList<>();
        Set<String> citiesWithDogTeam = new java.util.HashSet<>();
        for (Jurisdiction county : jurisdictions.tree().counties()) {
            Geometry boundary = jurisdictions.boundary(county.adcode());
            boolean coastal = COASTAL_CITIES.contains(county.parentAdcode())
                    && provinceOutline.distance(boundary) < 0.01;
            boolean waterside = coastal || boundary.distance(river) < 0.1 || nearLake(boundary);
            boolean dogTeam = county.name().endsWith("区") && citiesWithDogTeam.add(county.parentAdcode());
            new County(county, boundary, new SplittableRandom(seed * 1_000_003L + Long.parseLong(county.adcode())),
                    scale, waterside, dogTeam, units).generate();
        }
        return List.copyOf(units);
    }

    private static boolean nearLake(Geometry boundary) {
        for (double[] lake : LAKES) {
            if (boundary.distance(LON_LAT.createPoint(new Coordinate(lake[0], lake[1]))) < lake[2] / KM_PER_DEGREE) {
                return true;
            }
        }
        return false;
    }

    /** The committed roster from the classpath: no geometry needed, loads in a fraction of a second. */
    public static List<Unit> loadDefault() {
        InputStream in = ShandongRoster.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + DEFAULT_RESOURCE + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return RosterCsv.read(reader, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DEFAULT_RESOURCE, e);
        }
    }

    /** The stations and units of one county. */
    private static final class County {
        private final Jurisdiction county;
        private final Geometry boundary;
        private final PreparedGeometry prepared;
        private final SplittableRandom random;
        private final double scale;
        private final boolean waterside;
        private final boolean dogTeam;
        private final List<Unit> out;
        private final boolean urban;
        private final double areaKm2;
        private final Coordinate seat;

        County(Jurisdiction county, Geometry boundary, SplittableRandom random, double scale, boolean waterside,
               boolean dogTeam, List<Unit> out) {
            this.county = county;
            this.boundary = boundary;
            this.prepared = PreparedGeometryFactory.prepare(boundary);
            this.random = random;
            this.scale = scale;
            this.waterside = waterside;
            this.dogTeam = dogTeam;
            this.out = out;
            this.urban = county.name().endsWith("区");
            this.areaKm2 = LocalPlane.SHANDONG.project(boundary).getArea() / 1e6;
            this.seat = boundary.getInteriorPoint().getCoordinate();
        }

        void generate() {
            String name = county.name();
            int fireStations = count(1 + areaKm2 / 700 + (urban ? 1 : 0));
            for (int s = 1; s <= fireStations; s++) {
                GeoPoint at = place(s == 1);
                String station = name + "第" + s + "消防救援站";
                String prefix = "F-" + county.adcode() + "-" + s;
                add(prefix + "-PE1", UnitType.PUMPER_ENGINE, station, at);
                add(prefix + "-PE2", UnitType.PUMPER_ENGINE, station, at);
                add(prefix + "-WT1", UnitType.WATER_TENDER, station, at);
                add(prefix + "-RT1", UnitType.RESCUE_TRUCK, station, at);
                if (s == 1 || urban) {
                    add(prefix + "-AL1", UnitType.AERIAL_LADDER_TRUCK, station, at);
                }
                if (s == 1) {
                    add(prefix + "-HZ1", UnitType.HAZMAT_TRUCK, station, at);
                    add(prefix + "-CMD", UnitType.FIRE_COMMAND_CAR, station, at);
                    if (waterside) {
                        add(prefix + "-FB1", UnitType.FLOOD_BOAT_TEAM, station, at);
                    }
                    if (dogTeam) {
                        add(prefix + "-SD1", UnitType.SEARCH_DOG_TEAM, station, at);
                    }
                }
            }
            int posts = count(3 + areaKm2 / 250 + (urban ? 4 : 0));
            for (int s = 1; s <= posts; s++) {
                GeoPoint at = place(s == 1);
                String station = name + "第" + s + "派出所";
                String prefix = "P-" + county.adcode() + "-" + s;
                add(prefix + "-PC1", UnitType.PATROL_CAR, station, at);
                add(prefix + "-PC2", UnitType.PATROL_CAR, station, at);
                if (s == 1) {
                    add(prefix + "-SP1", UnitType.SPECIAL_POLICE_TEAM, name + "公安局特警大队", at);
                }
            }
            int trafficTeams = count(1 + areaKm2 / 800);
            for (int s = 1; s <= trafficTeams; s++) {
                GeoPoint at = place(s == 1);
                String station = name + "交警第" + s + "中队";
                String prefix = "T-" + county.adcode() + "-" + s;
                add(prefix + "-TP1", UnitType.TRAFFIC_POLICE, station, at);
                add(prefix + "-TP2", UnitType.TRAFFIC_POLICE, station, at);
                if (s == 1) {
                    add(prefix + "-TW1", UnitType.TOW_TRUCK, station, at);
                }
            }
            GeoPoint bureau = place(true);
            String em = name + "应急管理局";
            add("E-" + county.adcode() + "-1-CMD", UnitType.EM_COMMAND_CAR, em, bureau);
            add("E-" + county.adcode() + "-1-RS1", UnitType.EM_RESCUE_TEAM, name + "应急救援队", bureau);
            if (areaKm2 > 1800 || random.nextDouble() < 0.35) {
                add("E-" + county.adcode() + "-2-FF1", UnitType.FOREST_FIRE_TEAM, name + "森林消防队", place(false));
            }
            int ambulanceStations = count(2 + areaKm2 / 400 + (urban ? 2 : 0));
            for (int s = 1; s <= ambulanceStations; s++) {
                add("M-" + county.adcode() + "-" + s + "-AM1", UnitType.AMBULANCE, name + "急救站" + s, place(s == 1));
            }
        }

        private int count(double base) {
            return Math.max(1, (int) Math.round(base * scale));
        }

        private void add(String id, UnitType type, String station, GeoPoint at) {
            Unit unit = Unit.atHome(id, type, station, county.adcode(), county.parentAdcode(), at);
            // a few units are in the workshop on any day
            out.add(random.nextDouble() < 0.03 ? unit.withStatus(UnitStatus.UNIT_STATUS_OUT_OF_SERVICE) : unit);
        }

        /** Near the county seat for the first station of a kind and for most others; anywhere in the county for the rest. */
        private GeoPoint place(boolean first) {
            if (first) {
                return jitter(seat, 1.5);
            }
            return random.nextDouble() < 0.5 ? jitter(seat, 6) : uniform();
        }

        private GeoPoint jitter(Coordinate centre, double sigmaKm) {
            for (int attempt = 0; attempt < 50; attempt++) {
                double lon = centre.x + random.nextDouble(-1, 1) * sigmaKm / KM_PER_DEGREE / 0.8;
                double lat = centre.y + random.nextDouble(-1, 1) * sigmaKm / KM_PER_DEGREE;
                if (inside(lon, lat)) {
                    return point(lon, lat);
                }
            }
            return point(centre.x, centre.y);
        }

        private GeoPoint uniform() {
            Envelope e = boundary.getEnvelopeInternal();
            for (int attempt = 0; attempt < 200; attempt++) {
                double lon = random.nextDouble(e.getMinX(), e.getMaxX());
                double lat = random.nextDouble(e.getMinY(), e.getMaxY());
                if (inside(lon, lat)) {
                    return point(lon, lat);
                }
            }
            return point(seat.x, seat.y);
        }

        private boolean inside(double lon, double lat) {
            Point p = LON_LAT.createPoint(new Coordinate(lon, lat));
            return prepared.containsProperly(p);
        }

        private static GeoPoint point(double lon, double lat) {
            // six decimals (about 0.1 m), as the CSV writes them, so a round trip gives the same units
            return GeoPoint.newBuilder().setLongitude(Math.round(lon * 1e6) / 1e6)
                    .setLatitude(Math.round(lat * 1e6) / 1e6).build();
        }
    }
}
