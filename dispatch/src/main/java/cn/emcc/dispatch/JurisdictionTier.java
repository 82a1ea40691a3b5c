package cn.emcc.dispatch;

/**
 * Where a unit belongs relative to the incident's county, in order of
 * preference. Every tier but OWN_COUNTY is mutual aid: the city command node
 * approves aid from within the city, the province aid from another city.
 */
public enum JurisdictionTier {
    OWN_COUNTY("own county"),
    SAME_CITY_NEIGHBOUR("neighbouring county of the same city"),
    SAME_CITY("other county of the same city"),
    OTHER_CITY("another city");

    private final String words;

    JurisdictionTier(String words) {
        this.words = words;
    }

    public boolean isMutualAid() {
        return this != OWN_COUNTY;
    }

    public String words() {
        return words;
    }
}
