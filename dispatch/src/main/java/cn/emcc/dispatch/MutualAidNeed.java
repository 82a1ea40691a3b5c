package cn.emcc.dispatch;

import java.util.List;

/**
 * Proposed units that belong to another county, grouped by their county and
 * capability: each is one {@link MutualAidRequest} the workflow raises (to
 * the city node within the city, to the province across cities).
 */
public record MutualAidNeed(String providingCountyAdcode, String providingCityAdcode, JurisdictionTier tier,
                            Capability capability, List<String> unitIds) {

    public MutualAidNeed {
        unitIds = List.copyOf(unitIds);
    }
}
