package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The run card (出动方案) for one incident category at one grade: the
 * capabilities needed, in the order they are filled, and how many of each.
 */
public record ResponsePlan(IncidentCategory category, Grade grade, List<PlanRequirement> requirements) {

    public ResponsePlan {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(grade, "grade");
        requirements = List.copyOf(requirements);
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException("plan " + category + " " + grade + " has no requirements");
        }
        Set<Capability> seen = new HashSet<>();
        for (PlanRequirement r : requirements) {
            if (!seen.add(r.capability())) {
                throw new IllegalArgumentException("plan " + category + " " + grade + " names " + r.capability()
                        + " twice; expected each capability once");
            }
        }
    }

    public int totalUnits() {
        return requirements.stream().mapToInt(PlanRequirement::count).sum();
    }

    /** The agencies whose unit types can meet some requirement of the plan. */
    public Set<Agency> agencies() {
        Set<Agency> out = EnumSet.noneOf(Agency.class);
        for (PlanRequirement r : requirements) {
            UnitType.offering(r.capability()).forEach(t -> out.add(t.agency()));
        }
        return out;
    }
}
