package cn.emcc.command.gateway;

import cn.emcc.command.http.Json;
import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RawAgencySocket;
import cn.emcc.command.testsupport.DeclaredLengthPost;
import cn.emcc.command.testsupport.RawBatch;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.trust.DevKeySet;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.Signature;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cn.emcc.protocols.v1.Agency.AGENCY_EMERGENCY_MGMT;
import static cn.emcc.protocols.v1.Agency.AGENCY_FIRE;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static cn.emcc.protocols.v1.Agency.AGENCY_TRAFFIC;
import static cn.emcc.protocols.v1.Agency.AGENCY_UNSPECIFIED;
import static cn.emcc.protocols.v1.Agency.AGENCY_WEATHER;
import static cn.emcc.protocols.v1.RejectionCode.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or broken agency system can do to the real gateway of a real
 * node (H2 journal): every bad input gets its own Rejection code and field
 * path, the connection it came on carries on (a valid message right after it
 * is acknowledged), and no incident appears or changes because of it. The
 * only incidents there ever are the ones the valid probe reports opened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    /** Where the bad reports point: 泉城广场, 济南市历下区, a place that would happily open an incident. */
    private static final double LON = 117.0205, LAT = 36.6612;
    private static final int MAX_FRAME_BYTES = 256 * 1024;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    @TempDir
    static Path scratch;

    private static TestStore store;
    private static RunningNode node;
    private static ProbeLedger probes;
    private static final Map<Agency, RawAgencySocket> sockets = new EnumMap<>(Agency.class);

    @BeforeAll
    static void startNode() {
        store = JournalUnderTest.H2.freshStore(scratch);
        node = RunningNode.start(store);
        probes = new ProbeLedger(node.server().geography().locator());
        DevKeySet.AGENCIES.forEach(agency -> sockets.put(agency, RawAgencySocket.connect(node.baseUri(), agency)));
    }

    @AfterAll
    static void stopNode() {
        sockets.values().forEach(RawAgencySocket::close);
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    // -- the table

    /** What goes on the wire: an encoded envelope (or any bytes), or a text frame. */
    sealed interface Input {
    }

    /** @param echoedId the message id the rejection must repeat: "" when the bytes cannot be read */
    record Binary(byte[] bytes, String echoedId) implements Input {
    }

    record Text(String text) implements Input {
    }

    /**
     * One bad input: the agency connection it arrives on, how to make it (fresh
     * each time, since times are relative to now), and the rejection it must get.
     * {@code reasonHint}, when set, is a fragment the reason must contain, where
     * the code alone does not tell which check refused it. A text frame only
     * exists on the WebSocket; every other row also goes through the batch POST.
     */
    record Hostile(String name, Agency connection, Supplier<Input> input, RejectionCode code, String fieldPath,
                   String reasonHint, boolean websocketOnly) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> rows() {
        return Stream.of(
                // Enums: read as numbers, so an unknown number is as bad as *_UNSPECIFIED.
                envelope("category is a number this version does not define (999)", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().setCategoryValue(999)),
                        REJECTION_CODE_UNKNOWN_ENUM, "police_report.category"),
                envelope("category is INCIDENT_CATEGORY_UNSPECIFIED", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().clearCategory()),
                        REJECTION_CODE_UNKNOWN_ENUM, "police_report.category"),
                envelope("sender.agency is AGENCY_UNSPECIFIED", AGENCY_POLICE,
                        police(b -> b.getSenderBuilder().setAgency(AGENCY_UNSPECIFIED)),
                        REJECTION_CODE_UNKNOWN_ENUM, "sender.agency"),
                envelope("sender.agency is 999", AGENCY_POLICE,
                        police(b -> b.getSenderBuilder().setAgencyValue(999)),
                        REJECTION_CODE_UNKNOWN_ENUM, "sender.agency"),
                envelope("kind is MESSAGE_KIND_UNSPECIFIED", AGENCY_POLICE,
                        police(Envelope.Builder::clearKind), REJECTION_CODE_UNKNOWN_ENUM, "kind"),
                envelope("kind is 999", AGENCY_POLICE,
                        police(b -> b.setKindValue(999)), REJECTION_CODE_UNKNOWN_ENUM, "kind"),
                envelope("status is MESSAGE_STATUS_UNSPECIFIED", AGENCY_POLICE,
                        police(Envelope.Builder::clearStatus), REJECTION_CODE_UNKNOWN_ENUM, "status"),
                envelope("status is 999", AGENCY_POLICE,
                        police(b -> b.setStatusValue(999)), REJECTION_CODE_UNKNOWN_ENUM, "status"),
                envelope("fire.building_type is 999", AGENCY_FIRE,
                        fire(b -> b.getFireAlarmBuilder().getFireBuilder().setBuildingTypeValue(999)),
                        REJECTION_CODE_UNKNOWN_ENUM, "fire_alarm.fire.building_type"),
                envelope("hazard is HAZARD_UNSPECIFIED", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().clearHazard()),
                        REJECTION_CODE_UNKNOWN_ENUM, "weather_warning.hazard"),
                envelope("colour is WARNING_COLOUR_UNSPECIFIED", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().clearColour()),
                        REJECTION_CODE_UNKNOWN_ENUM, "weather_warning.colour"),
                envelope("msg_type is 999", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().setMsgTypeValue(999)),
                        REJECTION_CODE_UNKNOWN_ENUM, "weather_warning.msg_type"),
                envelope("traffic type is TRAFFIC_CONDITION_TYPE_UNSPECIFIED", AGENCY_TRAFFIC,
                        traffic(b -> b.getTrafficConditionBuilder().clearType()),
                        REJECTION_CODE_UNKNOWN_ENUM, "traffic_condition.type"),
                envelope("unit status is UNIT_STATUS_UNSPECIFIED", AGENCY_FIRE,
                        () -> modified(AgencyMessages.unitStatus(AGENCY_FIRE, "JN-FIRE-LIXIA-E1"),
                                b -> b.getUnitStatusBuilder().clearStatus()),
                        REJECTION_CODE_UNKNOWN_ENUM, "unit_status.status"),
                envelope("order decision is ORDER_DECISION_UNSPECIFIED", AGENCY_FIRE,
                        () -> modified(AgencyMessages.orderAcknowledgement(AGENCY_FIRE, "ORD-1"),
                                b -> b.getOrderAcknowledgementBuilder().clearDecision()),
                        REJECTION_CODE_UNKNOWN_ENUM, "order_acknowledgement.decision"),

                // Numbers.
                envelope("latitude is NaN", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder().setLatitude(Double.NaN)),
                        REJECTION_CODE_NOT_A_NUMBER, "police_report.location.point.latitude"),
                envelope("longitude is +Infinity", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder()
                                .setLongitude(Double.POSITIVE_INFINITY)),
                        REJECTION_CODE_NOT_A_NUMBER, "police_report.location.point.longitude"),
                envelope("accuracy is -Infinity", AGENCY_FIRE,
                        fire(b -> b.getFireAlarmBuilder().getLocationBuilder().setAccuracyMeters(Double.NEGATIVE_INFINITY)),
                        REJECTION_CODE_NOT_A_NUMBER, "fire_alarm.location.accuracy_meters"),
                envelope("latitude is 91", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder().setLatitude(91)),
                        REJECTION_CODE_OUT_OF_RANGE, "police_report.location.point.latitude"),
                envelope("longitude and latitude swapped", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder()
                                .setLongitude(LAT).setLatitude(LON)),
                        REJECTION_CODE_OUT_OF_RANGE, "police_report.location.point.latitude"),
                envelope("traffic speed is NaN", AGENCY_TRAFFIC,
                        traffic(b -> b.getTrafficConditionBuilder().setSpeedKmh(Double.NaN)),
                        REJECTION_CODE_NOT_A_NUMBER, "traffic_condition.speed_kmh"),
                envelope("warning circle radius is +Infinity", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().getAreasBuilder(0).addCircles(
                                Circle.newBuilder().setCenter(AgencyMessages.point(LON, LAT))
                                        .setRadiusKm(Double.POSITIVE_INFINITY))),
                        REJECTION_CODE_NOT_A_NUMBER, "weather_warning.areas[0].circles[0].radius_km"),
                envelope("injured is 100,001", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().getCasualtiesBuilder().setInjured(100_001)),
                        REJECTION_CODE_OUT_OF_RANGE, "police_report.casualties.injured"),

                // Places: the validator's box first, then the county index.
                located("Beijing, outside the province's box", AGENCY_POLICE,
                        police(b -> at(b, 116.40, 39.90)), "police_report.location.point", "outside the service area"),
                located("0/0, an unset point", AGENCY_POLICE,
                        police(b -> at(b, 0, 0)), "police_report.location.point", "outside the service area"),
                located("the Yellow Sea, inside the box but in no county", AGENCY_POLICE,
                        police(b -> at(b, 121.9, 35.2)), "police_report.location.point", "in no county"),
                located("Cangzhou, Hebei, inside the box but in no county", AGENCY_FIRE,
                        fire(b -> b.getFireAlarmBuilder().getLocationBuilder().getPointBuilder()
                                .setLongitude(116.60).setLatitude(38.30)),
                        "fire_alarm.location.point", "in no county"),

                // Who may send what.
                envelope("the weather bureau sends a police report", AGENCY_WEATHER,
                        police(b -> b.getSenderBuilder().setAgency(AGENCY_WEATHER)),
                        REJECTION_CODE_NOT_PERMITTED, "kind"),
                envelope("the police send a weather warning", AGENCY_POLICE,
                        weather(b -> b.getSenderBuilder().setAgency(AGENCY_POLICE)),
                        REJECTION_CODE_NOT_PERMITTED, "kind"),
                envelope("fire sends a traffic condition", AGENCY_FIRE,
                        traffic(b -> b.getSenderBuilder().setAgency(AGENCY_FIRE)),
                        REJECTION_CODE_NOT_PERMITTED, "kind"),
                envelope("the weather bureau sends a unit position", AGENCY_WEATHER,
                        () -> AgencyMessages.unitPosition(AGENCY_WEATHER, "SD-CMA-CAR-1").build(),
                        REJECTION_CODE_NOT_PERMITTED, "kind"),
                envelope("the police send a dispatch order", AGENCY_POLICE,
                        () -> AgencyMessages.dispatchOrder(AGENCY_POLICE).build(),
                        REJECTION_CODE_NOT_PERMITTED, "kind"),
                envelope("the fire key signs an envelope whose sender says police", AGENCY_FIRE,
                        police(b -> { }), REJECTION_CODE_NOT_PERMITTED, "sender.agency"),
                envelope("the police key signs an envelope whose sender says fire", AGENCY_POLICE,
                        fire(b -> { }), REJECTION_CODE_NOT_PERMITTED, "sender.agency"),
                envelope("the traffic key signs a dispatch order as emcc", AGENCY_TRAFFIC,
                        () -> AgencyMessages.dispatchOrder(AGENCY_EMERGENCY_MGMT).build(),
                        REJECTION_CODE_NOT_PERMITTED, "sender.agency"),

                // References to things emcc does not know.
                envelope("a status for a unit emcc does not know", AGENCY_FIRE,
                        () -> AgencyMessages.unitStatus(AGENCY_FIRE, "NO-SUCH-UNIT-7").build(),
                        REJECTION_CODE_UNKNOWN_REFERENCE, "unit_status.unit_id"),
                envelope("a position of a unit emcc does not know", AGENCY_POLICE,
                        () -> AgencyMessages.unitPosition(AGENCY_POLICE, "NO-SUCH-CAR-9").build(),
                        REJECTION_CODE_UNKNOWN_REFERENCE, "unit_position.unit_id"),
                envelope("an acknowledgement of an order emcc never sent", AGENCY_FIRE,
                        () -> AgencyMessages.orderAcknowledgement(AGENCY_FIRE, "ORD-NEVER-SENT").build(),
                        REJECTION_CODE_UNKNOWN_REFERENCE, "order_acknowledgement.order_id"),
                envelope("a CANCEL of a warning emcc does not have", AGENCY_WEATHER,
                        () -> AgencyMessages.weatherCancel("37000041600000_19990101000000").build(),
                        REJECTION_CODE_UNKNOWN_REFERENCE, "weather_warning.references"),
                envelope("an UPDATE of a warning emcc does not have", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder()
                                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_UPDATE)
                                .addReferences("37000041600000_19990101000001")),
                        REJECTION_CODE_UNKNOWN_REFERENCE, "weather_warning.references"),

                // Frames that are not envelopes.
                bytes("a frame over 256 KiB", AGENCY_POLICE, HostileInputTest::oversize, REJECTION_CODE_TOO_LARGE),
                bytes("garbage bytes (a malformed varint)", AGENCY_POLICE, () -> filled(32, (byte) 0xFF),
                        REJECTION_CODE_MALFORMED),
                bytes("JSON in a binary frame", AGENCY_POLICE,
                        () -> "{\"message_id\":\"x\",\"kind\":\"POLICE_REPORT\"}".getBytes(StandardCharsets.UTF_8),
                        REJECTION_CODE_MALFORMED),
                bytes("an HTTP request in a binary frame", AGENCY_FIRE,
                        () -> "GET /v1/incidents HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        REJECTION_CODE_MALFORMED),
                bytes("the first half of a valid envelope", AGENCY_POLICE, () -> {
                    byte[] whole = AgencyMessages.policeReport(LON, LAT).build().toByteArray();
                    return Arrays.copyOf(whole, whole.length / 2);
                }, REJECTION_CODE_MALFORMED),
                bytes("an empty binary frame", AGENCY_POLICE, () -> new byte[0], REJECTION_CODE_MALFORMED),
                bytes("a message id that is not UTF-8", AGENCY_POLICE, () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(new byte[]{0x0A, 0x02, (byte) 0xC3, 0x28}); // field 1, "\xC3(": a broken sequence
                    out.writeBytes(AgencyMessages.policeReport(LON, LAT).build().toByteArray());
                    return out.toByteArray();
                }, REJECTION_CODE_MALFORMED),
                text("a text frame", AGENCY_POLICE, () -> "{\"message_id\":\"jinan-110-1\"}"),

                // The envelope's shape.
                envelope("kind says fire alarm, payload is a police report", AGENCY_POLICE,
                        police(b -> b.setKind(MessageKind.MESSAGE_KIND_FIRE_ALARM)),
                        REJECTION_CODE_KIND_MISMATCH, "kind"),
                envelope("no payload", AGENCY_POLICE,
                        police(Envelope.Builder::clearPoliceReport), REJECTION_CODE_KIND_MISMATCH, "payload"),
                envelope("no message id", AGENCY_POLICE,
                        police(Envelope.Builder::clearMessageId), REJECTION_CODE_MISSING_FIELD, "message_id"),
                envelope("a message id that walks up directories", AGENCY_POLICE,
                        police(b -> b.setMessageId("../../etc/passwd")), REJECTION_CODE_INVALID_FORMAT, "message_id"),
                envelope("a message id of 129 characters", AGENCY_POLICE,
                        police(b -> b.setMessageId("m".repeat(129))), REJECTION_CODE_TOO_LONG, "message_id"),
                envelope("no sender", AGENCY_POLICE,
                        police(Envelope.Builder::clearSender), REJECTION_CODE_MISSING_FIELD, "sender"),
                envelope("101 references", AGENCY_POLICE,
                        police(b -> { for (int i = 0; i < 101; i++) { b.addReferences("earlier-" + i); } }),
                        REJECTION_CODE_TOO_LONG, "references"),
                envelope("a signature by an unknown algorithm", AGENCY_POLICE,
                        police(b -> b.setSignature(Signature.newBuilder().setKeyId("k1")
                                .setAlgorithm("RSA").setValue(ByteString.copyFrom(new byte[64])))),
                        REJECTION_CODE_INVALID_FORMAT, "signature.algorithm"),

                // Times.
                envelope("expired a minute ago", AGENCY_POLICE,
                        police(b -> b.setSent(AgencyMessages.ago(Duration.ofMinutes(10)))
                                .setExpires(AgencyMessages.ago(Duration.ofMinutes(1)))),
                        REJECTION_CODE_EXPIRED, "expires"),
                envelope("sent 40 days ago", AGENCY_POLICE,
                        police(b -> b.setSent(AgencyMessages.ago(Duration.ofDays(40)))),
                        REJECTION_CODE_TIME_OUT_OF_RANGE, "sent"),
                envelope("sent a day from now", AGENCY_POLICE,
                        police(b -> b.setSent(AgencyMessages.ahead(Duration.ofDays(1)))),
                        REJECTION_CODE_TIME_OUT_OF_RANGE, "sent"),
                envelope("sent with negative nanos", AGENCY_POLICE,
                        police(b -> b.setSent(Timestamp.newBuilder().setSeconds(b.getSent().getSeconds()).setNanos(-1))),
                        REJECTION_CODE_TIME_OUT_OF_RANGE, "sent"),
                envelope("reported an hour from now", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().setReportedAt(AgencyMessages.ahead(Duration.ofHours(1)))),
                        REJECTION_CODE_TIME_OUT_OF_RANGE, "police_report.reported_at"),

                // Text.
                envelope("a description of 2001 characters", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().setDescription("警".repeat(2001))),
                        REJECTION_CODE_TOO_LONG, "police_report.description"),
                envelope("a NUL in the description", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().setDescription("两车\u0000追尾")),
                        REJECTION_CODE_INVALID_FORMAT, "police_report.description"),
                envelope("a caller number that is not masked", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().setCallerNumberMasked("13812341234")),
                        REJECTION_CODE_INVALID_FORMAT, "police_report.caller_number_masked"),

                // Geometry.
                envelope("a warning polygon that is not closed", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().getAreasBuilder(0).setPolygons(0,
                                AgencyMessages.open(116.80, 36.40, 117.40, 36.40, 117.40, 36.90, 116.80, 36.90))),
                        REJECTION_CODE_INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("a bow-tie warning polygon", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().getAreasBuilder(0).setPolygons(0,
                                AgencyMessages.ring(116.80, 36.40, 117.40, 36.90, 117.40, 36.40, 116.80, 36.90))),
                        REJECTION_CODE_INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("a warning polygon of three points", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().getAreasBuilder(0).setPolygons(0,
                                AgencyMessages.ring(116.80, 36.40, 117.40, 36.90))),
                        REJECTION_CODE_INVALID_GEOMETRY, "weather_warning.areas[0].polygons[0].ring"),
                envelope("a road segment of one point", AGENCY_TRAFFIC,
                        traffic(b -> b.getTrafficConditionBuilder().getSegmentBuilder().removePoints(1)),
                        REJECTION_CODE_INVALID_GEOMETRY, "traffic_condition.segment.points"),

                // Fields that contradict each other.
                envelope("the fire floor above the top floor", AGENCY_FIRE,
                        fire(b -> b.getFireAlarmBuilder().getFireBuilder().setFloorsAboveGround(6).setFireFloor(9)),
                        REJECTION_CODE_INCONSISTENT, "fire_alarm.fire.fire_floor"),
                envelope("a closure that still has a speed", AGENCY_TRAFFIC,
                        traffic(b -> b.getTrafficConditionBuilder()
                                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE)),
                        REJECTION_CODE_INCONSISTENT, "traffic_condition.speed_kmh"),

                // Codes.
                envelope("a five-digit location adcode", AGENCY_POLICE,
                        police(b -> b.getPoliceReportBuilder().getLocationBuilder().setAdcode("37010")),
                        REJECTION_CODE_INVALID_FORMAT, "police_report.location.adcode"),
                envelope("a sender adcode that is not digits", AGENCY_POLICE,
                        police(b -> b.getSenderBuilder().setAdcode("SD-JN1")),
                        REJECTION_CODE_INVALID_FORMAT, "sender.adcode"),
                envelope("a warning area adcode with a letter O", AGENCY_WEATHER,
                        weather(b -> b.getWeatherWarningBuilder().getAreasBuilder(0).addAdcodes("3701O2")),
                        REJECTION_CODE_INVALID_FORMAT, "weather_warning.areas[0].adcodes[0]"));
    }

    static Stream<Hostile> binaryRows() {
        return rows().filter(row -> !row.websocketOnly());
    }

    private static Hostile envelope(String name, Agency connection, Supplier<Envelope> bad, RejectionCode code,
                                    String fieldPath) {
        return new Hostile(name, connection, () -> binary(bad.get()), code, fieldPath, null, false);
    }

    private static Hostile located(String name, Agency connection, Supplier<Envelope> bad, String fieldPath,
                                   String reasonHint) {
        return new Hostile(name, connection, () -> binary(bad.get()), REJECTION_CODE_OUTSIDE_SERVICE_AREA, fieldPath,
                reasonHint, false);
    }

    private static Hostile bytes(String name, Agency connection, Supplier<byte[]> bad, RejectionCode code) {
        return new Hostile(name, connection, () -> new Binary(bad.get(), ""), code, "", null, false);
    }

    private static Hostile text(String name, Agency connection, Supplier<String> bad) {
        return new Hostile(name, connection, () -> new Text(bad.get()), REJECTION_CODE_MALFORMED, "", null, true);
    }

    private static Binary binary(Envelope e) {
        // The gateway repeats a message id it could read, unless it is over the id limit.
        return new Binary(e.toByteArray(), e.getMessageId().length() <= 128 ? e.getMessageId() : "");
    }

    private static Supplier<Envelope> police(Consumer<Envelope.Builder> corrupt) {
        return () -> modified(AgencyMessages.policeReport(LON, LAT), corrupt);
    }

    private static Supplier<Envelope> fire(Consumer<Envelope.Builder> corrupt) {
        return () -> modified(AgencyMessages.fireAlarm(LON, LAT), corrupt);
    }

    /** A warning over Jinan: if one were applied it would link to the probe incidents and show. */
    private static Supplier<Envelope> weather(Consumer<Envelope.Builder> corrupt) {
        return () -> modified(AgencyMessages.weatherAlert(AgencyMessages.JINAN_AREA), corrupt);
    }

    private static Supplier<Envelope> traffic(Consumer<Envelope.Builder> corrupt) {
        return () -> modified(AgencyMessages.trafficCondition(117.00, 36.66), corrupt);
    }

    private static Envelope modified(Envelope.Builder b, Consumer<Envelope.Builder> corrupt) {
        corrupt.accept(b);
        return b.build();
    }

    private static void at(Envelope.Builder b, double lon, double lat) {
        b.getPoliceReportBuilder().getLocationBuilder().getPointBuilder().setLongitude(lon).setLatitude(lat);
    }

    /** A well-formed police report whose description alone takes it over the frame limit. */
    private static byte[] oversize() {
        byte[] bytes = AgencyMessages.policeReport(LON, LAT)
                .setPoliceReport(AgencyMessages.policeReport(LON, LAT).getPoliceReport().toBuilder()
                        .setDescription("火".repeat(100_000)))
                .build().toByteArray();
        assertThat(bytes.length).isGreaterThan(MAX_FRAME_BYTES);
        return bytes;
    }

    private static byte[] filled(int n, byte b) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, b);
        return bytes;
    }

    // -- the tests

    @Order(1)
    @ParameterizedTest(name = "[websocket] {0}")
    @MethodSource("rows")
    void a_bad_frame_on_the_websocket_is_rejected_and_the_socket_carries_on(Hostile row) throws Exception {
        RawAgencySocket socket = sockets.get(row.connection());
        Input input = row.input().get();
        GatewayFrame reply = input instanceof Binary b ? socket.exchange(b.bytes())
                : socket.exchangeText(((Text) input).text());
        assertRejected(row, input, reply);

        Envelope probe = probes.next(row.connection());
        probes.acked(probe, socket.exchange(probe.toByteArray()));
        assertThat(socket.isOpen()).as(socket.state()).isTrue();
        assertOnlyProbeIncidents();
    }

    @Order(2)
    @ParameterizedTest(name = "[batch] {0}")
    @MethodSource("binaryRows")
    void a_bad_frame_in_a_batch_is_rejected_and_the_next_frame_is_still_handled(Hostile row) throws Exception {
        Binary bad = (Binary) row.input().get();
        Envelope probe = probes.next(row.connection());
        RawBatch.Answer answer = RawBatch.post(node.baseUri(), row.connection(),
                DelimitedFrames.joinRaw(List.of(bad.bytes(), probe.toByteArray())));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.frames()).as("one answer per frame, in order").hasSize(2);
        assertRejected(row, bad, answer.frames().get(0));
        probes.acked(probe, answer.frames().get(1));
        assertOnlyProbeIncidents();
    }

    @Order(3)
    @Test
    void a_batch_whose_last_frame_is_cut_short_answers_the_frames_before_it_then_malformed() throws Exception {
        Envelope first = probes.next(AGENCY_POLICE);
        Envelope second = probes.next(AGENCY_POLICE);
        byte[] whole = DelimitedFrames.joinRaw(List.of(first.toByteArray(), second.toByteArray(),
                AgencyMessages.policeReport(LON, LAT).build().toByteArray()));
        byte[] cut = Arrays.copyOf(whole, whole.length - 20);

        RawBatch.Answer answer = RawBatch.post(node.baseUri(), AGENCY_POLICE, cut);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.frames()).hasSize(3);
        probes.acked(first, answer.frames().get(0));
        probes.acked(second, answer.frames().get(1));
        Rejection rest = answer.frames().get(2).getRejection();
        assertThat(rest.getCode()).as(rest.getReason()).isEqualTo(REJECTION_CODE_MALFORMED);
        assertThat(rest.getReason()).contains("truncated");
        assertOnlyProbeIncidents();
    }

    @Order(4)
    @Test
    void a_batch_without_a_valid_handshake_is_refused_before_it_is_read() throws Exception {
        byte[] body = DelimitedFrames.joinRaw(List.of(RunningNode.signed(AGENCY_POLICE,
                AgencyMessages.policeReport(LON, LAT).build())));
        String valid = RunningNode.handshake(AGENCY_POLICE, "POST", "/v1/agency/messages");

        assertThat(RawBatch.postAsIs(node.baseUri(), null, body).status()).isEqualTo(401);
        assertThat(RawBatch.postAsIs(node.baseUri(), "Bearer test-token-police-0123456788", body).status()).isEqualTo(401);
        assertThat(RawBatch.postAsIs(node.baseUri(), RunningNode.handshake(AGENCY_POLICE, "GET", "/v1/agency/stream"),
                body).status()).as("a handshake signed for the stream").isEqualTo(401);
        RawBatch.Answer admitted = RawBatch.postAsIs(node.baseUri(), valid, body);
        assertThat(admitted.status()).isEqualTo(200);
        // The admitted report is a real one: it opened an incident, which the ledger must know like a probe's.
        assertThat(admitted.frames().get(0).hasAck()).as("%s", admitted.frames()).isTrue();
        probes.opened(admitted.frames().get(0).getAck().getEffectRef());
        assertThat(RawBatch.postAsIs(node.baseUri(), valid, body).status()).as("the same handshake again").isEqualTo(401);
        assertOnlyProbeIncidents();
    }

    @Order(5)
    @Test
    void a_websocket_upgrade_without_a_valid_handshake_is_refused() throws Exception {
        String police = RunningNode.handshake(AGENCY_POLICE, "GET", "/v1/agency/stream");
        assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), null)).isEqualTo(401);
        assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), "Bearer test-token-police-0123456789")).isEqualTo(401);
        assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), police.replace("sig=\"", "sig=\"A"))).isEqualTo(401);
        assertThat(RawAgencySocket.upgradeStatus(node.baseUri(),
                RunningNode.handshake(AGENCY_POLICE, "POST", "/v1/agency/messages"))).isEqualTo(401);
        assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), police)).isEqualTo(101);
        assertOnlyProbeIncidents();
    }

    @Order(6)
    @Test
    void a_batch_body_over_the_size_limit_is_refused_with_413() throws Exception {
        // Well-framed reports all the way (unsigned: the size is judged before any frame is read).
        List<byte[]> frames = new ArrayList<>();
        int total = 0;
        while (total <= MAX_BATCH_BYTES) {
            byte[] report = AgencyMessages.policeReport(LON, LAT).build().toByteArray();
            frames.add(report);
            total += report.length + 2;
        }

        DeclaredLengthPost.Answer answer = DeclaredLengthPost.post(node.baseUri(), "/v1/agency/messages",
                "application/x-protobuf", RunningNode.handshake(AGENCY_POLICE, "POST", "/v1/agency/messages"),
                DelimitedFrames.joinRaw(frames));

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertOnlyProbeIncidents();
    }

    @Order(7)
    @Test
    void a_resent_message_id_is_acknowledged_as_a_duplicate_with_the_same_incident_and_files_nothing_twice()
            throws Exception {
        Envelope report = probes.freshPoliceReport().build();
        byte[] bytes = report.toByteArray();
        RawAgencySocket police = sockets.get(AGENCY_POLICE);

        Ack first = acked(report, police.exchange(bytes));
        probes.opened(first.getEffectRef());
        Ack again = acked(report, police.exchange(bytes));
        Ack elsewhere;
        try (RawAgencySocket second = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            elsewhere = acked(report, second.exchange(bytes));
        }
        RawBatch.Answer batch = RawBatch.post(node.baseUri(), AGENCY_POLICE,
                DelimitedFrames.joinRaw(List.of(bytes)));
        Ack batched = acked(report, batch.frames().get(0));

        assertThat(first.getDuplicate()).isFalse();
        assertThat(first.getEffectRef()).startsWith("3701");
        for (Ack resend : List.of(again, elsewhere, batched)) {
            assertThat(resend.getDuplicate()).isTrue();
            assertThat(resend.getEffectRef()).isEqualTo(first.getEffectRef());
        }
        JsonNode incident = Json.MAPPER.readTree(node.get("/v1/incidents/" + first.getEffectRef()).body());
        assertThat(incident.path("reports")).hasSize(1);
        assertOnlyProbeIncidents();
    }

    @Order(8)
    @Test
    void a_test_message_is_acknowledged_and_opens_nothing() throws Exception {
        Envelope test = probes.freshPoliceReport().setStatus(MessageStatus.MESSAGE_STATUS_TEST).build();

        Ack ack = acked(test, sockets.get(AGENCY_POLICE).exchange(test.toByteArray()));

        assertThat(ack.getDuplicate()).isFalse();
        assertThat(ack.getEffectRef()).doesNotStartWith("37");
        assertOnlyProbeIncidents();
    }

    @Order(100)
    @Test
    void after_all_of_it_the_node_serves_every_socket_is_open_and_only_the_probe_incidents_exist() throws Exception {
        assertThat(node.get("/v1/incidents").statusCode()).isEqualTo(200);
        for (Map.Entry<Agency, RawAgencySocket> s : sockets.entrySet()) {
            assertThat(s.getValue().isOpen()).as("%s socket: %s", s.getKey(), s.getValue().state()).isTrue();
            assertThat(s.getValue().unreadReplies()).as("%s socket: answers nobody asked for", s.getKey()).isZero();
            Envelope probe = probes.next(s.getKey());
            probes.acked(probe, s.getValue().exchange(probe.toByteArray()));
        }
        assertThat(probes.incidents()).as("the probes opened incidents").hasSizeGreaterThan(50);
        assertOnlyProbeIncidents();
    }

    // -- checks

    private static void assertRejected(Hostile row, Input input, GatewayFrame reply) {
        assertThat(reply.hasRejection()).as("%s: expected %s, got %s", row, row.code(), reply).isTrue();
        Rejection r = reply.getRejection();
        assertThat(r.getCode()).as("%s: code (reason: %s)", row, r.getReason()).isEqualTo(row.code());
        assertThat(r.getFieldPath()).as("%s: field path (reason: %s)", row, r.getReason()).isEqualTo(row.fieldPath());
        assertThat(r.getReason()).as("%s: reason", row).isNotBlank();
        if (row.reasonHint() != null) {
            assertThat(r.getReason()).as("%s: reason", row).contains(row.reasonHint());
        }
        assertThat(r.getRetryable()).as("%s: a bad input is not worth resending", row).isFalse();
        String echoed = input instanceof Binary b ? b.echoedId() : "";
        assertThat(r.getMessageId()).as("%s: message id echoed", row).isEqualTo(echoed);
    }

    private static Ack acked(Envelope sent, GatewayFrame reply) {
        assertThat(reply.hasAck()).as("expected an Ack for %s, got %s", sent.getMessageId(), reply).isTrue();
        assertThat(reply.getAck().getMessageId()).isEqualTo(sent.getMessageId());
        return reply.getAck();
    }

    /**
     * The incidents are exactly those the probes opened, each holding its one
     * report and no warning: on the read side (once it has caught up) and over
     * HTTP. A bad input that opened, joined or re-linked anything shows here.
     */
    private static void assertOnlyProbeIncidents() throws Exception {
        Set<String> expected = probes.incidents();
        IncidentBoard board = node.server().board();
        try {
            Await.until("the read side holds exactly the probe incidents", Duration.ofSeconds(30),
                    () -> board.size() == expected.size() && ids(board).equals(expected));
        } catch (AssertionError gaveUp) {
            assertThat(ids(board)).as(gaveUp.getMessage()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(board.size()).as(gaveUp.getMessage()).isEqualTo(expected.size());
        }
        for (IncidentSummary s : board.open(county -> true)) {
            assertThat(s.reportCount()).as("reports of %s", s.incidentId()).isEqualTo(1);
            assertThat(s.warnings()).as("warnings of %s", s.incidentId()).isEmpty();
        }

        var listed = node.get("/v1/incidents");
        assertThat(listed.statusCode()).isEqualTo(200);
        Set<String> overHttp = new HashSet<>();
        for (JsonNode i : Json.MAPPER.readTree(listed.body())) {
            overHttp.add(i.path("incidentId").asText());
            assertThat(i.path("reportCount").asInt()).as("reports of %s", i.path("incidentId")).isEqualTo(1);
        }
        assertThat(overHttp).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Set<String> ids(IncidentBoard board) {
        return board.open(county -> true).stream().map(IncidentSummary::incidentId).collect(Collectors.toSet());
    }
}
