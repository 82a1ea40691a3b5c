package cn.emcc.protocols;

import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.BuildingType;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.FireDetails;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentChange;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.NodeSnapshot;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
import cn.emcc.protocols.v1.NodeSummary;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Resync;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Signature;
import cn.emcc.protocols.v1.Tier;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.UnitChange;
import cn.emcc.protocols.v1.UnitPosition;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitStatusReport;
import cn.emcc.protocols.v1.UnitView;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.Violation;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic, valid emcc.v1 messages from a Shandong deployment, one envelope
 * per payload kind plus every reply and stream message. All times are fixed
 * offsets from {@link #NOW}, so the messages are byte-for-byte stable and
 * valid under {@link #CLOCK}. Tests take one and change what they need.
 */
public final class SampleMessages {

    /** 2026-07-12 16:30 Beijing time: a summer afternoon with a rainstorm warning in force. */
    public static final Instant NOW = Instant.parse("2026-07-12T08:30:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** 泉城广场, 济南市历下区. */
    public static final GeoPoint JINAN = point(117.0196, 36.6627);
    /** 五四广场, 青岛市市南区. */
    public static final GeoPoint QINGDAO = point(120.3841, 36.0621);
    /** 天安门, 北京: plainly outside Shandong. */
    public static final GeoPoint BEIJING = point(116.40, 39.90);

    private SampleMessages() {
    }

    public static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** A time relative to {@link #NOW}: negative is in the past. */
    public static Timestamp now(Duration offset) {
        return at(NOW.plus(offset));
    }

    public static GeoPoint point(double longitude, double latitude) {
        return GeoPoint.newBuilder().setLongitude(longitude).setLatitude(latitude).build();
    }

    /** A closed ring through the given lon/lat pairs, the first repeated at the end. */
    public static Polygon ring(double... lonLat) {
        Polygon.Builder p = Polygon.newBuilder();
        for (int i = 0; i < lonLat.length; i += 2) {
            p.addRing(point(lonLat[i], lonLat[i + 1]));
        }
        return p.addRing(point(lonLat[0], lonLat[1])).build();
    }

    static Envelope.Builder envelope(String messageId, Agency agency, String systemId, String adcode,
            MessageKind kind) {
        return Envelope.newBuilder()
                .setMessageId(messageId)
                .setSender(Sender.newBuilder().setAgency(agency).setSystemId(systemId).setAdcode(adcode))
                .setSent(now(Duration.ofSeconds(-5)))
                .setKind(kind)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL);
    }

    public static Envelope policeReport() {
        return envelope("jinan-110-20260712-000457", Agency.AGENCY_POLICE, "jinan-110-cad-1", "370100",
                MessageKind.MESSAGE_KIND_POLICE_REPORT)
                .setPoliceReport(PoliceReport.newBuilder()
                        .setReportId("JN110-20260712-0457")
                        .setReportedAt(now(Duration.ofMinutes(-2)))
                        .setLocation(Location.newBuilder()
                                .setPoint(JINAN)
                                .setAddress("济南市历下区泺源大街泉城广场东口")
                                .setAdcode("370102")
                                .setAccuracyMeters(15))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT)
                        .setDescription("两车追尾，一人受伤，占用两条车道")
                        .setCasualties(Casualties.newBuilder().setCallers(3).setInjured(1))
                        .setCallerNumberMasked("138****1234")
                        .setReportingStation("济南市公安局110指挥中心"))
                .build();
    }

    public static Envelope fireAlarm() {
        return envelope("qingdao-119-20260712-000088", Agency.AGENCY_FIRE, "qingdao-119-cad-2", "370200",
                MessageKind.MESSAGE_KIND_FIRE_ALARM)
                .setFireAlarm(FireAlarm.newBuilder()
                        .setAlarmId("QD119-20260712-0088")
                        .setReportedAt(now(Duration.ofMinutes(-1)))
                        .setLocation(Location.newBuilder()
                                .setPoint(QINGDAO)
                                .setAddress("青岛市市南区东海西路35号")
                                .setAdcode("370202")
                                .setAccuracyMeters(30))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                        .setDescription("高层住宅17楼厨房起火，浓烟，楼内有人员被困")
                        .setCasualties(Casualties.newBuilder().setCallers(5).setTrapped(2))
                        .setFire(FireDetails.newBuilder()
                                .setBuildingType(BuildingType.BUILDING_TYPE_HIGH_RISE_RESIDENTIAL)
                                .setFloorsAboveGround(32)
                                .setFireFloor(17)
                                .setSmokeVisible(true)
                                .setEstimatedAreaM2(80)))
                .build();
    }

    public static Envelope weatherWarning() {
        return envelope("sd-cma-37010041600000-20260712083000", Agency.AGENCY_WEATHER, "sd-cma-cap-1", "370000",
                MessageKind.MESSAGE_KIND_WEATHER_WARNING)
                .setExpires(now(Duration.ofHours(12)))
                .setWeatherWarning(WeatherWarning.newBuilder()
                        .setIdentifier("37010041600000_20260712083000")
                        .setIssuer("济南市气象台")
                        .setIssuedAt(now(Duration.ofMinutes(-1)))
                        .setMsgType(WarningMsgType.WARNING_MSG_TYPE_ALERT)
                        .setHazard(Hazard.HAZARD_RAINSTORM)
                        .setColour(WarningColour.WARNING_COLOUR_ORANGE)
                        .setOnset(at(NOW))
                        .setExpires(now(Duration.ofHours(12)))
                        .setHeadline("济南市气象台发布暴雨橙色预警信号")
                        .setDescription("预计未来3小时内，市区及章丘区、济阳区降雨量将达50毫米以上，"
                                + "局地伴有短时强降水、雷电和7级以上大风。")
                        .setInstruction("1.政府及相关部门按照职责做好防暴雨应急工作；2.切断有危险的室外电源，暂停户外作业。")
                        .addAreas(WarningArea.newBuilder()
                                .setDescription("济南市区")
                                .addPolygons(ring(116.80, 36.50, 117.30, 36.50, 117.30, 36.80, 116.80, 36.80))
                                .addCircles(Circle.newBuilder().setCenter(point(117.00, 36.65)).setRadiusKm(30))
                                .addAdcodes("370102")
                                .addAdcodes("370103"))
                        .setUrgency(Urgency.URGENCY_EXPECTED)
                        .setSeverity(Severity.SEVERITY_SEVERE)
                        .setCertainty(Certainty.CERTAINTY_LIKELY)
                        .setLanguage("zh-CN"))
                .build();
    }

    public static Envelope trafficCondition() {
        return envelope("sd-traffic-20260712-G2-K412", Agency.AGENCY_TRAFFIC, "sd-traffic-gis-1", "370000",
                MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION)
                .setTrafficCondition(TrafficCondition.newBuilder()
                        .setConditionId("G2-K412-K420-20260712")
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION)
                        .setRoadName("G2 京沪高速 K412-K420")
                        .setSegment(LineString.newBuilder()
                                .addPoints(point(116.98, 36.55))
                                .addPoints(point(117.02, 36.48))
                                .addPoints(point(117.05, 36.40)))
                        .setSpeedKmh(25)
                        .setObservedAt(now(Duration.ofMinutes(-3)))
                        .setValidUntil(now(Duration.ofHours(2)))
                        .setDescription("暴雨导致车辆缓行"))
                .build();
    }

    public static Envelope unitPosition() {
        return envelope("jinan-119-avl-20260712-083000-e1", Agency.AGENCY_FIRE, "jinan-119-avl-1", "370100",
                MessageKind.MESSAGE_KIND_UNIT_POSITION)
                .setUnitPosition(UnitPosition.newBuilder()
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setPosition(point(117.0512, 36.6705))
                        .setFixedAt(now(Duration.ofSeconds(-10)))
                        .setSpeedKmh(42.5)
                        .setHeadingDegrees(87)
                        .setAccuracyMeters(8))
                .build();
    }

    public static Envelope unitStatus() {
        return envelope("jinan-119-status-20260712-0815", Agency.AGENCY_FIRE, "jinan-119-cad-1", "370100",
                MessageKind.MESSAGE_KIND_UNIT_STATUS)
                .setUnitStatus(UnitStatusReport.newBuilder()
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setStatus(UnitStatus.UNIT_STATUS_EN_ROUTE)
                        .setChangedAt(now(Duration.ofMinutes(-1)))
                        .setOrderId("ORD-20260712-0001")
                        .setRemark("已出车"))
                .build();
    }

    public static Envelope dispatchOrder() {
        return envelope("emcc-order-ORD-20260712-0001", Agency.AGENCY_EMERGENCY_MGMT, "emcc-province-1", "370000",
                MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setSignature(Signature.newBuilder()
                        .setKeyId("emcc-2026-07")
                        .setAlgorithm("Ed25519")
                        .setValue(ByteString.copyFrom(new byte[64])))
                .setDispatchOrder(DispatchOrder.newBuilder()
                        .setOrderId("ORD-20260712-0001")
                        .setIncidentId("INC-370102-20260712-0007")
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setAgency(Agency.AGENCY_FIRE)
                        .setAction(OrderAction.ORDER_ACTION_RESPOND)
                        .setLocation(Location.newBuilder().setPoint(JINAN).setAddress("济南市历下区泉城广场")
                                .setAdcode("370102"))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                        .setGrade(Grade.GRADE_IV)
                        .setInstructions("经泺源大街进入，注意积水路段")
                        .setIssuedAt(now(Duration.ofSeconds(-30)))
                        .setAcknowledgeBy(now(Duration.ofSeconds(90)))
                        .setIssuingNode("370102"))
                .build();
    }

    public static Envelope orderAcknowledgement() {
        return envelope("jinan-119-ack-ORD-20260712-0001", Agency.AGENCY_FIRE, "jinan-119-cad-1", "370100",
                MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT)
                .addReferences("emcc-order-ORD-20260712-0001")
                .setOrderAcknowledgement(OrderAcknowledgement.newBuilder()
                        .setOrderId("ORD-20260712-0001")
                        .setDecision(OrderDecision.ORDER_DECISION_ACCEPTED)
                        .setDecidedAt(now(Duration.ofSeconds(-20))))
                .build();
    }

    public static Envelope orderProgress() {
        return envelope("jinan-119-progress-ORD-20260712-0001-on-scene", Agency.AGENCY_FIRE, "jinan-119-cad-1",
                "370100", MessageKind.MESSAGE_KIND_ORDER_PROGRESS)
                .setOrderProgress(OrderProgress.newBuilder()
                        .setOrderId("ORD-20260712-0001")
                        .setUnitId("JN-FIRE-LIXIA-E1")
                        .setStage(OrderStage.ORDER_STAGE_ON_SCENE)
                        .setAt(now(Duration.ofSeconds(-5)))
                        .setPosition(point(117.0201, 36.6631))
                        .setRemark("到场"))
                .build();
    }

    /** One valid envelope per payload kind, in MessageKind order. */
    public static Map<MessageKind, Envelope> envelopesByKind() {
        Map<MessageKind, Envelope> all = new LinkedHashMap<>();
        for (Envelope e : List.of(policeReport(), fireAlarm(), weatherWarning(), trafficCondition(), unitPosition(),
                unitStatus(), dispatchOrder(), orderAcknowledgement(), orderProgress())) {
            all.put(e.getKind(), e);
        }
        return all;
    }

    public static Ack ack() {
        return Ack.newBuilder()
                .setMessageId("qingdao-119-20260712-000088")
                .setAcceptedAt(now(Duration.ofSeconds(1)))
                .setEffectRef("INC-370202-20260712-0003")
                .build();
    }

    public static Rejection rejection() {
        Violation first = Violation.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA)
                .setFieldPath("fire_alarm.location.point")
                .setReason("fire_alarm.location.point (116.4, 39.9) is outside the service area")
                .build();
        Violation second = Violation.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_UNKNOWN_ENUM)
                .setFieldPath("fire_alarm.category")
                .setReason("fire_alarm.category is INCIDENT_CATEGORY_UNSPECIFIED")
                .build();
        return Rejection.newBuilder()
                .setMessageId("qingdao-119-20260712-000089")
                .setCode(first.getCode())
                .setFieldPath(first.getFieldPath())
                .setReason(first.getReason())
                .addViolations(first)
                .addViolations(second)
                .build();
    }

    public static List<GatewayFrame> gatewayFrames() {
        return List.of(
                GatewayFrame.newBuilder().setAck(ack()).build(),
                GatewayFrame.newBuilder().setRejection(rejection()).build(),
                GatewayFrame.newBuilder().setEnvelope(dispatchOrder()).build());
    }

    public static IncidentView incidentView() {
        return IncidentView.newBuilder()
                .setIncidentId("INC-370202-20260712-0003")
                .setStatus(IncidentStatus.INCIDENT_STATUS_RESPONDING)
                .setGrade(Grade.GRADE_III)
                .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                .setLocation(Location.newBuilder().setPoint(QINGDAO).setAddress("青岛市市南区东海西路35号")
                        .setAdcode("370202"))
                .setCountyAdcode("370202")
                .setLeadTier(Tier.TIER_CITY)
                .setOpenedAt(now(Duration.ofMinutes(-1)))
                .setUpdatedAt(at(NOW))
                .setTitle("市南区东海西路高层住宅火灾")
                .setReportCount(2)
                .setCasualties(Casualties.newBuilder().setCallers(5).setTrapped(2))
                .addWarningIds("37020041600000_20260712080000")
                .build();
    }

    public static UnitView unitView() {
        return UnitView.newBuilder()
                .setUnitId("QD-FIRE-SHINAN-L1")
                .setAgency(Agency.AGENCY_FIRE)
                .setUnitType("ladder")
                .setStatus(UnitStatus.UNIT_STATUS_EN_ROUTE)
                .setCountyAdcode("370202")
                .setPosition(point(120.3702, 36.0675))
                .setStatusSince(now(Duration.ofSeconds(-40)))
                .setIncidentId("INC-370202-20260712-0003")
                .setName("市南消防救援站 登高车1")
                .build();
    }

    public static NodeSummary nodeSummary() {
        return NodeSummary.newBuilder()
                .putOpenIncidentsByGrade("GRADE_III", 1)
                .putOpenIncidentsByGrade("GRADE_IV", 4)
                .putOpenIncidentsByCategory("INCIDENT_CATEGORY_FIRE_BUILDING", 1)
                .putOpenIncidentsByStatus("INCIDENT_STATUS_RESPONDING", 1)
                .putUnitsByAgencyStatus("AGENCY_FIRE/UNIT_STATUS_EN_ROUTE", 3)
                .setActiveWarnings(1)
                .setOverdueTimers(0)
                .setPendingEscalations(1)
                .build();
    }

    /** A node stream message of every body kind, on Qingdao's city node. */
    public static List<NodeStreamMessage> nodeStreamMessages() {
        NodeStreamMessage.Builder base = NodeStreamMessage.newBuilder()
                .setNodeAdcode("370200").setAt(at(NOW)).setEpoch("2026-07-12T00:00:00Z-a1");
        return List.of(
                base.clone().setSequence(1).setSnapshot(NodeSnapshot.newBuilder()
                        .addIncidents(incidentView()).addUnits(unitView()).setSummary(nodeSummary())).build(),
                base.clone().setSequence(2).setIncidentChange(IncidentChange.newBuilder()
                        .setIncident(incidentView().toBuilder().setStatus(IncidentStatus.INCIDENT_STATUS_ON_SCENE)))
                        .build(),
                base.clone().setSequence(3).setUnitChange(UnitChange.newBuilder().setUnit(unitView()).setRemoved(true))
                        .build(),
                base.clone().setSequence(4).setSummary(nodeSummary()).build(),
                base.clone().setSequence(5).setResync(Resync.newBuilder()
                        .setReason("client is 12000 messages behind; start from a snapshot")).build(),
                base.clone().setSequence(6).setEscalation(escalationNotice()).build(),
                base.clone().setSequence(7).setSnapshot(NodeSnapshot.newBuilder().setSummary(nodeSummary())
                        .addEscalations(escalationNotice()).addOverdueReports(reportOverdue())).build(),
                base.clone().setSequence(8).setReportOverdue(reportOverdue()).build(),
                base.clone().setSequence(9).setWarningChange(cn.emcc.protocols.v1.WarningChange.newBuilder()
                        .setWarning(warningView())).build(),
                base.clone().setSequence(10).setSnapshot(NodeSnapshot.newBuilder().setSummary(nodeSummary())
                        .addWarnings(warningView())).build(),
                // answers to one connection's request frames carry sequence 0
                base.clone().setRequestRefused(cn.emcc.protocols.v1.RequestRefused.newBuilder()
                        .setCode(cn.emcc.protocols.v1.RejectionCode.REJECTION_CODE_INCONSISTENT)
                        .setFieldPath("acknowledge.revision")
                        .setReason("revision 1 of INC-370202-20260712-0003 was superseded by revision 2")
                        .setAcknowledge(acknowledgeRequest().getAcknowledge())).build(),
                base.clone().setRequestAccepted(cn.emcc.protocols.v1.RequestAccepted.newBuilder()
                        .setAcknowledge(acknowledgeRequest().getAcknowledge())).build());
    }

    /** Qingdao's orange rainstorm warning as the city's node shows it. */
    public static cn.emcc.protocols.v1.WarningView warningView() {
        return cn.emcc.protocols.v1.WarningView.newBuilder()
                .setWarningId("37020041600000_20260712083000")
                .setHazard(cn.emcc.protocols.v1.Hazard.HAZARD_RAINSTORM)
                .setColour(cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_ORANGE)
                .setHeadline("青岛市气象台发布暴雨橙色预警信号")
                .setIssuer("青岛市气象台")
                .setOnset(at(NOW))
                .setExpires(now(Duration.ofHours(6)))
                .addCountyAdcodes("370202").addCountyAdcodes("370203")
                .setBbox(cn.emcc.protocols.v1.BoundingBox.newBuilder()
                        .setWest(120.30).setSouth(36.03).setEast(120.45).setNorth(36.12))
                .addReplaces("37020041600000_20260712060000")
                .build();
    }

    /** 市南区's initial report (首报) of a grade III fire is past its deadline. */
    public static cn.emcc.protocols.v1.ReportOverdue reportOverdue() {
        return cn.emcc.protocols.v1.ReportOverdue.newBuilder()
                .setIncidentId("INC-370202-20260712-0003")
                .setKind(cn.emcc.protocols.v1.ReportKind.REPORT_KIND_INITIAL)
                .setCountyAdcode("370202")
                .setGrade(Grade.GRADE_III)
                .setDueAt(now(Duration.ofMinutes(-1)))
                .build();
    }

    /** Qingdao's city is told it leads a grade III fire in 市南区, second announcement. */
    public static cn.emcc.protocols.v1.EscalationNotice escalationNotice() {
        return cn.emcc.protocols.v1.EscalationNotice.newBuilder()
                .setIncidentId("INC-370202-20260712-0003")
                .setRevision(1)
                .setKind(cn.emcc.protocols.v1.EscalationKind.ESCALATION_KIND_ESCALATED)
                .setCountyAdcode("370202")
                .setGrade(Grade.GRADE_III)
                .setLeadTier(Tier.TIER_CITY)
                .setRaisedAt(now(Duration.ofMinutes(-2)))
                .setAnnouncement(2)
                .build();
    }

    /** The city's duty system acknowledges that notice on its stream. */
    public static NodeStreamRequest acknowledgeRequest() {
        return NodeStreamRequest.newBuilder().setAcknowledge(cn.emcc.protocols.v1.AcknowledgeEscalation.newBuilder()
                .setIncidentId("INC-370202-20260712-0003").setRevision(1).setBy("qingdao-duty-system")).build();
    }

    public static NodeStreamRequest nodeStreamRequest() {
        return NodeStreamRequest.newBuilder().setEpoch("2026-07-12T00:00:00Z-a1").setLastSequence(4).build();
    }

    /** How an UPDATE names the alert it replaces, as CAP needs it written back. */
    public static cn.emcc.protocols.v1.WarningReference warningReference() {
        return cn.emcc.protocols.v1.WarningReference.newBuilder()
                .setSender("37010041600000@weather.sd.cn")
                .setIdentifier("37010041600000_20260712083000")
                .setSent(at(NOW)).build();
    }

    /** Every sample message: the envelopes and all replies and stream messages. */
    public static List<Message> everyMessage() {
        List<Message> all = new java.util.ArrayList<>(envelopesByKind().values());
        all.add(ack());
        all.add(rejection());
        all.addAll(gatewayFrames());
        all.addAll(nodeStreamMessages());
        all.add(nodeStreamRequest());
        all.add(acknowledgeRequest());
        all.add(warningReference());
        return all;
    }
}
