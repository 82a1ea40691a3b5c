package cn.emcc.map.travel;

import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.jurisdiction.Placement;

/**
 * One road factor for trips in town, another for trips in the country,
 * decided by where the middle of the trip lies. "In town" is a test the
 * caller supplies; {@link #byDistricts} takes the 市辖区 (county-level
 * divisions whose name ends in 区) as town, which is coarse: some districts
 * are mostly farmland and some county seats are dense towns.
 */
public final class UrbanRuralRoadFactor implements RoadFactor {

    /** Whether a point counts as urban. */
    @FunctionalInterface
    public interface UrbanTest {
        boolean isUrban(double longitude, double latitude);
    }

    public static final double DEFAULT_URBAN = 1.35;
    public static final double DEFAULT_RURAL = 1.25;

    private final UrbanTest urbanTest;
    private final double urban;
    private final double rural;

    public UrbanRuralRoadFactor(UrbanTest urbanTest, double urban, double rural) {
        RoadFactor.constant(urban);
        RoadFactor.constant(rural);
        this.urbanTest = urbanTest;
        this.urban = urban;
        this.rural = rural;
    }

    /** Urban = inside a county-level division whose name ends in 区 (a district of a city). */
    public static UrbanRuralRoadFactor byDistricts(Jurisdictions jurisdictions, double urban, double rural) {
        return new UrbanRuralRoadFactor((lon, lat) ->
                jurisdictions.locator().locate(lon, lat) instanceof Placement.Inside inside
                        && inside.county().name().endsWith("区"), urban, rural);
    }

    @Override
    public double factor(double fromLongitude, double fromLatitude, double toLongitude, double toLatitude) {
        return urbanTest.isUrban((fromLongitude + toLongitude) / 2, (fromLatitude + toLatitude) / 2) ? urban : rural;
    }

    @Override
    public double minimum() {
        return Math.min(urban, rural);
    }
}
