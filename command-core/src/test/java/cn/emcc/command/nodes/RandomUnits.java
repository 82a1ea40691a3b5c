package cn.emcc.command.nodes;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitView;
import com.google.protobuf.Timestamp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random unit histories as the unit directory would publish them: units of
 * several agencies stationed in random counties move, change status, are
 * assigned and released, and now and then leave the picture and come back.
 * Also the truth the clients are checked against.
 */
final class RandomUnits {

    private static final Agency[] AGENCIES = {Agency.AGENCY_FIRE, Agency.AGENCY_POLICE, Agency.AGENCY_TRAFFIC,
            Agency.AGENCY_MEDICAL};
    private static final UnitStatus[] STATUSES = {UnitStatus.UNIT_STATUS_AVAILABLE, UnitStatus.UNIT_STATUS_DISPATCHED,
            UnitStatus.UNIT_STATUS_EN_ROUTE, UnitStatus.UNIT_STATUS_ON_SCENE, UnitStatus.UNIT_STATUS_RETURNING,
            UnitStatus.UNIT_STATUS_OUT_OF_SERVICE};

    /** One published change: the view and whether it leaves the picture. */
    record Change(UnitView unit, boolean removed) {
    }

    private final Random random;
    private final Map<String, UnitView> all = new LinkedHashMap<>();
    private final Map<String, UnitView> present = new LinkedHashMap<>();
    private long clock = 1_782_864_000L; // 2026-07-01

    RandomUnits(long seed, JurisdictionTree tree, int count) {
        this.random = new Random(seed * 7 + 1);
        List<Jurisdiction> counties = tree.counties();
        for (int i = 0; i < count; i++) {
            Jurisdiction county = counties.get(random.nextInt(counties.size()));
            Agency agency = AGENCIES[random.nextInt(AGENCIES.length)];
            UnitView u = UnitView.newBuilder().setUnitId(agency.name().substring(7, 8) + "-" + county.adcode() + "-" + i)
                    .setAgency(agency).setUnitType("TYPE_" + random.nextInt(3)).setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                    .setCountyAdcode(county.adcode()).setPosition(point()).setName("站 " + i).build();
            all.put(u.getUnitId(), u);
        }
    }

    /** Every unit as it starts, for publishing before anything else happens. */
    List<Change> roster() {
        present.putAll(all);
        return all.values().stream().map(u -> new Change(u, false)).toList();
    }

    /** The next change: mostly a move, sometimes a status change, rarely a unit leaving or coming back. */
    Change next() {
        clock += 1 + random.nextInt(20);
        List<String> ids = new ArrayList<>(all.keySet());
        String id = ids.get(random.nextInt(ids.size()));
        UnitView before = all.get(id);
        if (!present.containsKey(id)) {
            present.put(id, before);
            return new Change(before, false);
        }
        if (random.nextInt(25) == 0) {
            present.remove(id);
            return new Change(before, true);
        }
        UnitView.Builder b = before.toBuilder();
        if (random.nextInt(3) == 0) {
            UnitStatus status = STATUSES[random.nextInt(STATUSES.length)];
            b.setStatus(status).setStatusSince(Timestamp.newBuilder().setSeconds(clock))
                    .setIncidentId(status == UnitStatus.UNIT_STATUS_AVAILABLE ? "" : "incident-" + random.nextInt(50));
        } else {
            b.setPosition(point());
        }
        UnitView after = b.build();
        all.put(id, after);
        present.put(id, after);
        return new Change(after, false);
    }

    private GeoPoint point() {
        return GeoPoint.newBuilder().setLongitude(115 + random.nextDouble() * 7).setLatitude(34 + random.nextDouble() * 4)
                .build();
    }

    /** What a node's picture must hold: the units of its subtree now in the picture. */
    Map<String, UnitView> expectedPicture(JurisdictionTree tree, String node) {
        Map<String, UnitView> expected = new LinkedHashMap<>();
        present.values().stream().filter(u -> tree.contains(node, u.getCountyAdcode()))
                .forEach(u -> expected.put(u.getUnitId(), u));
        return expected;
    }
}
