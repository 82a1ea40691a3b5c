package cn.emcc.command.gateway;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RawAgencySocket;
import cn.emcc.command.testsupport.RawBatch;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.command.trust.DevKeySet;
import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import static cn.emcc.protocols.v1.Agency.AGENCY_FIRE;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may talk to the gateway, proved over its real sockets: agency systems
 * get in only with a fresh handshake signed by an active registered key; each
 * envelope must be signed by that key; a captured handshake or envelope is no
 * use to whoever captured it; a key revoked in the registry file is shut out
 * without a restart; kind and jurisdiction rules still hold for a key that is
 * good.
 */
class AgencyTrustTest {

    /** 泉城广场, 济南市历下区 (370102); and 五四广场, 青岛市市南区 (370202). */
    private static final double JINAN_LON = 117.0205, JINAN_LAT = 36.6612;
    private static final double QINGDAO_LON = 120.3840, QINGDAO_LAT = 36.0620;

    /** A police system that serves Jinan only, and a fire system registered for unit statuses only. */
    private static final KeyPair JINAN_POLICE = SignatureAlgorithm.ED25519.generate();
    private static final KeyPair FIRE_UNITS = SignatureAlgorithm.ED25519.generate();

    @TempDir
    static Path scratch;

    private static TestStore store;
    private static RunningNode node;
    private static Path registry;

    @BeforeAll
    static void startNode() throws Exception {
        registry = scratch.resolve("agency-keys.conf");
        writeRegistry("active");
        store = JournalUnderTest.H2.freshStore(scratch.resolve("store"));
        node = RunningNode.start(store, ConfigFactory.parseString(
                "emcc.gateway.agency-keys = \"" + registry + "\"\nemcc.gateway.agency-keys-check-every = 100ms\n"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static void writeRegistry(String policeStatus) throws Exception {
        DevKeySet keys = RunningNode.KEYS;
        Files.writeString(registry, "agencies = [\n"
                + DevKeySet.entry(keys.keyId(AGENCY_POLICE), AGENCY_POLICE, "police", List.of("370000"),
                keys.publicKey(AGENCY_POLICE), policeStatus)
                + DevKeySet.entry(keys.keyId(AGENCY_FIRE), AGENCY_FIRE, "fire", List.of("370000"),
                keys.publicKey(AGENCY_FIRE), "active")
                + DevKeySet.entry("jinan-110", AGENCY_POLICE, "jinan-110", List.of("370100"), JINAN_POLICE.getPublic(), "active")
                + "  { key-id = \"fire-units\", agency = FIRE, name = \"fire-units\", jurisdictions = [\"370000\"],"
                + " kinds = [UNIT_STATUS, UNIT_POSITION], public-key = \"" + KeyPem.base64(FIRE_UNITS.getPublic()) + "\" }\n"
                + "]\n");
    }

    private static Envelope report(double lon, double lat) {
        return AgencyMessages.policeReport(lon, lat).build();
    }

    private static Rejection rejected(GatewayFrame reply, RejectionCode code, String field) {
        assertThat(reply.hasRejection()).as("%s", reply).isTrue();
        Rejection r = reply.getRejection();
        assertThat(r.getCode()).as(r.getReason()).isEqualTo(code);
        assertThat(r.getFieldPath()).isEqualTo(field);
        return r;
    }

    @Test
    void a_registered_agency_signs_in_and_its_signed_report_is_acknowledged() {
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            GatewayFrame reply = police.exchange(report(JINAN_LON, JINAN_LAT).toByteArray());
            assertThat(reply.hasAck()).as("%s", reply).isTrue();
        }
    }

    @Test
    void a_captured_handshake_cannot_open_a_second_connection() {
        String header = RunningNode.handshake(AGENCY_POLICE, "GET", "/v1/agency/stream");
        try (RawAgencySocket first = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE, header)) {
            assertThat(first.exchange(report(JINAN_LON, JINAN_LAT).toByteArray()).hasAck()).isTrue();
            assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), header)).isEqualTo(401);
        }
    }

    @Test
    void a_captured_envelope_sent_again_is_a_duplicate_with_no_second_effect() {
        byte[] captured = RunningNode.signed(AGENCY_POLICE, report(JINAN_LON, JINAN_LAT));
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            GatewayFrame first = police.exchangeAsIs(captured);
            RawBatch.Answer replayed = RawBatch.post(node.baseUri(), AGENCY_POLICE, DelimitedFrames.joinRaw(List.of(captured)));

            assertThat(first.getAck().getDuplicate()).isFalse();
            assertThat(replayed.frames().get(0).getAck().getDuplicate()).isTrue();
            assertThat(replayed.frames().get(0).getAck().getEffectRef()).isEqualTo(first.getAck().getEffectRef());
        }
    }

    @Test
    void an_envelope_sent_outside_the_window_is_refused_though_its_signature_is_good() {
        Envelope old = report(JINAN_LON, JINAN_LAT).toBuilder().setSent(AgencyMessages.ago(Duration.ofHours(2))).build();
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            Rejection r = rejected(police.exchange(old.toByteArray()), RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, "sent");
            assertThat(r.getReason()).contains("PT1H");
        }
    }

    @Test
    void an_envelope_not_signed_by_the_connections_own_key_is_refused() throws Exception {
        Envelope report = report(JINAN_LON, JINAN_LAT);
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            rejected(police.exchangeAsIs(report.toByteArray()), RejectionCode.REJECTION_CODE_UNAUTHENTICATED, "signature");
            // Fire's own key on the police connection: another agency's signature.
            rejected(police.exchangeAsIs(RunningNode.signed(AGENCY_FIRE, report)),
                    RejectionCode.REJECTION_CODE_UNAUTHENTICATED, "signature.key_id");
            // The police key id, but the signature made with fire's key: forged.
            byte[] forged = EnvelopeSignatures.signWire(report.toByteArray(), RunningNode.KEYS.keyId(AGENCY_POLICE),
                    RunningNode.KEYS.privateKey(AGENCY_FIRE));
            rejected(police.exchangeAsIs(forged), RejectionCode.REJECTION_CODE_UNAUTHENTICATED, "signature.value");
            // Signed honestly, then altered on the way.
            Envelope signed = Envelope.parseFrom(RunningNode.signed(AGENCY_POLICE, report));
            Envelope altered = signed.toBuilder().setPoliceReport(signed.getPoliceReport().toBuilder()
                    .setDescription("altered")).build();
            rejected(police.exchangeAsIs(altered.toByteArray()), RejectionCode.REJECTION_CODE_UNAUTHENTICATED,
                    "signature.value");

            assertThat(police.exchange(report.toByteArray()).hasAck()).as("the connection carries on").isTrue();
        }
    }

    @Test
    void an_envelope_whose_sender_names_another_agency_is_refused() {
        Envelope claimsFire = AgencyMessages.fireAlarm(JINAN_LON, JINAN_LAT).build();
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            rejected(police.exchange(claimsFire.toByteArray()), RejectionCode.REJECTION_CODE_NOT_PERMITTED, "sender.agency");
        }
    }

    @Test
    void a_key_for_one_city_may_not_report_in_another_and_a_narrowed_key_may_not_send_other_kinds() throws Exception {
        try (RawAgencySocket jinan = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE,
                cn.emcc.protocols.trust.AgencyHandshake.header("jinan-110", JINAN_POLICE.getPrivate(), "GET",
                        "/v1/agency/stream", java.time.Instant.now()))) {
            Envelope qingdao = report(QINGDAO_LON, QINGDAO_LAT);
            Rejection r = rejected(jinan.exchangeAsIs(EnvelopeSignatures.signWire(qingdao.toByteArray(), "jinan-110",
                    JINAN_POLICE.getPrivate())), RejectionCode.REJECTION_CODE_NOT_PERMITTED, "police_report.location.point");
            assertThat(r.getReason()).contains("370100");
            GatewayFrame home = jinan.exchangeAsIs(EnvelopeSignatures.signWire(report(JINAN_LON, JINAN_LAT).toByteArray(),
                    "jinan-110", JINAN_POLICE.getPrivate()));
            assertThat(home.hasAck()).as("%s", home).isTrue();
        }
        try (RawAgencySocket units = RawAgencySocket.connect(node.baseUri(), AGENCY_FIRE,
                cn.emcc.protocols.trust.AgencyHandshake.header("fire-units", FIRE_UNITS.getPrivate(), "GET",
                        "/v1/agency/stream", java.time.Instant.now()))) {
            Envelope alarm = AgencyMessages.fireAlarm(JINAN_LON, JINAN_LAT).build();
            Rejection r = rejected(units.exchangeAsIs(EnvelopeSignatures.signWire(alarm.toByteArray(), "fire-units",
                    FIRE_UNITS.getPrivate())), RejectionCode.REJECTION_CODE_NOT_PERMITTED, "kind");
            assertThat(r.getReason()).contains(MessageKind.MESSAGE_KIND_FIRE_ALARM.name());
        }
    }

    @Test
    void the_order_key_is_published_for_agencies() throws Exception {
        var answer = node.get("/v1/agency/order-key");
        assertThat(answer.statusCode()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(json.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(KeyPem.publicKey(json.path("publicKey").asText(), "answer"))
                .isEqualTo(RunningNode.KEYS.orderKey(SignatureAlgorithm.ED25519));
        assertThat(json.path("keyId").asText()).isEqualTo(KeyPem.fingerprint(RunningNode.KEYS.orderKey(SignatureAlgorithm.ED25519)));
    }

    /** Revokes the police key and puts it back, waiting until it is good again, so the other tests need no order. */
    @Test
    void a_revoked_key_is_shut_out_without_a_restart() throws Exception {
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), AGENCY_POLICE)) {
            assertThat(police.exchange(report(JINAN_LON, JINAN_LAT).toByteArray()).hasAck()).isTrue();

            writeRegistry("revoked");
            Await.until("the revoked key's open connection is closed", Duration.ofSeconds(30), () -> !police.isOpen());
            assertThat(RawAgencySocket.upgradeStatus(node.baseUri(),
                    RunningNode.handshake(AGENCY_POLICE, "GET", "/v1/agency/stream"))).isEqualTo(401);
            assertThat(RawBatch.post(node.baseUri(), AGENCY_POLICE, DelimitedFrames.joinRaw(
                    List.of(report(JINAN_LON, JINAN_LAT).toByteArray()))).status()).isEqualTo(401);
            try (RawAgencySocket fire = RawAgencySocket.connect(node.baseUri(), AGENCY_FIRE)) {
                assertThat(fire.exchange(AgencyMessages.fireAlarm(JINAN_LON, JINAN_LAT).build().toByteArray()).hasAck())
                        .as("other keys are not affected").isTrue();
            }
        } finally {
            writeRegistry("active");
        }
        Await.until("the key is active again", Duration.ofSeconds(30), () -> RawAgencySocket.upgradeStatus(node.baseUri(),
                RunningNode.handshake(AGENCY_POLICE, "GET", "/v1/agency/stream")) == 101);
    }
}
