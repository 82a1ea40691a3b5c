package cn.emcc.protocols.validation;

import cn.emcc.protocols.SampleMessages;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.Violation;
import cn.emcc.protocols.v1.WarningMsgType;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static cn.emcc.protocols.SampleMessages.BEIJING;
import static cn.emcc.protocols.SampleMessages.now;
import static cn.emcc.protocols.SampleMessages.point;
import static cn.emcc.protocols.SampleMessages.ring;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad input per row, through the gateway's decoder: each must be refused
 * with the expected code at the expected field path, and the rejection's
 * top-level code and path must repeat its first violation.
 */
class BadInputTest {

    // Short names for the table; the contract prefixes every value with the enum name.
    private static final RejectionCode MALFORMED = RejectionCode.REJECTION_CODE_MALFORMED;
    private static final RejectionCode MISSING_FIELD = RejectionCode.REJECTION_CODE_MISSING_FIELD;
    private static final RejectionCode UNKNOWN_ENUM = RejectionCode.REJECTION_CODE_UNKNOWN_ENUM;
    private static final RejectionCode NOT_A_NUMBER = RejectionCode.REJECTION_CODE_NOT_A_NUMBER;
    private static final RejectionCode OUT_OF_RANGE = RejectionCode.REJECTION_CODE_OUT_OF_RANGE;
    private static final RejectionCode OUTSIDE_SERVICE_AREA = RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA;
    private static final RejectionCode TIME_OUT_OF_RANGE = RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE;
    private static final RejectionCode TOO_LONG = RejectionCode.REJECTION_CODE_TOO_LONG;
    private static final RejectionCode TOO_LARGE = RejectionCode.REJECTION_CODE_TOO_LARGE;
    private static final RejectionCode INVALID_GEOMETRY = RejectionCode.REJECTION_CODE_INVALID_GEOMETRY;
    private static final RejectionCode INVALID_FORMAT = RejectionCode.REJECTION_CODE_INVALID_FORMAT;
    private static final RejectionCode KIND_MISMATCH = RejectionCode.REJECTION_CODE_KIND_MISMATCH;
    private static final RejectionCode EXPIRED = RejectionCode.REJECTION_CODE_EXPIRED;
    private static final RejectionCode INCONSISTENT = RejectionCode.REJECTION_CODE_INCONSISTENT;

    private static final ValidationLimits LIMITS = ValidationLimits.defaults();
    private static final InboundDecoder DECODER = new InboundDecoder(
            new EnvelopeValidator(BoundingBoxServiceArea.shandong(), LIMITS, SampleMessages.CLOCK), LIMITS);

    record Row(String name, Supplier<byte[]> frame, RejectionCode code, String path) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> badInputs() {
        return Stream.of(
                // Bytes that never become an envelope.
                raw("garbage bytes", () -> new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                        MALFORMED, ""),
                raw("truncated in the payload", () -> {
                    byte[] whole = SampleMessages.policeReport().toByteArray();
                    return Arrays.copyOf(whole, whole.length - 10);
                }, MALFORMED, ""),
                raw("empty input", () -> new byte[0], MALFORMED, ""),
                raw("string that is not UTF-8", () -> new byte[] {0x0A, 0x02, (byte) 0xC3, 0x28}, MALFORMED, ""),
                raw("oversize frame", () -> new byte[LIMITS.maxMessageBytes() + 1], TOO_LARGE, ""),

                // Envelope header.
                envelope("no message id", police(), b -> b.clearMessageId(), MISSING_FIELD, "message_id"),
                envelope("message id with a space and a slash", police(), b -> b.setMessageId("jinan 110/457"),
                        INVALID_FORMAT, "message_id"),
                envelope("message id of 129 characters", police(), b -> b.setMessageId("a".repeat(129)),
                        TOO_LONG, "message_id"),
                envelope("no sender", police(), b -> b.clearSender(), MISSING_FIELD, "sender"),
                envelope("sender agency unspecified", police(),
                        b -> b.getSenderBuilder().setAgency(Agency.AGENCY_UNSPECIFIED), UNKNOWN_ENUM, "sender.agency"),
                envelope("sender agency 999", police(), b -> b.getSenderBuilder().setAgencyValue(999),
                        UNKNOWN_ENUM, "sender.agency"),
                envelope("no system id", police(), b -> b.getSenderBuilder().clearSystemId(),
                        MISSING_FIELD, "sender.system_id"),
                envelope("system id with a space", police(), b -> b.getSenderBuilder().setSystemId("jinan 110"),
                        INVALID_FORMAT, "sender.system_id"),
                envelope("sender adcode of five digits", police(), b -> b.getSenderBuilder().setAdcode("37010"),
                        INVALID_FORMAT, "sender.adcode"),
                envelope("no sent time", police(), b -> b.clearSent(), MISSING_FIELD, "sent"),
                envelope("sent 5 years ago", police(), b -> b.setSent(now(Duration.ofDays(-5 * 365))),
                        TIME_OUT_OF_RANGE, "sent"),
                envelope("sent 1 day in the future", police(), b -> b.setSent(now(Duration.ofDays(1))),
                        TIME_OUT_OF_RANGE, "sent"),
                envelope("kind unspecified", police(), b -> b.setKind(MessageKind.MESSAGE_KIND_UNSPECIFIED),
                        UNKNOWN_ENUM, "kind"),
                envelope("kind 999", police(), b -> b.setKindValue(999), UNKNOWN_ENUM, "kind"),
                envelope("status unspecified", police(), b -> b.setStatusValue(0), UNKNOWN_ENUM, "status"),
                envelope("status 999", police(), b -> b.setStatusValue(999), UNKNOWN_ENUM, "status"),
                envelope("kind says fire alarm, payload is a police report", police(),
                        b -> b.setKind(MessageKind.MESSAGE_KIND_FIRE_ALARM), KIND_MISMATCH, "kind"),
                envelope("no payload", police(), b -> b.clearPayload(), KIND_MISMATCH, "payload"),
                envelope("expired envelope", police(), b -> b.setExpires(now(Duration.ofMinutes(-1))),
                        EXPIRED, "expires"),
                envelope("101 references", police(), b -> {
                    for (int i = 0; i < 101; i++) {
                        b.addReferences("earlier-" + i);
                    }
                }, TOO_LONG, "references"),
                envelope("reference with bad characters", ack(), b -> b.setReferences(0, "订单#1"),
                        INVALID_FORMAT, "references[0]"),
                envelope("signature algorithm RSA", order(), b -> b.getSignatureBuilder().setAlgorithm("RSA"),
                        INVALID_FORMAT, "signature.algorithm"),

                // Police report.
                envelope("latitude NaN", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder().setLatitude(Double.NaN),
                        NOT_A_NUMBER, "police_report.location.point.latitude"),
                envelope("longitude infinity", police(), b -> b.getPoliceReportBuilder().getLocationBuilder()
                        .getPointBuilder().setLongitude(Double.POSITIVE_INFINITY),
                        NOT_A_NUMBER, "police_report.location.point.longitude"),
                envelope("latitude 91", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder().setLatitude(91),
                        OUT_OF_RANGE, "police_report.location.point.latitude"),
                envelope("longitude 200", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder().setLongitude(200),
                        OUT_OF_RANGE, "police_report.location.point.longitude"),
                envelope("report in Beijing", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().setPoint(BEIJING),
                        OUTSIDE_SERVICE_AREA, "police_report.location.point"),
                envelope("longitude and latitude swapped", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().setPoint(point(36.6627, 117.0196)),
                        OUT_OF_RANGE, "police_report.location.point.latitude"),
                envelope("no location", police(), b -> b.getPoliceReportBuilder().clearLocation(),
                        MISSING_FIELD, "police_report.location"),
                envelope("no report id", police(), b -> b.getPoliceReportBuilder().clearReportId(),
                        MISSING_FIELD, "police_report.report_id"),
                envelope("category unspecified", police(), b -> b.getPoliceReportBuilder().setCategoryValue(0),
                        UNKNOWN_ENUM, "police_report.category"),
                envelope("category 999", police(), b -> b.getPoliceReportBuilder().setCategoryValue(999),
                        UNKNOWN_ENUM, "police_report.category"),
                envelope("adcode with letters", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().setAdcode("3701AB"),
                        INVALID_FORMAT, "police_report.location.adcode"),
                envelope("huge description", police(),
                        b -> b.getPoliceReportBuilder().setDescription("火".repeat(20_000)),
                        TOO_LONG, "police_report.description"),
                envelope("address of 501 characters", police(),
                        b -> b.getPoliceReportBuilder().getLocationBuilder().setAddress("路".repeat(501)),
                        TOO_LONG, "police_report.location.address"),
                envelope("full caller number", police(),
                        b -> b.getPoliceReportBuilder().setCallerNumberMasked("13812341234"),
                        INVALID_FORMAT, "police_report.caller_number_masked"),
                envelope("reported a day ahead", police(),
                        b -> b.getPoliceReportBuilder().setReportedAt(now(Duration.ofDays(1))),
                        TIME_OUT_OF_RANGE, "police_report.reported_at"),

                // Fire alarm.
                envelope("building type unspecified", fire(),
                        b -> b.getFireAlarmBuilder().getFireBuilder().setBuildingTypeValue(0),
                        UNKNOWN_ENUM, "fire_alarm.fire.building_type"),
                envelope("fire on floor 40 of 32", fire(),
                        b -> b.getFireAlarmBuilder().getFireBuilder().setFireFloor(40),
                        INCONSISTENT, "fire_alarm.fire.fire_floor"),
                envelope("UN number without UN", fire(),
                        b -> b.getFireAlarmBuilder().getFireBuilder().setUnNumber("1075"),
                        INVALID_FORMAT, "fire_alarm.fire.un_number"),
                envelope("trapped count 4294967295", fire(),
                        b -> b.getFireAlarmBuilder().getCasualtiesBuilder().setTrapped(-1),
                        OUT_OF_RANGE, "fire_alarm.casualties.trapped"),
                envelope("fire area negative", fire(),
                        b -> b.getFireAlarmBuilder().getFireBuilder().setEstimatedAreaM2(-5),
                        OUT_OF_RANGE, "fire_alarm.fire.estimated_area_m2"),

                // Weather warning.
                envelope("hazard unspecified", warning(), b -> b.getWeatherWarningBuilder().setHazardValue(0),
                        UNKNOWN_ENUM, "weather_warning.hazard"),
                envelope("colour unspecified", warning(), b -> b.getWeatherWarningBuilder().setColourValue(0),
                        UNKNOWN_ENUM, "weather_warning.colour"),
                envelope("msg type unspecified", warning(), b -> b.getWeatherWarningBuilder().setMsgTypeValue(0),
                        UNKNOWN_ENUM, "weather_warning.msg_type"),
                envelope("urgency unspecified", warning(), b -> b.getWeatherWarningBuilder().setUrgencyValue(0),
                        UNKNOWN_ENUM, "weather_warning.urgency"),
                envelope("severity 999", warning(), b -> b.getWeatherWarningBuilder().setSeverityValue(999),
                        UNKNOWN_ENUM, "weather_warning.severity"),
                envelope("certainty unspecified", warning(), b -> b.getWeatherWarningBuilder().setCertaintyValue(0),
                        UNKNOWN_ENUM, "weather_warning.certainty"),
                envelope("update without references", warning(),
                        b -> b.getWeatherWarningBuilder().setMsgType(WarningMsgType.WARNING_MSG_TYPE_UPDATE),
                        INCONSISTENT, "weather_warning.references"),
                envelope("cancel without references", warning(),
                        b -> b.getWeatherWarningBuilder().setMsgType(WarningMsgType.WARNING_MSG_TYPE_CANCEL),
                        INCONSISTENT, "weather_warning.references"),
                envelope("expires before onset", warning(), b -> b.getWeatherWarningBuilder()
                        .setOnset(now(Duration.ofHours(6))).setExpires(now(Duration.ofHours(3))),
                        INCONSISTENT, "weather_warning.expires"),
                envelope("warning expiring in two years", warning(),
                        b -> b.getWeatherWarningBuilder().setExpires(now(Duration.ofDays(730))),
                        TIME_OUT_OF_RANGE, "weather_warning.expires"),
                envelope("unclosed ring", warning(), b -> firstArea(b).setPolygons(0, Polygon.newBuilder()
                        .addRing(point(116.8, 36.5)).addRing(point(117.3, 36.5)).addRing(point(117.3, 36.8))
                        .addRing(point(116.8, 36.8))),
                        INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("3-point ring", warning(), b -> firstArea(b).setPolygons(0, Polygon.newBuilder()
                        .addRing(point(116.8, 36.5)).addRing(point(117.3, 36.5)).addRing(point(116.8, 36.5))),
                        INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("bow-tie ring", warning(),
                        b -> firstArea(b).setPolygons(0, ring(116.8, 36.5, 117.3, 36.8, 117.3, 36.5, 116.8, 36.8)),
                        INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("ring that folds back on a side", warning(),
                        b -> firstArea(b).setPolygons(0, ring(116.8, 36.5, 117.3, 36.5, 117.0, 36.5, 117.0, 36.8)),
                        INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("ring of 2001 points", warning(), b -> {
                    Polygon.Builder p = Polygon.newBuilder();
                    for (int i = 0; i < 2001; i++) {
                        p.addRing(point(117 + Math.cos(i * 2 * Math.PI / 2000) / 10,
                                36.6 + Math.sin(i * 2 * Math.PI / 2000) / 10));
                    }
                    firstArea(b).setPolygons(0, p);
                }, TOO_LONG, "weather_warning.areas[0].polygons[0].ring"),
                envelope("polygon vertex in Beijing", warning(),
                        b -> firstArea(b).setPolygons(0, ring(116.8, 36.5, 117.3, 36.5, 116.4, 39.9, 116.8, 36.8)),
                        OUTSIDE_SERVICE_AREA, "weather_warning.areas[0].polygons[0].ring[2]"),
                envelope("circle centred in Beijing", warning(),
                        b -> firstArea(b).setCircles(0, Circle.newBuilder().setCenter(BEIJING).setRadiusKm(20)),
                        OUTSIDE_SERVICE_AREA, "weather_warning.areas[0].circles[0].center"),
                envelope("circle radius 0", warning(), b -> firstArea(b).getCirclesBuilder(0).setRadiusKm(0),
                        OUT_OF_RANGE, "weather_warning.areas[0].circles[0].radius_km"),
                envelope("circle radius NaN", warning(),
                        b -> firstArea(b).getCirclesBuilder(0).setRadiusKm(Double.NaN),
                        NOT_A_NUMBER, "weather_warning.areas[0].circles[0].radius_km"),
                envelope("101 adcodes", warning(), b -> {
                    for (int i = 0; i < 100; i++) {
                        firstArea(b).addAdcodes("370102");
                    }
                }, TOO_LONG, "weather_warning.areas[0].adcodes"),
                envelope("bad adcode in an area", warning(), b -> firstArea(b).setAdcodes(1, "济南市"),
                        INVALID_FORMAT, "weather_warning.areas[0].adcodes[1]"),
                envelope("area with nothing in it", warning(), b -> firstArea(b).clearPolygons().clearCircles()
                        .clearAdcodes(), MISSING_FIELD, "weather_warning.areas[0]"),
                envelope("alert without areas", warning(), b -> b.getWeatherWarningBuilder().clearAreas(),
                        MISSING_FIELD, "weather_warning.areas"),
                envelope("language not BCP 47", warning(), b -> b.getWeatherWarningBuilder().setLanguage("中文"),
                        INVALID_FORMAT, "weather_warning.language"),

                // Traffic condition.
                envelope("closure with a speed", traffic(), b -> b.getTrafficConditionBuilder()
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE),
                        INCONSISTENT, "traffic_condition.speed_kmh"),
                envelope("congestion without a speed", traffic(), b -> b.getTrafficConditionBuilder().clearSpeed(),
                        INCONSISTENT, "traffic_condition.speed"),
                envelope("speed factor 1.5", traffic(), b -> b.getTrafficConditionBuilder().setSpeedFactor(1.5),
                        OUT_OF_RANGE, "traffic_condition.speed_factor"),
                envelope("speed -5 km/h", traffic(), b -> b.getTrafficConditionBuilder().setSpeedKmh(-5),
                        OUT_OF_RANGE, "traffic_condition.speed_kmh"),
                envelope("segment of one point", traffic(), b -> b.getTrafficConditionBuilder()
                        .setSegment(LineString.newBuilder().addPoints(point(117, 36.5))),
                        INVALID_GEOMETRY, "traffic_condition.segment.points"),
                envelope("segment through Beijing", traffic(),
                        b -> b.getTrafficConditionBuilder().getSegmentBuilder().setPoints(1, BEIJING),
                        OUTSIDE_SERVICE_AREA, "traffic_condition.segment.points[1]"),
                envelope("no extent", traffic(), b -> b.getTrafficConditionBuilder().clearExtent(),
                        MISSING_FIELD, "traffic_condition.extent"),
                envelope("traffic type 999", traffic(), b -> b.getTrafficConditionBuilder().setTypeValue(999),
                        UNKNOWN_ENUM, "traffic_condition.type"),
                envelope("valid until before observed", traffic(),
                        b -> b.getTrafficConditionBuilder().setValidUntil(now(Duration.ofMinutes(-10))),
                        INCONSISTENT, "traffic_condition.valid_until"),

                // Unit position (AVL).
                envelope("AVL speed 400 km/h", avl(), b -> b.getUnitPositionBuilder().setSpeedKmh(400),
                        OUT_OF_RANGE, "unit_position.speed_kmh"),
                envelope("heading 360", avl(), b -> b.getUnitPositionBuilder().setHeadingDegrees(360),
                        OUT_OF_RANGE, "unit_position.heading_degrees"),
                envelope("heading NaN", avl(), b -> b.getUnitPositionBuilder().setHeadingDegrees(Double.NaN),
                        NOT_A_NUMBER, "unit_position.heading_degrees"),
                envelope("AVL fix in Beijing", avl(), b -> b.getUnitPositionBuilder().setPosition(BEIJING),
                        OUTSIDE_SERVICE_AREA, "unit_position.position"),
                envelope("AVL without position", avl(), b -> b.getUnitPositionBuilder().clearPosition(),
                        MISSING_FIELD, "unit_position.position"),
                envelope("AVL fix 5 years old", avl(),
                        b -> b.getUnitPositionBuilder().setFixedAt(now(Duration.ofDays(-5 * 365))),
                        TIME_OUT_OF_RANGE, "unit_position.fixed_at"),

                // Unit status.
                envelope("unit status unspecified", status(), b -> b.getUnitStatusBuilder().setStatusValue(0),
                        UNKNOWN_ENUM, "unit_status.status"),
                envelope("unit id with a space", status(), b -> b.getUnitStatusBuilder().setUnitId("JN FIRE E1"),
                        INVALID_FORMAT, "unit_status.unit_id"),
                envelope("remark of 201 characters", status(),
                        b -> b.getUnitStatusBuilder().setRemark("到".repeat(201)),
                        TOO_LONG, "unit_status.remark"),

                // Dispatch order.
                envelope("order action unspecified", order(), b -> b.getDispatchOrderBuilder().setActionValue(0),
                        UNKNOWN_ENUM, "dispatch_order.action"),
                envelope("order grade unspecified", order(), b -> b.getDispatchOrderBuilder().setGradeValue(0),
                        UNKNOWN_ENUM, "dispatch_order.grade"),
                envelope("order agency 999", order(), b -> b.getDispatchOrderBuilder().setAgencyValue(999),
                        UNKNOWN_ENUM, "dispatch_order.agency"),
                envelope("respond without a location", order(), b -> b.getDispatchOrderBuilder().clearLocation(),
                        MISSING_FIELD, "dispatch_order.location"),
                envelope("acknowledge by before issued", order(),
                        b -> b.getDispatchOrderBuilder().setAcknowledgeBy(now(Duration.ofMinutes(-5))),
                        INCONSISTENT, "dispatch_order.acknowledge_by"),
                envelope("issuing node not an adcode", order(),
                        b -> b.getDispatchOrderBuilder().setIssuingNode("SD-PROVINCE"),
                        INVALID_FORMAT, "dispatch_order.issuing_node"),

                // Order acknowledgement and progress.
                envelope("rejected without a reason", ack(), b -> b.getOrderAcknowledgementBuilder()
                        .setDecision(OrderDecision.ORDER_DECISION_REJECTED),
                        INCONSISTENT, "order_acknowledgement.reason"),
                envelope("decision unspecified", ack(), b -> b.getOrderAcknowledgementBuilder().setDecisionValue(0),
                        UNKNOWN_ENUM, "order_acknowledgement.decision"),
                envelope("order stage 999", progress(), b -> b.getOrderProgressBuilder().setStageValue(999),
                        UNKNOWN_ENUM, "order_progress.stage"),
                envelope("progress position latitude 91", progress(),
                        b -> b.getOrderProgressBuilder().getPositionBuilder().setLatitude(91),
                        OUT_OF_RANGE, "order_progress.position.latitude"),
                envelope("progress time with nanos out of range", progress(),
                        b -> b.getOrderProgressBuilder().setAt(Timestamp.newBuilder()
                                .setSeconds(SampleMessages.NOW.getEpochSecond()).setNanos(-1)),
                        TIME_OUT_OF_RANGE, "order_progress.at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRejectedWithTheExpectedCodeAndPath(Row row) {
        Decoded decoded = DECODER.decode(row.frame().get());

        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        Rejection rejection = ((Decoded.Invalid) decoded).rejection();
        assertThat(rejection.getViolationsList())
                .extracting(Violation::getCode, Violation::getFieldPath)
                .contains(org.assertj.core.groups.Tuple.tuple(row.code(), row.path()));
        Violation first = rejection.getViolations(0);
        assertThat(rejection.getCode()).isEqualTo(first.getCode());
        assertThat(rejection.getFieldPath()).isEqualTo(first.getFieldPath());
        assertThat(rejection.getReason()).isEqualTo(first.getReason()).isNotBlank();
        assertThat(rejection.getRetryable()).isFalse();
    }

    @Test
    void theTableIsLargeAndCoversEveryCodeTheValidatorCanGive() {
        List<Row> rows = badInputs().toList();

        assertThat(rows).hasSizeGreaterThanOrEqualTo(45);
        assertThat(rows).extracting(Row::code).contains(MALFORMED, MISSING_FIELD, UNKNOWN_ENUM, NOT_A_NUMBER,
                OUT_OF_RANGE, OUTSIDE_SERVICE_AREA, TIME_OUT_OF_RANGE, TOO_LONG, TOO_LARGE, INVALID_GEOMETRY,
                INVALID_FORMAT, KIND_MISMATCH, EXPIRED, INCONSISTENT);
    }

    @Test
    void aRejectionEchoesTheMessageIdSoTheSenderCanMatchIt() {
        Envelope bad = police().toBuilder().setSent(now(Duration.ofDays(1))).build();

        Decoded decoded = DECODER.decode(bad.toByteArray());

        assertThat(((Decoded.Invalid) decoded).rejection().getMessageId()).isEqualTo(bad.getMessageId());
    }

    @Test
    void unreadableBytesAreRejectedWithoutAMessageId() {
        Decoded decoded = DECODER.decode(new byte[] {(byte) 0xFF, (byte) 0xFF});

        assertThat(((Decoded.Invalid) decoded).rejection().getMessageId()).isEmpty();
    }

    private static Row raw(String name, Supplier<byte[]> bytes, RejectionCode code, String path) {
        return new Row(name, bytes, code, path);
    }

    private static Row envelope(String name, Envelope valid, Consumer<Envelope.Builder> mutation,
            RejectionCode code, String path) {
        return new Row(name, () -> {
            Envelope.Builder b = valid.toBuilder();
            mutation.accept(b);
            return b.build().toByteArray();
        }, code, path);
    }

    private static cn.emcc.protocols.v1.WarningArea.Builder firstArea(Envelope.Builder b) {
        return b.getWeatherWarningBuilder().getAreasBuilder(0);
    }

    private static Envelope police() {
        return SampleMessages.policeReport();
    }

    private static Envelope fire() {
        return SampleMessages.fireAlarm();
    }

    private static Envelope warning() {
        return SampleMessages.weatherWarning();
    }

    private static Envelope traffic() {
        return SampleMessages.trafficCondition();
    }

    private static Envelope avl() {
        return SampleMessages.unitPosition();
    }

    private static Envelope status() {
        return SampleMessages.unitStatus();
    }

    private static Envelope order() {
        return SampleMessages.dispatchOrder();
    }

    private static Envelope ack() {
        return SampleMessages.orderAcknowledgement();
    }

    private static Envelope progress() {
        return SampleMessages.orderProgress();
    }
}
