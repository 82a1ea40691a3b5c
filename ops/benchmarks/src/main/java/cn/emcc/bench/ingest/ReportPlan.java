package cn.emcc.bench.ingest;

import cn.emcc.map.jurisdiction.JurisdictionLocator;
import cn.emcc.map.jurisdiction.Placement;
import cn.emcc.ops.sim.Place;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.IncidentCategory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static cn.emcc.protocols.v1.IncidentCategory.*;

/**
 * The reports of one benchmark phase: the counties taken in turn so every one
 * of them gets its share, half from 110 and half from 119, each caller a few
 * kilometres around the county's caller point (and placed in that county by
 * the node's own locator, so none is refused as outside the service area).
 * A share of the reports are second callers a few dozen metres from an earlier
 * report of the same kind, sent long enough after it that its incident exists:
 * those are the reports correlation joins to an incident.
 */
public final class ReportPlan {

    private static final double METRES_PER_DEGREE = 111_195.0;
    private static final double SPREAD_METRES = 6_000;
    private static final List<IncidentCategory> POLICE = List.of(
            INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT,
            INCIDENT_CATEGORY_PUBLIC_SECURITY, INCIDENT_CATEGORY_MEDICAL);
    private static final List<IncidentCategory> FIRE = List.of(
            INCIDENT_CATEGORY_FIRE_BUILDING, INCIDENT_CATEGORY_PERSON_TRAPPED, INCIDENT_CATEGORY_PERSON_TRAPPED,
            INCIDENT_CATEGORY_FLOOD_RESCUE);

    private final List<Place> places;
    private final JurisdictionLocator locator;

    public ReportPlan(List<Place> places, JurisdictionLocator locator) {
        if (places.isEmpty()) {
            throw new IllegalArgumentException("places is empty; expected the counties to spread reports over");
        }
        this.places = List.copyOf(places);
        this.locator = locator;
    }

    /**
     * {@code count} reports; a second caller refers to a report at least
     * {@code minLag} places earlier in the list (so sent and answered before it
     * when fewer than {@code minLag} are in flight).
     */
    public List<PlannedReport> generate(int count, double secondCallerShare, int minLag, long seed) {
        Random random = new Random(seed);
        List<PlannedReport> plan = new ArrayList<>(count);
        List<Integer> firstCallers = new ArrayList<>();
        int nextPlace = random.nextInt(places.size());
        int eligible = 0;
        for (int i = 0; i < count; i++) {
            while (eligible < firstCallers.size() && firstCallers.get(eligible) <= i - minLag) {
                eligible++;
            }
            if (eligible > 0 && random.nextDouble() < secondCallerShare) {
                PlannedReport earlier = plan.get(firstCallers.get(random.nextInt(eligible)));
                plan.add(nearby(earlier, random));
                continue;
            }
            Place place = places.get(nextPlace);
            nextPlace = (nextPlace + 1) % places.size();
            Agency agency = i % 2 == 0 ? Agency.AGENCY_POLICE : Agency.AGENCY_FIRE;
            List<IncidentCategory> kinds = agency == Agency.AGENCY_POLICE ? POLICE : FIRE;
            double[] point = pointIn(place, random);
            firstCallers.add(i);
            plan.add(new PlannedReport(agency, place.adcode(), place.fullName() + "附近", point[0], point[1],
                    kinds.get(random.nextInt(kinds.size())), false));
        }
        return plan;
    }

    /** A second caller of the same agency about the same thing, 30 to 100 m away. */
    private PlannedReport nearby(PlannedReport earlier, Random random) {
        double metres = 30 + random.nextDouble() * 70;
        double[] point = offset(earlier.longitude(), earlier.latitude(), metres, random.nextDouble() * 2 * Math.PI);
        if (!inCounty(point, earlier.countyAdcode())) {
            point = new double[]{earlier.longitude(), earlier.latitude()};
        }
        return new PlannedReport(earlier.agency(), earlier.countyAdcode(), earlier.address(), point[0], point[1],
                earlier.category(), true);
    }

    /** Uniform over a disk around the caller point, narrowed until the point is inside the county. */
    private double[] pointIn(Place place, Random random) {
        double lon = place.point().getLongitude();
        double lat = place.point().getLatitude();
        for (double radius = SPREAD_METRES; radius >= 100; radius /= 2) {
            for (int attempt = 0; attempt < 20; attempt++) {
                double[] p = offset(lon, lat, radius * Math.sqrt(random.nextDouble()), random.nextDouble() * 2 * Math.PI);
                if (inCounty(p, place.adcode())) {
                    return p;
                }
            }
        }
        double[] centre = {lon, lat};
        if (!inCounty(centre, place.adcode())) {
            throw new IllegalStateException("caller point (" + lon + ", " + lat + ") of " + place.adcode() + " "
                    + place.fullName() + " is not placed in that county; expected sim/shandong-places.csv to match"
                    + " the node's county boundaries");
        }
        return centre;
    }

    private boolean inCounty(double[] point, String adcode) {
        return locator.locate(point[0], point[1]) instanceof Placement.Inside inside
                && !inside.onBorder() && inside.county().adcode().equals(adcode);
    }

    private static double[] offset(double lon, double lat, double metres, double bearing) {
        double dLat = metres * Math.cos(bearing) / METRES_PER_DEGREE;
        double dLon = metres * Math.sin(bearing) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        return new double[]{lon + dLon, lat + dLat};
    }
}
