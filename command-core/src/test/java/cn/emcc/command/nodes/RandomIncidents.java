package cn.emcc.command.nodes;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.WarningColour;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but legal incident histories, as the read side would publish them:
 * incidents open in random counties, move through the lifecycle, change grade,
 * gain reports and warnings, and end. Also the truth the clients are checked
 * against: the latest summary of every incident.
 */
final class RandomIncidents {

    private static final Grade[] GRADES = {Grade.GRADE_I, Grade.GRADE_II, Grade.GRADE_III, Grade.GRADE_IV};
    private static final IncidentCategory[] CATEGORIES = {IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING,
            IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING,
            IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS};
    private static final List<IncidentStatus> STATUSES = Arrays.stream(IncidentStatus.values())
            .filter(s -> s != IncidentStatus.UNRECOGNIZED && s != IncidentStatus.INCIDENT_STATUS_UNSPECIFIED).toList();

    private final Random random;
    private final List<Jurisdiction> counties;
    private final Map<String, IncidentSummary> latest = new LinkedHashMap<>();
    private final List<String> open = new ArrayList<>();
    private Instant clock = Instant.parse("2026-07-01T00:00:00Z");
    private int next;

    RandomIncidents(long seed, JurisdictionTree tree) {
        this.random = new Random(seed);
        this.counties = tree.counties();
    }

    /** The next summary: a new incident a third of the time, otherwise a change of an open one. */
    IncidentSummary next() {
        clock = clock.plusSeconds(1 + random.nextInt(30));
        IncidentSummary s = open.isEmpty() || random.nextInt(3) == 0 ? opened() : changed(open.get(random.nextInt(open.size())));
        latest.put(s.incidentId(), s);
        if (IncidentLifecycle.isFinal(s.status())) {
            open.remove(s.incidentId());
        }
        return s;
    }

    private IncidentSummary opened() {
        Jurisdiction county = counties.get(random.nextInt(counties.size()));
        String id = county.adcode() + "-20260701-" + (++next);
        open.add(id);
        return new IncidentSummary(id, IncidentStatus.INCIDENT_STATUS_REPORTED, GRADES[random.nextInt(GRADES.length)],
                CATEGORIES[random.nextInt(CATEGORIES.length)], 117 + random.nextDouble(), 36 + random.nextDouble(),
                "地址 " + next, county.adcode(), county.parentAdcode(), clock, clock, 1, Counts.NONE, List.of(), null);
    }

    private IncidentSummary changed(String id) {
        IncidentSummary s = latest.get(id);
        IncidentStatus status = s.status();
        Grade grade = s.grade();
        int reports = s.reportCount();
        List<WarningInForce> warnings = s.warnings();
        String mergedInto = null;
        switch (random.nextInt(4)) {
            case 0 -> {
                List<IncidentStatus> legal = STATUSES.stream()
                        .filter(to -> IncidentLifecycle.refusal(s.status(), to).isEmpty()).toList();
                status = legal.get(random.nextInt(legal.size()));
                if (status == IncidentStatus.INCIDENT_STATUS_MERGED) {
                    mergedInto = open.get(random.nextInt(open.size()));
                }
            }
            case 1 -> grade = GRADES[random.nextInt(GRADES.length)];
            case 2 -> reports++;
            default -> warnings = random.nextBoolean() ? List.of()
                    : List.of(new WarningInForce("w-" + random.nextInt(5), Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_RED));
        }
        return new IncidentSummary(id, status, grade, s.category(), s.longitude(), s.latitude(), s.address(),
                s.countyAdcode(), s.cityAdcode(), s.openedAt(), clock, reports, s.casualties(), warnings, mergedInto);
    }

    /** What a node's picture must hold: the open incidents of its subtree, as the stream shows them. */
    Map<String, cn.emcc.protocols.v1.IncidentView> expectedPicture(JurisdictionTree tree, String node) {
        Map<String, cn.emcc.protocols.v1.IncidentView> expected = new LinkedHashMap<>();
        latest.values().stream()
                .filter(s -> IncidentLifecycle.isOpen(s.status()) && tree.contains(node, s.countyAdcode()))
                .forEach(s -> expected.put(s.incidentId(), IncidentViews.of(s)));
        return expected;
    }
}
