package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.IncidentCategory;

import java.util.List;
import java.util.Random;

/**
 * How one category of report looks in the simulation: which service the
 * public calls first (110 or 119), how often it happens relative to the
 * others, what callers say, and how many people are hurt. Casualty counts are
 * zero most of the time with a geometric tail, as real call logs are.
 */
record IncidentProfile(IncidentCategory category, Agency firstCalled, double weight, boolean onRoads,
                       List<String> descriptions, double pInjured, double moreInjured, double pTrapped,
                       double moreTrapped, double pDead, double pMissing) {

    Casualties casualties(Random random) {
        Casualties.Builder c = Casualties.newBuilder().setCallers(1 + tail(random, 0.08));
        if (random.nextDouble() < pInjured) {
            c.setInjured(1 + tail(random, moreInjured));
        }
        if (random.nextDouble() < pTrapped) {
            c.setTrapped(1 + tail(random, moreTrapped));
        }
        if (random.nextDouble() < pDead) {
            c.setDead(1 + tail(random, 0.2));
        }
        if (random.nextDouble() < pMissing) {
            c.setMissing(1 + tail(random, 0.3));
        }
        return c.build();
    }

    String description(Random random) {
        return descriptions.get(random.nextInt(descriptions.size()));
    }

    /** How many more beyond the first: each further one with probability {@code p}, capped. */
    private static int tail(Random random, double p) {
        int n = 0;
        while (n < 60 && random.nextDouble() < p) {
            n++;
        }
        return n;
    }

    /**
     * The mix of reports. Weights are shares of all 110/119 reports: traffic
     * accidents and public-security calls dominate, building fires are next,
     * the rest is a thin tail.
     */
    static final List<IncidentProfile> ALL = List.of(
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, Agency.AGENCY_POLICE, 30, true,
                    List.of("两车相撞，车辆受损，请求处理", "一辆电动车与小轿车发生碰撞，骑车人倒地",
                            "货车与轿车追尾，占用两条车道", "车辆撞上护栏，司机被困车内情况不明",
                            "行人被车辆刮倒，肇事车辆未驶离"),
                    0.3, 0.45, 0.03, 0.3, 0.015, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_PUBLIC_SECURITY, Agency.AGENCY_POLICE, 28, false,
                    List.of("饭店内有人酒后打架", "报警人称家中被盗，门锁被撬", "有人在小区门口持械滋事",
                            "电动车在楼下被盗", "邻里纠纷，双方发生推搡", "有人在商场内实施扒窃，已被群众控制"),
                    0.12, 0.3, 0, 0, 0.002, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_MEDICAL, Agency.AGENCY_POLICE, 6, false,
                    List.of("老人在路边晕倒，意识不清", "有人在公交站突发心脏不适", "一名儿童从高处跌落"),
                    1.0, 0.05, 0, 0, 0.03, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_MASS_GATHERING, Agency.AGENCY_POLICE, 2, false,
                    List.of("约百人在工地门口聚集讨要工资", "商场促销人员拥挤，秩序混乱", "广场活动人员过多，出口拥堵"),
                    0.05, 0.3, 0, 0, 0, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_MULTI_VEHICLE_PILEUP, Agency.AGENCY_POLICE, 1, true,
                    List.of("多车连环相撞，现场有人受伤", "团雾路段发生多车追尾，车辆拥堵"),
                    0.8, 0.6, 0.4, 0.5, 0.15, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_OTHER, Agency.AGENCY_POLICE, 4, false,
                    List.of("路面井盖缺失，存在安全隐患", "有人走失，家属求助寻找", "道路上有大量散落物"),
                    0.02, 0, 0, 0, 0, 0.1),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Agency.AGENCY_FIRE, 12, false,
                    List.of("住户家中起火，有浓烟从窗户冒出", "沿街商铺起火，火势较大", "厂房内起火，有明火",
                            "仓库起火，浓烟很大", "楼道内电动车起火", "停车场内车辆自燃"),
                    0.1, 0.3, 0.05, 0.4, 0.01, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_FIRE_FOREST, Agency.AGENCY_FIRE, 1.5, false,
                    List.of("山上起火，火势沿山坡蔓延", "林地内有烟雾升起，疑似起火", "荒草着火，风大蔓延较快"),
                    0.02, 0, 0, 0, 0, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS, Agency.AGENCY_FIRE, 1.5, false,
                    List.of("危化品运输车发生泄漏，有刺激性气味", "化工厂储罐泄漏，现场有白色烟雾",
                            "加油站卸油时发生泄漏"),
                    0.15, 0.5, 0.02, 0.3, 0.01, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING, Agency.AGENCY_FIRE, 3, false,
                    List.of("路段积水深约半米，有车辆熄火被困", "地下车库进水，水位上涨", "下穿隧道积水，有人被困车中"),
                    0.02, 0, 0.3, 0.4, 0.005, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_PERSON_TRAPPED, Agency.AGENCY_FIRE, 6.5, false,
                    List.of("电梯故障，有人被困轿厢内", "有人被困阳台外侧", "儿童手指卡在设备中", "有人被反锁在屋内，情况不明"),
                    0.1, 0.2, 1.0, 0.25, 0.005, 0),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_BUILDING_COLLAPSE, Agency.AGENCY_FIRE, 0.5, false,
                    List.of("一处老旧房屋部分坍塌", "施工工地墙体倒塌，疑有人员被压"),
                    0.5, 0.5, 0.5, 0.5, 0.1, 0.2),
            new IncidentProfile(IncidentCategory.INCIDENT_CATEGORY_FLOOD_RESCUE, Agency.AGENCY_FIRE, 0.5, false,
                    List.of("河水上涨，有人被困河中沙洲", "有人落水，正在下游漂流"),
                    0.1, 0.2, 0.8, 0.5, 0.05, 0.3));
}
