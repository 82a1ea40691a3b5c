package cn.emcc.dispatch;

import java.util.List;

/**
 * The answer for one line of the plan: the units proposed (best first), the
 * next best after them, and how many are missing when not enough can arrive
 * within the limit.
 */
public record RequirementRecommendation(PlanRequirement requirement, List<Candidate> proposed,
                                        List<Candidate> alternates, int shortfall) {

    public RequirementRecommendation {
        proposed = List.copyOf(proposed);
        alternates = List.copyOf(alternates);
    }
}
