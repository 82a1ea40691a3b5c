package cn.emcc.command.gateway;

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
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderDecision;
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

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static cn.emcc.command.testsupport.Envelopes.location;
import static cn.emcc.command.testsupport.Envelopes.ts;

/**
 * Valid envelopes of each kind an agency system sends, stamped against the
 * real clock with fresh ids, as builders for a test to corrupt one field of.
 * Each is accepted by the validator as it comes.
 */
final class AgencyMessages {

    /** Central Jinan, where the bad warnings point so that a wrongly applied one would touch incidents. */
    static final Polygon JINAN_AREA = ring(116.80, 36.40, 117.40, 36.40, 117.40, 36.90, 116.80, 36.90);

    private AgencyMessages() {
    }

    static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Envelope.Builder envelope(Agency agency, MessageKind kind) {
        String who = agency.name().substring("AGENCY_".length()).toLowerCase();
        return Envelope.newBuilder()
                .setMessageId(freshId(who))
                .setSender(Sender.newBuilder().setAgency(agency).setSystemId("hostile-test-" + who).setAdcode("370000"))
                .setSent(ago(Duration.ofSeconds(2)))
                .setKind(kind)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL);
    }

    static Envelope.Builder policeReport(double lon, double lat) {
        return envelope(Agency.AGENCY_POLICE, MessageKind.MESSAGE_KIND_POLICE_REPORT)
                .setPoliceReport(PoliceReport.newBuilder()
                        .setReportId(freshId("110").substring(0, 16))
                        .setReportedAt(ago(Duration.ofSeconds(30)))
                        .setLocation(location(lon, lat, "济南市历下区经十路"))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT)
                        .setDescription("两车剐蹭，无人受伤")
                        .setCasualties(Casualties.newBuilder().setCallers(1))
                        .setCallerNumberMasked("139****5678")
                        .setReportingStation("济南市公安局110指挥中心"));
    }

    static Envelope.Builder fireAlarm(double lon, double lat) {
        return envelope(Agency.AGENCY_FIRE, MessageKind.MESSAGE_KIND_FIRE_ALARM)
                .setFireAlarm(FireAlarm.newBuilder()
                        .setAlarmId(freshId("119").substring(0, 16))
                        .setReportedAt(ago(Duration.ofSeconds(30)))
                        .setLocation(location(lon, lat, "济南市历下区泉城路"))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                        .setDescription("居民楼冒烟")
                        .setCasualties(Casualties.newBuilder().setCallers(1))
                        .setFire(FireDetails.newBuilder().setBuildingType(BuildingType.BUILDING_TYPE_RESIDENTIAL)
                                .setFloorsAboveGround(18).setFireFloor(7).setSmokeVisible(true)));
    }

    /** A rainstorm alert over {@code area}, in force for an hour. */
    static Envelope.Builder weatherAlert(Polygon area) {
        return envelope(Agency.AGENCY_WEATHER, MessageKind.MESSAGE_KIND_WEATHER_WARNING)
                .setWeatherWarning(WeatherWarning.newBuilder()
                        .setIdentifier(freshId("37000041600000"))
                        .setIssuer("山东省气象台")
                        .setIssuedAt(ago(Duration.ofSeconds(60)))
                        .setMsgType(WarningMsgType.WARNING_MSG_TYPE_ALERT)
                        .setHazard(Hazard.HAZARD_RAINSTORM)
                        .setColour(WarningColour.WARNING_COLOUR_BLUE)
                        .setExpires(ahead(Duration.ofHours(1)))
                        .setHeadline("山东省气象台发布暴雨蓝色预警信号")
                        .setDescription("预计未来12小时内局地降雨量将达50毫米以上。")
                        .addAreas(WarningArea.newBuilder().setDescription("预警区域").addPolygons(area))
                        .setUrgency(Urgency.URGENCY_EXPECTED)
                        .setSeverity(Severity.SEVERITY_MINOR)
                        .setCertainty(Certainty.CERTAINTY_LIKELY)
                        .setLanguage("zh-CN"));
    }

    /** A CANCEL of the warnings named; CAP allows it without an area. */
    static Envelope.Builder weatherCancel(String... references) {
        Envelope.Builder e = weatherAlert(JINAN_AREA);
        e.getWeatherWarningBuilder().setMsgType(WarningMsgType.WARNING_MSG_TYPE_CANCEL).clearAreas()
                .clearExpires();
        for (String r : references) {
            e.getWeatherWarningBuilder().addReferences(r);
        }
        return e;
    }

    /** Congestion on a stretch of road near {@code lon, lat}, valid for an hour. */
    static Envelope.Builder trafficCondition(double lon, double lat) {
        return envelope(Agency.AGENCY_TRAFFIC, MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION)
                .setTrafficCondition(TrafficCondition.newBuilder()
                        .setConditionId(freshId("G2"))
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION)
                        .setRoadName("G2 京沪高速")
                        .setSegment(LineString.newBuilder().addPoints(point(lon, lat))
                                .addPoints(point(lon + 0.02, lat - 0.03)))
                        .setSpeedKmh(25)
                        .setObservedAt(ago(Duration.ofSeconds(60)))
                        .setValidUntil(ahead(Duration.ofHours(1)))
                        .setDescription("车辆缓行"));
    }

    static Envelope.Builder unitStatus(Agency agency, String unitId) {
        return envelope(agency, MessageKind.MESSAGE_KIND_UNIT_STATUS)
                .setUnitStatus(UnitStatusReport.newBuilder()
                        .setUnitId(unitId)
                        .setStatus(UnitStatus.UNIT_STATUS_EN_ROUTE)
                        .setChangedAt(ago(Duration.ofSeconds(20)))
                        .setRemark("已出车"));
    }

    static Envelope.Builder unitPosition(Agency agency, String unitId) {
        return envelope(agency, MessageKind.MESSAGE_KIND_UNIT_POSITION)
                .setUnitPosition(UnitPosition.newBuilder()
                        .setUnitId(unitId)
                        .setPosition(point(117.0512, 36.6705))
                        .setFixedAt(ago(Duration.ofSeconds(5)))
                        .setSpeedKmh(40)
                        .setHeadingDegrees(90)
                        .setAccuracyMeters(8));
    }

    static Envelope.Builder orderAcknowledgement(Agency agency, String orderId) {
        return envelope(agency, MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT)
                .setOrderAcknowledgement(OrderAcknowledgement.newBuilder()
                        .setOrderId(orderId)
                        .setDecision(OrderDecision.ORDER_DECISION_ACCEPTED)
                        .setDecidedAt(ago(Duration.ofSeconds(5))));
    }

    /** An order as only emcc may send it, here with an agency's sender. */
    static Envelope.Builder dispatchOrder(Agency sender) {
        return envelope(sender, MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setDispatchOrder(DispatchOrder.newBuilder()
                        .setOrderId(freshId("ORD"))
                        .setIncidentId("370102-20260712-0001")
                        .setUnitId("JN-POLICE-LIXIA-P1")
                        .setAgency(Agency.AGENCY_POLICE)
                        .setAction(OrderAction.ORDER_ACTION_RESPOND)
                        .setLocation(location(117.0205, 36.6612, "济南市历下区泉城广场"))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT)
                        .setGrade(Grade.GRADE_IV)
                        .setInstructions("立即出警")
                        .setIssuedAt(ago(Duration.ofSeconds(10)))
                        .setAcknowledgeBy(ahead(Duration.ofSeconds(90)))
                        .setIssuingNode("370102"));
    }

    static GeoPoint point(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }

    /** A polygon through the lon/lat pairs given, closed by repeating the first. */
    static Polygon ring(double... lonLat) {
        return open(lonLat).toBuilder().addRing(point(lonLat[0], lonLat[1])).build();
    }

    /** The same points without the closing one. */
    static Polygon open(double... lonLat) {
        Polygon.Builder p = Polygon.newBuilder();
        for (int i = 0; i < lonLat.length; i += 2) {
            p.addRing(point(lonLat[i], lonLat[i + 1]));
        }
        return p.build();
    }

    static com.google.protobuf.Timestamp ago(Duration d) {
        return ts(Instant.now().minus(d));
    }

    static com.google.protobuf.Timestamp ahead(Duration d) {
        return ts(Instant.now().plus(d));
    }
}
