package cn.emcc.command.workflow;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Recommendation;
import cn.emcc.dispatch.RequirementRecommendation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of an incident and the recommender's answer to it: the units
 * proposed (best first per requirement), the next best after them, and what
 * is missing. The duty officer confirms, edits or overrides it.
 *
 * @param plan        the run card as text, e.g. "FIRE_SUPPRESSION:2 RESCUE:1", or why there is none
 * @param shortfalls  e.g. "HAZMAT: 1 missing"
 */
public record Proposal(Instant at, String plan, List<ProposedUnit> units, List<ProposedUnit> alternates,
                       List<String> shortfalls) implements CborSerializable {

    public Proposal {
        units = List.copyOf(units);
        alternates = List.copyOf(alternates);
        shortfalls = List.copyOf(shortfalls);
    }

    static Proposal of(Instant at, String plan, Recommendation r) {
        List<ProposedUnit> units = new ArrayList<>();
        List<ProposedUnit> alternates = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        for (RequirementRecommendation req : r.requirements()) {
            req.proposed().forEach(c -> units.add(ProposedUnit.of(c)));
            req.alternates().forEach(c -> alternates.add(ProposedUnit.of(c)));
            if (req.shortfall() > 0) {
                shortfalls.add(req.requirement().capability() + ": " + req.shortfall() + " missing");
            }
        }
        return new Proposal(at, plan, units, alternates, shortfalls);
    }
}
