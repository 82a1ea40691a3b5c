package cn.emcc.ops.sim;

import cn.emcc.protocols.cap.CmaHazards;
import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningReference;
import cn.emcc.protocols.v1.WeatherWarning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes the life of weather warnings the way a city meteorological office
 * issues them: an ALERT, zero or more UPDATEs that raise the colour, and a
 * CANCEL. Each UPDATE and the CANCEL reference every earlier alert of the
 * story (CAP sender, identifier, sent). Every warning passes through CAP XML
 * ({@link CmaFeed}) before it is handed on.
 */
final class WarningStories {

    /** One warning of a story and when (from the scenario's start) it is issued. */
    record Step(Duration at, WeatherWarning warning) {
    }

    private record HazardSpec(Hazard hazard, List<String> cities, List<List<WarningColour>> paths,
                              String forecast, String instruction) {
    }

    private static final WarningColour B = WarningColour.WARNING_COLOUR_BLUE;
    private static final WarningColour Y = WarningColour.WARNING_COLOUR_YELLOW;
    private static final WarningColour O = WarningColour.WARNING_COLOUR_ORANGE;
    private static final WarningColour R = WarningColour.WARNING_COLOUR_RED;
    private static final String JINAN = "370100";
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(BEIJING);
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy年MM月dd日HH时mm分").withZone(BEIJING);
    private static final List<String> COAST = List.of("370200", "370500", "370600", "370700", "371000", "371100");
    private static final List<String> INLAND_WEST = List.of("370100", "370800", "371400", "371500", "371600", "371700");
    private static final List<String> INLAND = List.of("370100", "370300", "370400", "370800", "370900", "371300",
            "371400", "371500", "371700");

    private static final HazardSpec RAINSTORM = new HazardSpec(Hazard.HAZARD_RAINSTORM, List.of(),
            List.of(List.of(Y, O), List.of(Y, O, R), List.of(B, Y), List.of(Y)),
            "预计未来6小时内将出现50毫米以上降雨，局部伴有雷电和短时大风",
            "注意防范城市内涝、山洪和地质灾害，驾车避开积水路段，减少户外活动。");

    private static final Weighted<HazardSpec> HAZARDS = Weighted.<HazardSpec>builder()
            .add(RAINSTORM, 4)
            .add(new HazardSpec(Hazard.HAZARD_HEAVY_FOG, INLAND_WEST, List.of(List.of(Y, O), List.of(Y), List.of(O, R)),
                    "预计未来12小时内将出现能见度小于500米的浓雾",
                    "驾驶人员注意雾的变化，小心驾驶；高速公路采取限速或封闭管制措施。"), 2)
            .add(new HazardSpec(Hazard.HAZARD_GALE, COAST, List.of(List.of(B, Y), List.of(Y, O), List.of(B)),
                    "预计未来24小时内沿海海面将出现8级以上大风",
                    "船舶回港避风，停止高空和水上作业，加固易被风吹动的搭建物。"), 2)
            .add(new HazardSpec(Hazard.HAZARD_ROAD_ICING, List.of(), List.of(List.of(Y, O), List.of(Y)),
                    "预计未来12小时内将出现对交通有影响的道路结冰",
                    "车辆减速慢行，注意防滑；交通部门做好道路融冰工作。"), 1)
            .add(new HazardSpec(Hazard.HAZARD_LIGHTNING, List.of(), List.of(List.of(Y, O), List.of(Y)),
                    "预计未来6小时内可能发生雷电活动，可能会造成雷电灾害事故",
                    "户外人员尽快躲入有防雷设施的建筑物内，切勿在树下、电杆下躲雨。"), 2)
            .add(new HazardSpec(Hazard.HAZARD_HEAT_WAVE, INLAND, List.of(List.of(Y, O), List.of(O, R), List.of(Y)),
                    "预计未来3天连续出现日最高气温35℃以上",
                    "避免在高温时段进行户外作业，注意防暑降温。"), 1.5)
            .add(new HazardSpec(Hazard.HAZARD_TYPHOON, List.of("370200", "370600", "371000", "371100"),
                    List.of(List.of(B, Y, O), List.of(B, Y)),
                    "预计未来24小时内可能受热带气旋影响，平均风力可达8级以上",
                    "停止露天集体活动，船舶回港避风，危险地带人员撤离。"), 0.5)
            .add(new HazardSpec(Hazard.HAZARD_BLIZZARD, List.of("370600", "371000"), List.of(List.of(Y, O), List.of(B, Y)),
                    "预计未来12小时内降雪量将达6毫米以上，或者已达6毫米以上且降雪持续",
                    "注意道路结冰，驾车减速慢行，减少户外活动。"), 0.5)
            .build();

    private final Places places;
    private final Instant origin;
    private final double pace;
    private final CmaFeed feed = new CmaFeed();
    private final Set<String> identifiers = new HashSet<>();

    /**
     * @param pace how fast the story runs: 1.0 upgrades after 3–8 minutes and cancels 6–15 minutes after the
     *             last one; 0.5 twice as fast
     */
    WarningStories(Places places, Instant origin, double pace) {
        this.places = places;
        this.origin = origin;
        this.pace = pace;
    }

    /** The opening story of every scenario: Jinan's yellow rainstorm warning, raised to orange and red, then cancelled. */
    List<Step> jinanRainstorm(Random random, Duration at) {
        return story(random, at, RAINSTORM, JINAN, List.of(Y, O, R));
    }

    List<Step> random(Random random, Duration at) {
        HazardSpec spec = HAZARDS.pick(random);
        String city = spec.cities().isEmpty()
                ? places.pick(random).cityAdcode()
                : spec.cities().get(random.nextInt(spec.cities().size()));
        List<WarningColour> path = spec.paths().get(random.nextInt(spec.paths().size()));
        return story(random, at, spec, city, path);
    }

    private List<Step> story(Random random, Duration start, HazardSpec spec, String cityAdcode,
                             List<WarningColour> colours) {
        Place seat = places.seatOf(cityAdcode);
        String capSender = cityAdcode + "41600000";
        String issuer = seat.city() + "气象台";
        WarningArea area = area(random, cityAdcode);
        List<Step> steps = new ArrayList<>();
        List<WarningReference> earlier = new ArrayList<>();
        Duration at = start;
        for (int i = 0; i <= colours.size(); i++) {
            boolean cancel = i == colours.size();
            WarningColour colour = colours.get(cancel ? i - 1 : i);
            WarningMsgType type = i == 0 ? WarningMsgType.WARNING_MSG_TYPE_ALERT
                    : cancel ? WarningMsgType.WARNING_MSG_TYPE_CANCEL : WarningMsgType.WARNING_MSG_TYPE_UPDATE;
            Instant issued = origin.plus(at).truncatedTo(ChronoUnit.SECONDS);
            String identifier = uniqueIdentifier(capSender + "_" + ID_TIME.format(issued));
            String signal = CmaHazards.eventText(spec.hazard(), colour) + "信号";
            String issuedText = issuer + TEXT_TIME.format(issued);
            WeatherWarning.Builder w = WeatherWarning.newBuilder()
                    .setIdentifier(identifier)
                    .setIssuer(issuer)
                    .setIssuedAt(Times.timestamp(issued))
                    .setMsgType(type)
                    .setHazard(spec.hazard())
                    .setColour(colour)
                    .setOnset(Times.timestamp(issued))
                    .setSeverity(severity(colour))
                    .setLanguage("zh-CN")
                    .addAreas(area);
            for (WarningReference r : earlier) {
                w.addReferences(r.getIdentifier()).addReferenceDetails(r);
            }
            switch (type) {
                case WARNING_MSG_TYPE_ALERT -> w
                        .setHeadline(issuer + "发布" + signal)
                        .setDescription(issuedText + "发布" + signal + "：" + spec.forecast() + "。")
                        .setInstruction(spec.instruction());
                case WARNING_MSG_TYPE_UPDATE -> {
                    String before = CmaHazards.colourName(colours.get(i - 1));
                    String now = CmaHazards.colourName(colour);
                    w.setHeadline(issuer + "将" + CmaHazards.name(spec.hazard()) + before + "预警信号升级为" + now)
                            .setDescription(issuedText + "将" + CmaHazards.name(spec.hazard()) + before
                                    + "预警信号升级为" + now + "：" + spec.forecast() + "，影响将加重。")
                            .setInstruction(spec.instruction());
                }
                default -> w
                        .setHeadline(issuer + "解除" + signal)
                        .setDescription(issuedText + "解除" + signal + "：天气过程已基本结束。");
            }
            if (cancel) {
                w.setUrgency(Urgency.URGENCY_PAST).setCertainty(Certainty.CERTAINTY_OBSERVED);
            } else {
                w.setUrgency(colour == R ? Urgency.URGENCY_IMMEDIATE : Urgency.URGENCY_EXPECTED)
                        .setCertainty(Certainty.CERTAINTY_LIKELY)
                        .setExpires(Times.timestamp(issued.plus(Duration.ofHours(6 + random.nextInt(19)))));
            }
            WeatherWarning read = feed.roundTrip(w.build(), capSender);
            steps.add(new Step(at, read));
            earlier.add(WarningReference.newBuilder()
                    .setSender(capSender).setIdentifier(read.getIdentifier()).setSent(read.getIssuedAt()).build());
            long minutes = i + 1 < colours.size() ? 3 + random.nextInt(6) : 6 + random.nextInt(10);
            at = at.plus(scaled(Duration.ofMinutes(minutes).plusSeconds(random.nextInt(60))));
        }
        return steps;
    }

    /** The whole city, or two to four of its counties, with a circle around the affected part. */
    private WarningArea area(Random random, String cityAdcode) {
        List<Place> counties = places.inCity(cityAdcode);
        WarningArea.Builder area = WarningArea.newBuilder();
        Place centre;
        if (counties.size() < 3 || random.nextBoolean()) {
            centre = counties.get(0);
            area.setDescription(centre.city() + "全境").addAdcodes(cityAdcode);
        } else {
            List<Place> shuffled = new ArrayList<>(counties);
            Collections.shuffle(shuffled, random);
            List<Place> chosen = shuffled.subList(0, 2 + random.nextInt(Math.min(3, counties.size() - 1)));
            centre = chosen.get(0);
            StringBuilder names = new StringBuilder(centre.city());
            for (int i = 0; i < chosen.size(); i++) {
                names.append(i == 0 ? "" : "、").append(chosen.get(i).county());
                area.addAdcodes(chosen.get(i).adcode());
            }
            area.setDescription(names.toString());
        }
        return area.addCircles(Circle.newBuilder()
                .setCenter(centre.point())
                .setRadiusKm(20 + random.nextInt(31))).build();
    }

    private String uniqueIdentifier(String base) {
        String id = base;
        for (int n = 1; !identifiers.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private Duration scaled(Duration d) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * pace)));
    }

    private static Severity severity(WarningColour colour) {
        return switch (colour) {
            case WARNING_COLOUR_RED -> Severity.SEVERITY_EXTREME;
            case WARNING_COLOUR_ORANGE -> Severity.SEVERITY_SEVERE;
            case WARNING_COLOUR_YELLOW -> Severity.SEVERITY_MODERATE;
            default -> Severity.SEVERITY_MINOR;
        };
    }

}
