package cn.emcc.dispatch;

/**
 * What a unit can do at a scene. Response plans ask for capabilities, not for
 * unit types or agencies, so that a rescue need can be met by a fire rescue
 * truck or an emergency-management rescue team alike.
 */
public enum Capability {
    /** Attack a fire with water or foam (水罐/泡沫消防车). */
    FIRE_SUPPRESSION,
    /** Bring large amounts of water to a scene without hydrants (供水消防车). */
    WATER_SUPPLY,
    /** Work at height: aerial ladder or platform (登高平台/云梯车). */
    AERIAL_LADDER,
    /** Free trapped people, cut vehicles, general technical rescue (抢险救援). */
    RESCUE,
    /** Search and shore up collapsed structures (重型救援). */
    HEAVY_RESCUE,
    /** Contain and decontaminate hazardous chemicals (防化洗消). */
    HAZMAT,
    /** Fight fires in forest and grassland (森林消防). */
    FOREST_FIRE,
    /** Boats and swift-water crews (水域救援). */
    FLOOD_BOAT,
    /** Find people under rubble or lost (搜救犬). */
    SEARCH_DOG,
    /** Police presence, cordons and investigation (巡逻). */
    PATROL,
    /** Crowds and disorder (特警/处突). */
    CROWD_CONTROL,
    /** Close roads, divert traffic, clear the way (交通管制). */
    TRAFFIC_CONTROL,
    /** Tow and clear wrecked vehicles (清障). */
    ROAD_CLEARANCE,
    /** Pre-hospital care and transport (院前急救). */
    EMS,
    /** Run the scene: command vehicle and officer (现场指挥). */
    COMMAND
}
