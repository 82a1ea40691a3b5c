package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.BuildingType;
import cn.emcc.protocols.v1.FireDetails;
import cn.emcc.protocols.v1.IncidentCategory;

import java.util.List;
import java.util.Random;

/**
 * What a 119 operator records about the burning or leaking thing: building
 * type, height and fire floor that agree with the caller's words, and for
 * hazardous materials the UN number of a substance common in Shandong's
 * chemical industry.
 */
final class FireScenes {

    /** A fire-related category's details plus the caller's description that goes with them. */
    record Scene(FireDetails details, String description) {
    }

    private record BuildingFire(BuildingType type, String description, int minFloors, int maxFloors, double maxArea) {
    }

    private static final Weighted<BuildingFire> BUILDING_FIRES = Weighted.<BuildingFire>builder()
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_RESIDENTIAL, "居民楼%s住户家中起火，有浓烟从窗户冒出", 2, 7, 120), 30)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_RESIDENTIAL, "楼道内电动车起火，浓烟进入楼道", 2, 7, 20), 10)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_HIGH_RISE_RESIDENTIAL, "高层住宅%s起火，浓烟从窗户冒出", 18, 33, 150), 18)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_COMMERCIAL, "沿街商铺起火，火势较大", 1, 6, 300), 15)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_INDUSTRIAL, "厂房内起火，有明火", 1, 3, 2000), 10)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_WAREHOUSE, "仓库起火，浓烟很大", 1, 2, 3000), 7)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_PUBLIC_ASSEMBLY, "学校食堂后厨起火", 1, 4, 80), 3)
            .add(new BuildingFire(BuildingType.BUILDING_TYPE_VEHICLE, "停车场内车辆自燃", 0, 0, 15), 7)
            .build();

    private static final List<String> UN_NUMBERS = List.of(
            "UN1075", // liquefied petroleum gas
            "UN1203", // petrol
            "UN1005", // ammonia, anhydrous
            "UN1017", // chlorine
            "UN1830", // sulphuric acid
            "UN1230", // methanol
            "UN1114"); // benzene

    private FireScenes() {
    }

    /** Details for a 119 category that has them, else null (trapped persons, waterlogging, …). */
    static Scene forCategory(IncidentCategory category, Random random) {
        return switch (category) {
            case INCIDENT_CATEGORY_FIRE_BUILDING -> building(random);
            case INCIDENT_CATEGORY_FIRE_FOREST -> new Scene(FireDetails.newBuilder()
                    .setBuildingType(BuildingType.BUILDING_TYPE_OPEN_GROUND)
                    .setSmokeVisible(true)
                    .setEstimatedAreaM2(500 + random.nextInt(30) * 500)
                    .build(), null);
            case INCIDENT_CATEGORY_HAZARDOUS_MATERIALS -> new Scene(FireDetails.newBuilder()
                    .setBuildingType(random.nextBoolean() ? BuildingType.BUILDING_TYPE_CHEMICAL_PLANT
                            : BuildingType.BUILDING_TYPE_VEHICLE)
                    .setHazardousMaterials(true)
                    .setUnNumber(UN_NUMBERS.get(random.nextInt(UN_NUMBERS.size())))
                    .setSmokeVisible(random.nextDouble() < 0.4)
                    .build(), null);
            default -> null;
        };
    }

    private static Scene building(Random random) {
        BuildingFire fire = BUILDING_FIRES.pick(random);
        FireDetails.Builder details = FireDetails.newBuilder()
                .setBuildingType(fire.type())
                .setSmokeVisible(random.nextDouble() < 0.85)
                .setEstimatedAreaM2(Math.round(fire.maxArea() * (0.05 + 0.95 * random.nextDouble())));
        int floor = 0;
        if (fire.maxFloors() > 0) {
            int floors = fire.minFloors() + random.nextInt(fire.maxFloors() - fire.minFloors() + 1);
            floor = random.nextDouble() < 0.04 ? -1 : 1 + random.nextInt(floors);
            details.setFloorsAboveGround(floors).setFireFloor(floor);
        }
        String where = floor < 0 ? "地下室" : floor + "楼";
        String description = fire.description().contains("%s") ? String.format(fire.description(), where)
                : fire.description();
        return new Scene(details.build(), description);
    }
}
