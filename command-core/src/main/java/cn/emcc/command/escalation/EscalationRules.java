package cn.emcc.command.escalation;

import cn.emcc.command.incident.Grades;
import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.EscalationKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Which command node leads an incident (its grade's lead tier: IV county,
 * III city, II and I province) and which nodes must be told when that
 * changes: the new lead when it is above the county (escalated), and the old
 * lead above the county when the incident goes down below it (downgraded) or
 * ends (ended).
 */
public final class EscalationRules {

    private final JurisdictionTree tree;

    public EscalationRules(JurisdictionTree tree) {
        this.tree = tree;
    }

    /** One notice a change calls for. */
    public record Due(String nodeAdcode, EscalationKind kind) {
    }

    /** The node that leads the incident now; null once it has ended. */
    public String leadNode(IncidentSummary s) {
        if (IncidentLifecycle.isFinal(s.status())) {
            return null;
        }
        List<Jurisdiction> chain = tree.ancestorsAndSelf(s.countyAdcode()); // county, city, province
        int up = switch (Grades.leadTier(s.grade())) {
            case TIER_PROVINCE -> 2;
            case TIER_CITY -> 1;
            default -> 0; // IV, or not graded yet
        };
        return chain.isEmpty() ? null : chain.get(Math.min(up, chain.size() - 1)).adcode();
    }

    /** The notices due when the lead moves from {@code before} (null: none yet) to the lead of {@code now}. */
    public List<Due> noticesDue(String before, IncidentSummary now) {
        String after = leadNode(now);
        List<Due> due = new ArrayList<>();
        if (before == null ? after == null : before.equals(after)) {
            return due;
        }
        if (after != null && aboveCounty(after)) {
            due.add(new Due(after, EscalationKind.ESCALATION_KIND_ESCALATED));
        }
        if (before != null && aboveCounty(before)) {
            if (after == null) {
                due.add(new Due(before, EscalationKind.ESCALATION_KIND_ENDED));
            } else if (depth(after) > depth(before)) {
                due.add(new Due(before, EscalationKind.ESCALATION_KIND_DOWNGRADED));
            }
        }
        return due;
    }

    private boolean aboveCounty(String adcode) {
        return depth(adcode) < 2;
    }

    /** 0 province, 1 city, 2 county. */
    private int depth(String adcode) {
        return tree.ancestorsAndSelf(adcode).size() - 1;
    }
}
