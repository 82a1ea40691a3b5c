package cn.emcc.dispatch;

import java.time.Duration;

/**
 * How jurisdiction and arrival time combine, and how much to propose.
 *
 * <p>Candidates are ranked by ETA plus a preference penalty for their
 * {@link JurisdictionTier}: with the defaults a unit of a neighbouring county
 * of the same city is proposed before one of the incident's own county only
 * if it arrives more than 3 minutes sooner, another county of the city 5
 * minutes, another city 10 minutes. When the own county has too few units of
 * a capability, the rest come from the next best, so mutual aid happens
 * exactly where the own county falls short or is much slower.
 *
 * @param alternates how many next-best candidates to list after the proposed ones for each requirement (for
 *                   a rejection or time-out)
 * @param maxEta     candidates that cannot arrive within this are not proposed at all
 */
public record RecommenderSettings(Duration sameCityNeighbourPenalty, Duration sameCityPenalty,
                                  Duration otherCityPenalty, int alternates, Duration maxEta) {

    public RecommenderSettings {
        if (sameCityNeighbourPenalty.isNegative() || sameCityPenalty.isNegative() || otherCityPenalty.isNegative()) {
            throw new IllegalArgumentException("penalties " + sameCityNeighbourPenalty + ", " + sameCityPenalty + ", "
                    + otherCityPenalty + ": expected none negative");
        }
        if (alternates < 0 || alternates > 20) {
            throw new IllegalArgumentException("alternates " + alternates + ": expected 0..20");
        }
        if (maxEta.isNegative() || maxEta.isZero()) {
            throw new IllegalArgumentException("maxEta " + maxEta + ": expected a positive duration");
        }
    }

    public static RecommenderSettings defaults() {
        return new RecommenderSettings(Duration.ofMinutes(3), Duration.ofMinutes(5), Duration.ofMinutes(10), 2,
                Duration.ofHours(3));
    }

    double penaltySeconds(JurisdictionTier tier) {
        return switch (tier) {
            case OWN_COUNTY -> 0;
            case SAME_CITY_NEIGHBOUR -> sameCityNeighbourPenalty.toMillis() / 1000.0;
            case SAME_CITY -> sameCityPenalty.toMillis() / 1000.0;
            case OTHER_CITY -> otherCityPenalty.toMillis() / 1000.0;
        };
    }
}
