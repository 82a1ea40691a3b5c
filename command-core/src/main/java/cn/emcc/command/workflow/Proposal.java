package cn.emcc.command.workflow;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.dispatch.PlanRequirement;
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
 * @param plan             the run card as text, e.g. "FIRE_SUPPRESSION:2 RESCUE:1", or why there is none
 * @param shortfalls       e.g. "HAZMAT: 1 missing"
 * @param planPhrases      the plan for the console: one phrase per requirement, or why there is none
 * @param shortfallPhrases the shortfalls for the console, one phrase each
 */
public record Proposal(Instant at, String plan, List<ProposedUnit> units, List<ProposedUnit> alternates,
                       List<String> shortfalls, List<Phrase> planPhrases, List<Phrase> shortfallPhrases)
        implements CborSerializable {

    public Proposal {
        units = List.copyOf(units);
        alternates = List.copyOf(alternates);
        shortfalls = List.copyOf(shortfalls);
        planPhrases = Phrase.listOrEmpty(planPhrases);
        shortfallPhrases = Phrase.listOrEmpty(shortfallPhrases);
    }

    static Proposal of(Instant at, List<PlanRequirement> plan, Recommendation r) {
        List<ProposedUnit> units = new ArrayList<>();
        List<ProposedUnit> alternates = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        List<Phrase> shortfallPhrases = new ArrayList<>();
        for (RequirementRecommendation req : r.requirements()) {
            req.proposed().forEach(c -> units.add(ProposedUnit.of(c)));
            req.alternates().forEach(c -> alternates.add(ProposedUnit.of(c)));
            if (req.shortfall() > 0) {
                shortfalls.add(req.requirement().capability() + ": " + req.shortfall() + " missing");
                shortfallPhrases.add(PhraseCode.SHORTFALL.with(req.requirement().capability().name(),
                        req.shortfall()));
            }
        }
        String planText = String.join(" ", plan.stream().map(PlanRequirement::toString).toList());
        List<Phrase> planPhrases = plan.stream()
                .map(p -> PhraseCode.PLAN_ITEM.with(p.capability().name(), p.count())).toList();
        return new Proposal(at, planText, units, alternates, shortfalls, planPhrases, shortfallPhrases);
    }
}
