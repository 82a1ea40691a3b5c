package cn.emcc.dispatch;

import cn.emcc.protocols.v1.GeoPoint;

import java.util.Objects;
import java.util.Set;

/**
 * What to recommend units for.
 *
 * @param countyAdcode     the county the incident was placed in (its own county for the preference)
 * @param excludedUnitIds  units not to propose again for this incident (they rejected or timed out)
 */
public record RecommendationRequest(String incidentId, GeoPoint location, String countyAdcode, ResponsePlan plan,
                                    Set<String> excludedUnitIds) {

    public RecommendationRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(countyAdcode, "countyAdcode");
        Objects.requireNonNull(plan, "plan");
        excludedUnitIds = Set.copyOf(excludedUnitIds);
    }

    public static RecommendationRequest of(String incidentId, GeoPoint location, String countyAdcode, ResponsePlan plan) {
        return new RecommendationRequest(incidentId, location, countyAdcode, plan, Set.of());
    }
}
