package cn.emcc.dispatch;

import cn.emcc.map.travel.VehicleClass;
import cn.emcc.protocols.v1.Agency;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** A kind of unit: which agency runs it, what it can do and how it moves. */
public enum UnitType {
    PUMPER_ENGINE(Agency.AGENCY_FIRE, "水罐消防车", VehicleClass.HEAVY, Capability.FIRE_SUPPRESSION),
    WATER_TENDER(Agency.AGENCY_FIRE, "供水消防车", VehicleClass.HEAVY, Capability.WATER_SUPPLY),
    AERIAL_LADDER_TRUCK(Agency.AGENCY_FIRE, "登高平台消防车", VehicleClass.HEAVY, Capability.AERIAL_LADDER),
    RESCUE_TRUCK(Agency.AGENCY_FIRE, "抢险救援消防车", VehicleClass.MEDIUM, Capability.RESCUE),
    HAZMAT_TRUCK(Agency.AGENCY_FIRE, "防化洗消消防车", VehicleClass.HEAVY, Capability.HAZMAT),
    FIRE_COMMAND_CAR(Agency.AGENCY_FIRE, "消防指挥车", VehicleClass.LIGHT, Capability.COMMAND),
    FLOOD_BOAT_TEAM(Agency.AGENCY_FIRE, "水域救援舟艇分队", VehicleClass.TOWING, Capability.FLOOD_BOAT, Capability.RESCUE),
    SEARCH_DOG_TEAM(Agency.AGENCY_FIRE, "搜救犬分队", VehicleClass.MEDIUM, Capability.SEARCH_DOG),
    FOREST_FIRE_TEAM(Agency.AGENCY_EMERGENCY_MGMT, "森林消防队", VehicleClass.MEDIUM, Capability.FOREST_FIRE),
    EM_RESCUE_TEAM(Agency.AGENCY_EMERGENCY_MGMT, "应急救援队", VehicleClass.MEDIUM, Capability.RESCUE, Capability.HEAVY_RESCUE),
    EM_COMMAND_CAR(Agency.AGENCY_EMERGENCY_MGMT, "应急指挥车", VehicleClass.LIGHT, Capability.COMMAND),
    PATROL_CAR(Agency.AGENCY_POLICE, "巡逻车", VehicleClass.LIGHT, Capability.PATROL),
    SPECIAL_POLICE_TEAM(Agency.AGENCY_POLICE, "特警队", VehicleClass.MEDIUM, Capability.CROWD_CONTROL, Capability.PATROL),
    TRAFFIC_POLICE(Agency.AGENCY_TRAFFIC, "交警", VehicleClass.LIGHT, Capability.TRAFFIC_CONTROL),
    TOW_TRUCK(Agency.AGENCY_TRAFFIC, "清障车", VehicleClass.HEAVY, Capability.ROAD_CLEARANCE),
    AMBULANCE(Agency.AGENCY_MEDICAL, "救护车", VehicleClass.MEDIUM, Capability.EMS);

    private final Agency agency;
    private final String chineseName;
    private final VehicleClass vehicleClass;
    private final Set<Capability> capabilities;

    UnitType(Agency agency, String chineseName, VehicleClass vehicleClass, Capability... capabilities) {
        this.agency = agency;
        this.chineseName = chineseName;
        this.vehicleClass = vehicleClass;
        this.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(capabilities)));
    }

    public Agency agency() {
        return agency;
    }

    public String chineseName() {
        return chineseName;
    }

    public VehicleClass vehicleClass() {
        return vehicleClass;
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** The unit types that offer a capability, in declaration order. */
    public static Set<UnitType> offering(Capability capability) {
        Set<UnitType> out = EnumSet.noneOf(UnitType.class);
        for (UnitType t : values()) {
            if (t.capabilities.contains(capability)) {
                out.add(t);
            }
        }
        return out;
    }
}
