package cn.emcc.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The recommended units for every requirement of an incident's plan, in the plan's order. */
public record Recommendation(String incidentId, String countyAdcode, List<RequirementRecommendation> requirements) {

    public Recommendation {
        requirements = List.copyOf(requirements);
    }

    /** Every proposed unit, requirement by requirement. */
    public List<Candidate> proposed() {
        List<Candidate> out = new ArrayList<>();
        requirements.forEach(r -> out.addAll(r.proposed()));
        return out;
    }

    /** Whether every requirement is met in full. */
    public boolean isComplete() {
        return requirements.stream().allMatch(r -> r.shortfall() == 0);
    }

    /** Proposed units from other counties, grouped by county and capability, in adcode then plan order. */
    public List<MutualAidNeed> mutualAid() {
        Map<String, Map<Capability, List<Candidate>>> grouped = new TreeMap<>();
        for (Candidate c : proposed()) {
            if (c.tier().isMutualAid()) {
                grouped.computeIfAbsent(c.unit().countyAdcode(), k -> new TreeMap<>())
                        .computeIfAbsent(c.capability(), k -> new ArrayList<>()).add(c);
            }
        }
        List<MutualAidNeed> out = new ArrayList<>();
        grouped.forEach((county, byCapability) -> byCapability.forEach((capability, cs) -> out.add(new MutualAidNeed(
                county, cs.get(0).unit().cityAdcode(), cs.get(0).tier(), capability,
                cs.stream().map(c -> c.unit().unitId()).toList()))));
        return out;
    }
}
