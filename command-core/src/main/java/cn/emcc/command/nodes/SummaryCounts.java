package cn.emcc.command.nodes;

import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.NodeSummary;
import cn.emcc.protocols.v1.UnitView;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one node's picture, kept up to date as items enter, change
 * and leave it (take the old view out, put the new one in), so a summary
 * never needs a scan of the picture. Not thread-safe: its feed guards it.
 */
final class SummaryCounts {

    private final Map<String, Integer> byGrade = new TreeMap<>();
    private final Map<String, Integer> byCategory = new TreeMap<>();
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> unitsByAgencyStatus = new TreeMap<>();
    private int pendingEscalations;
    private final Map<String, Integer> warningsByColour = new TreeMap<>();
    private int overdueTimers;

    void add(IncidentView v) {
        step(v, 1);
    }

    void remove(IncidentView v) {
        step(v, -1);
    }

    private void step(IncidentView v, int delta) {
        bump(byGrade, v.getGrade().name(), delta);
        bump(byCategory, v.getCategory().name(), delta);
        bump(byStatus, v.getStatus().name(), delta);
    }

    void add(UnitView u) {
        bump(unitsByAgencyStatus, unitKey(u), 1);
    }

    void remove(UnitView u) {
        bump(unitsByAgencyStatus, unitKey(u), -1);
    }

    /** Whether replacing {@code a} by {@code b} leaves every count as it is. */
    static boolean sameCounts(IncidentView a, IncidentView b) {
        return a.getGrade() == b.getGrade() && a.getCategory() == b.getCategory() && a.getStatus() == b.getStatus();
    }

    static boolean sameCounts(UnitView a, UnitView b) {
        return a.getAgency() == b.getAgency() && a.getStatus() == b.getStatus();
    }

    private static String unitKey(UnitView u) {
        return u.getAgency().name() + "/" + u.getStatus().name();
    }

    void pendingEscalations(int n) {
        pendingEscalations = n;
    }

    /** Replaces the warnings in force (they are counted where they are worked out, see NodeWarnings). */
    void activeWarnings(Map<String, Integer> byColour) {
        warningsByColour.clear();
        byColour.forEach((colour, n) -> {
            if (n > 0) {
                warningsByColour.put(colour, n);
            }
        });
    }

    void overdueTimers(int n) {
        overdueTimers = n;
    }

    private static void bump(Map<String, Integer> counts, String key, int delta) {
        counts.merge(key, delta, Integer::sum);
        if (counts.get(key) == 0) {
            counts.remove(key); // a summary lists what there is, not every value ever seen
        }
    }

    NodeSummary toProto() {
        NodeSummary.Builder b = NodeSummary.newBuilder()
                .setPendingEscalations(pendingEscalations)
                .setActiveWarnings(warningsByColour.values().stream().mapToInt(Integer::intValue).sum())
                .setOverdueTimers(overdueTimers);
        byGrade.forEach(b::putOpenIncidentsByGrade);
        byCategory.forEach(b::putOpenIncidentsByCategory);
        byStatus.forEach(b::putOpenIncidentsByStatus);
        unitsByAgencyStatus.forEach(b::putUnitsByAgencyStatus);
        warningsByColour.forEach(b::putActiveWarningsByColour);
        return b.build();
    }
}
