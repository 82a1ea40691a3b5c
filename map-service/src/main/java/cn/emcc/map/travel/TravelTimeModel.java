package cn.emcc.map.travel;

import cn.emcc.protocols.v1.GeoPoint;

import java.util.Optional;

/**
 * Estimated time of arrival between two points for one class of vehicle. The
 * default, {@link StraightLineTravelModel}, is a model and says so; a real
 * road-network router implements this same interface and replaces it.
 *
 * <p>Implementations must be deterministic (same inputs, same answer) and
 * thread-safe; a live situation is a new model instance, not a mutation.
 */
public interface TravelTimeModel {

    /** Empty when the trip is impossible (e.g. the way is closed). */
    Optional<TravelEstimate> estimate(double fromLongitude, double fromLatitude, double toLongitude,
                                      double toLatitude, VehicleClass vehicle);

    default Optional<TravelEstimate> estimate(GeoPoint from, GeoPoint to, VehicleClass vehicle) {
        return estimate(from.getLongitude(), from.getLatitude(), to.getLongitude(), to.getLatitude(), vehicle);
    }

    /**
     * Why {@link #estimate} is empty for this trip, in words for a duty officer
     * (e.g. the closure in the way). Only meaningful when it is empty.
     */
    default String whyImpossible(double fromLongitude, double fromLatitude, double toLongitude, double toLatitude,
                                 VehicleClass vehicle) {
        return "no way there known to the travel-time model";
    }

    /**
     * A time no estimate between two points this far apart (great-circle
     * metres) can be shorter than. Spatial searches stop when this exceeds the
     * worst time they still need to beat, so it must never overstate.
     */
    double lowerBoundSeconds(double straightLineMetres, VehicleClass vehicle);
}
