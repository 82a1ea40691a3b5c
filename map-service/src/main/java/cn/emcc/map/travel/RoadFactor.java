package cn.emcc.map.travel;

/**
 * How much longer the road is than the straight line between two points
 * (the detour index). Roads in a dense grid come closer to the straight line
 * than roads across hills and rivers.
 */
public interface RoadFactor {

    double factor(double fromLongitude, double fromLatitude, double toLongitude, double toLatitude);

    /** The smallest factor this ever returns, for lower bounds. */
    double minimum();

    static RoadFactor constant(double factor) {
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("road factor " + factor + ": expected a finite number >= 1");
        }
        return new RoadFactor() {
            @Override
            public double factor(double fromLongitude, double fromLatitude, double toLongitude, double toLatitude) {
                return factor;
            }

            @Override
            public double minimum() {
                return factor;
            }
        };
    }
}
