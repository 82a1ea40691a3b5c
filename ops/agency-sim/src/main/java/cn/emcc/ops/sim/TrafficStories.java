package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes the life of traffic conditions as a traffic management centre
 * reports them: a congestion that may worsen and then clears, a closure
 * that is reopened later (cleared = true), an accident stretch, road works,
 * icing on an expressway. Later messages carry the same condition id and
 * replace the earlier ones.
 */
final class TrafficStories {

    /** One condition message and when (from the scenario's start) it is sent. */
    record Step(Duration at, TrafficCondition condition) {
    }

    private static final Weighted<TrafficConditionType> TYPES = Weighted.<TrafficConditionType>builder()
            .add(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION, 50)
            .add(TrafficConditionType.TRAFFIC_CONDITION_TYPE_ACCIDENT, 15)
            .add(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE, 12)
            .add(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONSTRUCTION, 8)
            .add(TrafficConditionType.TRAFFIC_CONDITION_TYPE_ICING, 15)
            .build();

    private final Instant origin;
    private final double pace;
    private final List<Road> expressways = Roads.ALL.stream().filter(Road::expressway).toList();

    /** @param pace 1.0 clears a closure 5–15 minutes after it is reported; 0.5 twice as fast */
    TrafficStories(Instant origin, double pace) {
        this.origin = origin;
        this.pace = pace;
    }

    List<Step> random(Random random, Duration at, String conditionId) {
        TrafficConditionType type = TYPES.pick(random);
        boolean urbanAllowed = type == TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION
                || type == TrafficConditionType.TRAFFIC_CONDITION_TYPE_ACCIDENT;
        Road road = urbanAllowed ? Callers.pick(Roads.ALL, random) : Callers.pick(expressways, random);
        double stretchKm = switch (type) {
            case TRAFFIC_CONDITION_TYPE_CLOSURE -> 5 + random.nextDouble() * 25;
            case TRAFFIC_CONDITION_TYPE_ACCIDENT -> 1 + random.nextDouble() * 2;
            case TRAFFIC_CONDITION_TYPE_ICING -> 10 + random.nextDouble() * 30;
            case TRAFFIC_CONDITION_TYPE_CONSTRUCTION -> 2 + random.nextDouble() * 6;
            default -> 2 + random.nextDouble() * 10;
        };
        double length = road.lengthKm();
        stretchKm = Math.min(stretchKm, length * 0.8);
        double from = random.nextDouble() * (length - stretchKm);
        double to = from + stretchKm;
        boolean towardsLast = random.nextBoolean();
        String direction = towardsLast ? road.towardsLast() : road.towardsFirst();
        String name = road.expressway()
                ? road.label() + " K" + Math.round(road.kmAtFirstPoint() + from) + "-K"
                  + Math.round(road.kmAtFirstPoint() + to) + " " + direction
                : road.label() + " " + direction;
        List<GeoPoint> line = road.stretch(from, to);
        if (!towardsLast) {
            line = new ArrayList<>(line);
            Collections.reverse(line);
        }
        Instant observed = origin.plus(at).minusSeconds(30 + random.nextInt(90));
        Instant validUntil = observed.plus(Duration.ofMinutes(60 + random.nextInt(180)));
        TrafficCondition.Builder first = TrafficCondition.newBuilder()
                .setConditionId(conditionId)
                .setType(type)
                .setRoadName(name)
                .setSegment(LineString.newBuilder().addAllPoints(line))
                .setObservedAt(Times.timestamp(observed))
                .setValidUntil(Times.timestamp(validUntil));
        List<Step> steps = new ArrayList<>();
        switch (type) {
            case TRAFFIC_CONDITION_TYPE_CONGESTION -> {
                first.setSpeedKmh(road.expressway() ? 8 + random.nextInt(28) : 5 + random.nextInt(16))
                        .setDescription(Callers.pick(List.of("车流量大，行驶缓慢", "出口排队，车辆缓行",
                                "前方事故处置完毕，车辆排队缓行"), random));
                steps.add(new Step(at, first.build()));
                Duration later = at;
                if (random.nextDouble() < 0.4) {
                    later = later.plus(scaled(Duration.ofSeconds(120 + random.nextInt(180))));
                    steps.add(new Step(later, first.clone()
                            .setSpeedKmh(5 + random.nextInt(10))
                            .setObservedAt(Times.timestamp(origin.plus(later).minusSeconds(30)))
                            .setDescription("拥堵加剧，排队长度增加").build()));
                }
                if (random.nextDouble() < 0.7) {
                    later = later.plus(scaled(Duration.ofSeconds(300 + random.nextInt(600))));
                    steps.add(cleared(first, later, "拥堵已消散，恢复正常通行"));
                }
            }
            case TRAFFIC_CONDITION_TYPE_CLOSURE -> {
                first.setDescription(Callers.pick(List.of("因交通事故处置，" + direction + "临时封闭",
                        "因大雾实施交通管制，" + direction + "入口封闭", "因危化品车辆事故，" + direction + "全线封闭"),
                        random));
                steps.add(new Step(at, first.build()));
                steps.add(cleared(first, at.plus(scaled(Duration.ofSeconds(300 + random.nextInt(600)))),
                        "封闭解除，恢复通行"));
            }
            case TRAFFIC_CONDITION_TYPE_ACCIDENT -> {
                first.setSpeedFactor(round2(0.2 + random.nextDouble() * 0.3))
                        .setDescription("发生交通事故，占用" + (1 + random.nextInt(2)) + "条车道");
                steps.add(new Step(at, first.build()));
                steps.add(cleared(first, at.plus(scaled(Duration.ofSeconds(180 + random.nextInt(420)))),
                        "事故车辆已移除，恢复通行"));
            }
            case TRAFFIC_CONDITION_TYPE_CONSTRUCTION -> steps.add(new Step(at, first
                    .setSpeedKmh(40 + random.nextInt(21))
                    .setDescription("道路养护施工，单车道通行").build()));
            default -> {
                first.setSpeedFactor(round2(0.4 + random.nextDouble() * 0.2))
                        .setDescription("路面结冰，车辆减速慢行，注意保持车距");
                steps.add(new Step(at, first.build()));
                if (random.nextBoolean()) {
                    steps.add(cleared(first, at.plus(scaled(Duration.ofSeconds(600 + random.nextInt(600)))),
                            "融冰作业完成，路面恢复正常"));
                }
            }
        }
        return steps;
    }

    private Step cleared(TrafficCondition.Builder first, Duration at, String description) {
        Instant observed = origin.plus(at).minusSeconds(20);
        TrafficCondition.Builder end = first.clone()
                .setCleared(true)
                .setObservedAt(Times.timestamp(observed))
                .setDescription(description);
        if (end.getType() != TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE) {
            end.setSpeedFactor(1.0);
        }
        Instant validUntil = Times.instant(first.getValidUntil());
        if (!validUntil.isAfter(observed)) {
            end.setValidUntil(Times.timestamp(observed.plus(Duration.ofMinutes(10))));
        }
        return new Step(at, end.build());
    }

    private Duration scaled(Duration d) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * pace)));
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

}
