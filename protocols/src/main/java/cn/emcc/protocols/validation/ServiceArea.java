package cn.emcc.protocols.validation;

/**
 * The region emcc serves, as a coarse containment test for inbound coordinates.
 * It catches points that are plainly elsewhere (another province, swapped
 * longitude and latitude, 0/0); placing a point in its county is the map
 * service's job, not this one's.
 */
public interface ServiceArea {

    /** Whether the WGS84 point lies in the area, tolerance included. False for NaN. */
    boolean contains(double longitude, double latitude);

    /** A short description for rejection reasons, naming the extent and tolerance. */
    String describe();
}
