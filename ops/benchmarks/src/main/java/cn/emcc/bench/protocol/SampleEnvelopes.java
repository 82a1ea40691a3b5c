package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.BuildingType;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.FireDetails;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.UnitPosition;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitStatusReport;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.Timestamp;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One envelope of every payload kind, shaped like what the agencies in Jinan
 * send: real-looking ids, Chinese text, points inside Shandong, and every
 * field a real system fills. All times are around {@link #SENT}, so a
 * validator run with a clock fixed at {@link #RECEIVED} accepts them.
 */
public final class SampleEnvelopes {

    /** When every sample was sent. */
    public static final Instant SENT = Instant.parse("2026-07-12T08:30:00Z");
    /** When the gateway reads them: two seconds later. */
    public static final Instant RECEIVED = SENT.plusSeconds(2);

    // 泉城广场, Lixia district, Jinan.
    private static final GeoPoint QUANCHENG_SQUARE = point(117.0196, 36.6617);
    private static final String LIXIA = "370102";

    private SampleEnvelopes() {
    }

    /** How to build the envelope of each payload kind, in MessageKind order; each call builds a new one. */
    public static Map<MessageKind, Supplier<Envelope>> factories() {
        Map<MessageKind, Supplier<Envelope>> all = new EnumMap<>(MessageKind.class);
        all.put(MessageKind.MESSAGE_KIND_POLICE_REPORT, SampleEnvelopes::policeReport);
        all.put(MessageKind.MESSAGE_KIND_FIRE_ALARM, SampleEnvelopes::fireAlarm);
        all.put(MessageKind.MESSAGE_KIND_WEATHER_WARNING, SampleEnvelopes::weatherWarning);
        all.put(MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION, SampleEnvelopes::trafficCondition);
        all.put(MessageKind.MESSAGE_KIND_UNIT_POSITION, SampleEnvelopes::unitPosition);
        all.put(MessageKind.MESSAGE_KIND_UNIT_STATUS, SampleEnvelopes::unitStatus);
        all.put(MessageKind.MESSAGE_KIND_DISPATCH_ORDER, SampleEnvelopes::dispatchOrder);
        all.put(MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT, SampleEnvelopes::orderAcknowledgement);
        all.put(MessageKind.MESSAGE_KIND_ORDER_PROGRESS, SampleEnvelopes::orderProgress);
        return Collections.unmodifiableMap(all);
    }

    /** One envelope per payload kind, in MessageKind order. */
    public static Map<MessageKind, Envelope> byKind() {
        Map<MessageKind, Envelope> all = new EnumMap<>(MessageKind.class);
        factories().forEach((kind, factory) -> all.put(kind, factory.get()));
        return Collections.unmodifiableMap(all);
    }

    /** The kinds as JMH parameter values. */
    public static String[] kindNames() {
        return factories().keySet().stream().map(Enum::name).toArray(String[]::new);
    }

    static Envelope policeReport() {
        return envelope("0b6a3c1e-2f4d-4e8a-9b1c-5d7e9f10a201", Agency.AGENCY_POLICE, "jinan-110-cad-1",
                MessageKind.MESSAGE_KIND_POLICE_REPORT)
                .setPoliceReport(PoliceReport.newBuilder()
                        .setReportId("JN110-20260712-004711")
                        .setReportedAt(at(-95))
                        .setLocation(location(point(117.0342, 36.6685),
                                "历下区解放路与历山路交叉口东北角", LIXIA, 25))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT)
                        .setDescription("两辆小型轿车相撞，一人被困驾驶室，车辆漏油，报警人称现场有烟。")
                        .setCasualties(Casualties.newBuilder().setCallers(2).setInjured(1).setTrapped(1))
                        .setCallerNumberMasked("138****1234")
                        .setReportingStation("济南市公安局110指挥中心"))
                .build();
    }

    static Envelope fireAlarm() {
        return envelope("1c7b4d2f-3a5e-4f9b-8c2d-6e8fa0b1b302", Agency.AGENCY_FIRE, "jinan-119-cad-1",
                MessageKind.MESSAGE_KIND_FIRE_ALARM)
                .setFireAlarm(FireAlarm.newBuilder()
                        .setAlarmId("JN119-20260712-000318")
                        .setReportedAt(at(-60))
                        .setLocation(location(point(117.0051, 36.6702), "历下区泉城路188号恒隆广场北侧住宅楼",
                                LIXIA, 15))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                        .setDescription("高层住宅12楼厨房起火，浓烟从窗口冒出，楼内有老人未撤出。")
                        .setCasualties(Casualties.newBuilder().setCallers(3).setTrapped(2))
                        .setFire(FireDetails.newBuilder()
                                .setBuildingType(BuildingType.BUILDING_TYPE_HIGH_RISE_RESIDENTIAL)
                                .setFloorsAboveGround(28)
                                .setFireFloor(12)
                                .setSmokeVisible(true)
                                .setEstimatedAreaM2(40)))
                .build();
    }

    static Envelope weatherWarning() {
        return envelope("2d8c5e3a-4b6f-4a0c-9d3e-7f9ab1c2c403", Agency.AGENCY_WEATHER, "jinan-cma-cap-1",
                MessageKind.MESSAGE_KIND_WEATHER_WARNING)
                .setExpires(at(6 * 3600))
                .setWeatherWarning(WeatherWarning.newBuilder()
                        .setIdentifier("37010041600000_20260712083000")
                        .setIssuer("济南市气象台")
                        .setIssuedAt(at(0))
                        .setMsgType(WarningMsgType.WARNING_MSG_TYPE_ALERT)
                        .setHazard(Hazard.HAZARD_RAINSTORM)
                        .setColour(WarningColour.WARNING_COLOUR_ORANGE)
                        .setOnset(at(0))
                        .setExpires(at(6 * 3600))
                        .setHeadline("济南市气象台发布暴雨橙色预警信号")
                        .setDescription("预计未来3小时内，历下区、市中区、槐荫区、天桥区、历城区降雨量将达50毫米以上，"
                                + "局部伴有雷电和短时大风，请注意防范。")
                        .setInstruction("政府及相关部门按照职责做好防暴雨应急工作；切断有危险的室外电源，暂停户外作业；"
                                + "处于危险地带的单位应当停课、停业，采取专门措施保护已到校学生、幼儿和其他上班人员的安全。")
                        .addAreas(WarningArea.newBuilder()
                                .setDescription("济南市主城区")
                                .addPolygons(jinanUrbanArea())
                                .addAdcodes("370102").addAdcodes("370103").addAdcodes("370104")
                                .addAdcodes("370105").addAdcodes("370112"))
                        .setUrgency(Urgency.URGENCY_IMMEDIATE)
                        .setSeverity(Severity.SEVERITY_SEVERE)
                        .setCertainty(Certainty.CERTAINTY_LIKELY)
                        .setLanguage("zh-CN"))
                .build();
    }

    static Envelope trafficCondition() {
        return envelope("3e9d6f4b-5c7a-4b1d-8e4f-80abc2d3d504", Agency.AGENCY_TRAFFIC, "sd-traffic-police-1",
                MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION)
                .setTrafficCondition(TrafficCondition.newBuilder()
                        .setConditionId("SDJJ-G2-K412-20260712-01")
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION)
                        .setRoadName("G2 京沪高速 K412-K420")
                        .setSegment(LineString.newBuilder()
                                .addPoints(point(116.9480, 36.7402)).addPoints(point(116.9612, 36.7388))
                                .addPoints(point(116.9755, 36.7361)).addPoints(point(116.9901, 36.7335))
                                .addPoints(point(117.0046, 36.7310)).addPoints(point(117.0188, 36.7282))
                                .addPoints(point(117.0331, 36.7260)).addPoints(point(117.0475, 36.7241)))
                        .setSpeedKmh(18)
                        .setObservedAt(at(-30))
                        .setValidUntil(at(3600))
                        .setDescription("事故处置导致由北向南方向车辆缓行约8公里。"))
                .build();
    }

    static Envelope unitPosition() {
        return envelope("4fa07a5c-6d8b-4c2e-9f5a-91bcd3e4e605", Agency.AGENCY_FIRE, "jinan-119-avl-1",
                MessageKind.MESSAGE_KIND_UNIT_POSITION)
                .setUnitPosition(UnitPosition.newBuilder()
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setPosition(point(117.0288, 36.6650))
                        .setFixedAt(at(-3))
                        .setSpeedKmh(42.5)
                        .setHeadingDegrees(271.0)
                        .setAccuracyMeters(5))
                .build();
    }

    static Envelope unitStatus() {
        return envelope("50b18b6d-7e9c-4d3f-8a6b-a2cde4f5f706", Agency.AGENCY_FIRE, "jinan-119-cad-1",
                MessageKind.MESSAGE_KIND_UNIT_STATUS)
                .setUnitStatus(UnitStatusReport.newBuilder()
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setStatus(UnitStatus.UNIT_STATUS_EN_ROUTE)
                        .setChangedAt(at(-20))
                        .setOrderId("ORD-370102-20260712-0007")
                        .setRemark("已出车，预计6分钟到达"))
                .build();
    }

    static Envelope dispatchOrder() {
        return envelope("61c29c7e-8fad-4e4a-9b7c-b3def5a6a807", Agency.AGENCY_EMERGENCY_MGMT, "emcc-jinan-1",
                MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setDispatchOrder(DispatchOrder.newBuilder()
                        .setOrderId("ORD-370102-20260712-0007")
                        .setIncidentId("INC-370102-20260712-0031")
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setAgency(Agency.AGENCY_FIRE)
                        .setAction(OrderAction.ORDER_ACTION_RESPOND)
                        .setLocation(location(point(117.0051, 36.6702), "历下区泉城路188号恒隆广场北侧住宅楼",
                                LIXIA, 15))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                        .setGrade(Grade.GRADE_IV)
                        .setInstructions("高层住宅火灾，12楼，2人被困，携带举高设备，从泉城路北侧进入。")
                        .setIssuedAt(at(-10))
                        .setAcknowledgeBy(at(50))
                        .setIssuingNode(LIXIA))
                .build();
    }

    static Envelope orderAcknowledgement() {
        return envelope("72d3ad8f-90be-4f5b-8c8d-c4ef06b7b908", Agency.AGENCY_FIRE, "jinan-119-cad-1",
                MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT)
                .setOrderAcknowledgement(OrderAcknowledgement.newBuilder()
                        .setOrderId("ORD-370102-20260712-0007")
                        .setDecision(OrderDecision.ORDER_DECISION_ACCEPTED)
                        .setDecidedAt(at(-5)))
                .build();
    }

    static Envelope orderProgress() {
        return envelope("83e4be90-a1cf-4a6c-9d9e-d5f017c8ca09", Agency.AGENCY_FIRE, "jinan-119-cad-1",
                MessageKind.MESSAGE_KIND_ORDER_PROGRESS)
                .setOrderProgress(OrderProgress.newBuilder()
                        .setOrderId("ORD-370102-20260712-0007")
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setStage(OrderStage.ORDER_STAGE_ON_SCENE)
                        .setAt(at(-1))
                        .setPosition(point(117.0053, 36.6700))
                        .setRemark("到场，开始内攻搜救"))
                .build();
    }

    private static Envelope.Builder envelope(String messageId, Agency agency, String systemId, MessageKind kind) {
        return Envelope.newBuilder()
                .setMessageId(messageId)
                .setSender(Sender.newBuilder().setAgency(agency).setSystemId(systemId).setAdcode("370100"))
                .setSent(at(0))
                .setKind(kind)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL);
    }

    // A closed ring around Jinan's central districts, clockwise from the north-west.
    private static Polygon jinanUrbanArea() {
        double[][] ring = {
                {116.85, 36.75}, {116.95, 36.78}, {117.05, 36.78}, {117.15, 36.76}, {117.22, 36.72},
                {117.25, 36.66}, {117.22, 36.60}, {117.15, 36.56}, {117.05, 36.55}, {116.95, 36.57},
                {116.88, 36.61}, {116.84, 36.68}, {116.85, 36.75}};
        Polygon.Builder polygon = Polygon.newBuilder();
        for (double[] p : ring) {
            polygon.addRing(point(p[0], p[1]));
        }
        return polygon.build();
    }

    private static Location location(GeoPoint point, String address, String adcode, double accuracyMeters) {
        return Location.newBuilder().setPoint(point).setAddress(address).setAdcode(adcode)
                .setAccuracyMeters(accuracyMeters).build();
    }

    private static GeoPoint point(double longitude, double latitude) {
        return GeoPoint.newBuilder().setLongitude(longitude).setLatitude(latitude).build();
    }

    private static Timestamp at(long secondsFromSent) {
        return Timestamp.newBuilder().setSeconds(SENT.getEpochSecond() + secondsFromSent).build();
    }
}
