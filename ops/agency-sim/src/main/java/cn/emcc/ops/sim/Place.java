package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;

/**
 * One county-level division as the simulators see it: where callers are
 * (a point well inside the county) and how many of them (population weight,
 * in thousands of residents).
 */
public record Place(String adcode, String county, String cityAdcode, String city, GeoPoint point,
                    int populationWeight) {

    /** City and county as a caller would say them, e.g. "济南市历下区". */
    public String fullName() {
        return city + county;
    }
}
