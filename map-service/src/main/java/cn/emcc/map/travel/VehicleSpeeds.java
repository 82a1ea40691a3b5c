package cn.emcc.map.travel;

import java.util.EnumMap;
import java.util.Map;

/**
 * Average speed over the road distance per class of vehicle, with lights and
 * siren, in free-flowing traffic. Averages, not top speeds: they include
 * leaving the station, junctions and the last few hundred metres.
 */
public final class VehicleSpeeds {

    private final Map<VehicleClass, Double> kmh;

    private VehicleSpeeds(Map<VehicleClass, Double> kmh) {
        this.kmh = kmh;
    }

    /** LIGHT 60, MEDIUM 55, HEAVY 45, TOWING 40 km/h. */
    public static VehicleSpeeds defaults() {
        return of(Map.of(VehicleClass.LIGHT, 60.0, VehicleClass.MEDIUM, 55.0,
                VehicleClass.HEAVY, 45.0, VehicleClass.TOWING, 40.0));
    }

    /** @throws IllegalArgumentException when a class is missing or a speed is not in (0, 200] */
    public static VehicleSpeeds of(Map<VehicleClass, Double> kmh) {
        Map<VehicleClass, Double> copy = new EnumMap<>(VehicleClass.class);
        for (VehicleClass c : VehicleClass.values()) {
            Double v = kmh.get(c);
            if (v == null || !(v > 0 && v <= 200)) {
                throw new IllegalArgumentException("speed of " + c + " is " + v + "; expected km/h in (0, 200]");
            }
            copy.put(c, v);
        }
        return new VehicleSpeeds(copy);
    }

    public double kmh(VehicleClass vehicle) {
        return kmh.get(vehicle);
    }

    public double metresPerSecond(VehicleClass vehicle) {
        return kmh.get(vehicle) / 3.6;
    }

    @Override
    public String toString() {
        return "VehicleSpeeds" + kmh;
    }
}
