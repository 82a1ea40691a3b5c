package cn.emcc.map.travel;

/**
 * How a unit moves on the road, which is all the travel-time model needs to
 * know about it: a patrol car and a 32-tonne water tender do not reach the
 * same place at the same time.
 */
public enum VehicleClass {
    /** Cars and motorcycles: patrol cars, traffic police, command cars. */
    LIGHT,
    /** Vans and light trucks: ambulances, rescue trucks, team transports. */
    MEDIUM,
    /** Fire engines, aerial ladders, water tenders, hazmat trucks, tow trucks. */
    HEAVY,
    /** Vehicles towing a boat or heavy trailer: flood-rescue boat teams. */
    TOWING
}
