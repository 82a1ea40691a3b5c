package cn.emcc.command.escalation;

import cn.emcc.command.http.Json;
import cn.emcc.command.officers.Role;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.NodeStreamClient.ResumeBy;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.AcknowledgeEscalation;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.RequestRefused;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static cn.emcc.command.testsupport.Envelopes.JINAN_LAT;
import static cn.emcc.command.testsupport.Envelopes.JINAN_LON;
import static cn.emcc.command.testsupport.Envelopes.fireAlarm;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests on a command node's stream over real sockets: a frame that is not a
 * request is refused on the stream, which goes on; an acknowledgement of an
 * escalation notice with a wrong revision, of an unknown incident, by a VIEWER
 * or by an officer of another node is refused with its reason and leaves the
 * notice pending; a good one is confirmed and the notice leaves. Each
 * acknowledgement is in the audit log. The HTTP acknowledgement takes only
 * {@code {"revision": n}}: anything else is 400 on {@code revision}.
 */
class StreamAcknowledgementBehaviourTest {

    private static final String COUNTY_OFFICER = "wang.wei@370102";
    private static final String CITY_OFFICER = "li.na@370100";
    private static final String AUDITOR = "auditor";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    @Test
    void bad_frames_and_refused_acknowledgements_are_answered_on_the_stream_and_change_nothing() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            String incident = report(node);
            NodeStreamClient duty = client(node, node.token(CITY_OFFICER));
            NodeStreamClient viewer = client(node, node.token("zhou.kan", Role.VIEWER, "370100"));
            NodeStreamClient province = client(node, node.token(RunningNode.PROVINCE_OFFICER));
            grade(node, incident, "III");
            Await.until("the city has the notice", PATIENCE, () -> duty.notices().containsKey(incident)
                    && viewer.notices().containsKey(incident) && province.notices().containsKey(incident));
            int revision = duty.notices().get(incident).getRevision();

            duty.sendBinary(new byte[] {0x0a, (byte) 0xff});
            RequestRefused garbage = refusal(duty, 1);
            assertThat(garbage.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_MALFORMED);
            assertThat(garbage.getReason()).contains("binary frame is not a NodeStreamRequest");
            assertThat(garbage.hasAcknowledge()).isFalse();
            duty.sendText("ack please");
            RequestRefused text = refusal(duty, 2);
            assertThat(text.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_MALFORMED);
            assertThat(text.getReason()).contains("text frame is not a NodeStreamRequest in JSON");
            duty.sendText("{\"epoch\": \"" + "x".repeat(40_000) + "\"}");
            RequestRefused large = refusal(duty, 3);
            assertThat(large.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_MALFORMED);
            assertThat(large.getReason()).contains("over 16384 bytes");
            duty.send(NodeStreamRequest.newBuilder().setLastSequence(1).build());
            RequestRefused late = refusal(duty, 4);
            assertThat(late.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_MISSING_FIELD);
            assertThat(late.getFieldPath()).isEqualTo("acknowledge");

            HttpResponse<String> verified = node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                    "{\"to\":\"VERIFIED\",\"why\":\"duty officer's decision\"}");
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            Await.until("the socket still serves the next change", PATIENCE, () -> duty.incidents().get(incident)
                    .getStatus() == IncidentStatus.INCIDENT_STATUS_VERIFIED);
            assertThat(duty.closedByServer()).isFalse();

            duty.send(ack(incident, revision + 1));
            RequestRefused wrongRevision = refusal(duty, 5);
            assertThat(wrongRevision.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_INCONSISTENT);
            assertThat(wrongRevision.getFieldPath()).isEqualTo("acknowledge.revision");
            assertThat(wrongRevision.getReason()).contains("revision " + (revision + 1))
                    .contains("expected the current revision " + revision);
            assertThat(wrongRevision.getAcknowledge().getIncidentId()).isEqualTo(incident);

            String unknown = "370102-00000000-0000-0000-0000-000000000000";
            duty.send(ack(unknown, 1));
            RequestRefused unknownIncident = refusal(duty, 6);
            assertThat(unknownIncident.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE);
            assertThat(unknownIncident.getFieldPath()).isEqualTo("acknowledge.incident_id");
            assertThat(unknownIncident.getReason()).contains(unknown);

            viewer.send(ack(incident, revision));
            RequestRefused byViewer = refusal(viewer, 1);
            assertThat(byViewer.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_NOT_PERMITTED);
            assertThat(byViewer.getReason()).contains("role VIEWER");

            province.send(ack(incident, revision));
            RequestRefused otherNode = refusal(province, 1);
            assertThat(otherNode.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_NOT_PERMITTED);
            assertThat(otherNode.getReason()).contains("officer of 370000 cannot acknowledge for node 370100");

            assertThat(duty.notices()).as("still pending after every refusal").containsKey(incident);
            assertThat(node.server().nodes().feed("370100").orElseThrow().snapshot().getSnapshot()
                    .getEscalationsList()).anySatisfy(n -> assertThat(n.getIncidentId()).isEqualTo(incident));
            assertThat(pending(node, incident)).isTrue();
            assertThat(duty.escalationMessages()).noneSatisfy(n -> assertThat(n.getAcknowledged()).isTrue());

            duty.send(ack(incident, revision));
            Await.until("the acknowledgement is confirmed", PATIENCE, () -> duty.answers().size() == 7);
            NodeStreamMessage confirmed = duty.answers().get(6);
            assertThat(confirmed.hasRequestAccepted()).as(confirmed.toString()).isTrue();
            assertThat(confirmed.getSequence()).isZero();
            assertThat(confirmed.getRequestAccepted().getAcknowledge().getIncidentId()).isEqualTo(incident);
            assertThat(confirmed.getRequestAccepted().getAcknowledge().getRevision()).isEqualTo(revision);
            assertThat(confirmed.getRequestAccepted().getAcknowledge().getBy()).contains("li.na");
            Await.until("the notice leaves the picture", PATIENCE, () -> duty.notices().isEmpty()
                    && duty.summary().getPendingEscalations() == 0);
            assertThat(pending(node, incident)).isFalse();

            List<JsonNode> audited = auditEntries(node, 5);
            String target = "370100/" + incident + "#";
            assertThat(audited).extracting(e -> e.path("who").asText() + " " + e.path("role").asText() + " "
                            + e.path("adcode").asText() + " " + e.path("target").asText() + " "
                            + e.path("outcome").asText() + " " + e.path("code").asText())
                    .containsExactlyInAnyOrder(
                            "li.na DUTY_OFFICER 370100 " + target + (revision + 1) + " FAILED INCONSISTENT",
                            "li.na DUTY_OFFICER 370100 370100/" + unknown + "#1 FAILED UNKNOWN_REFERENCE",
                            "zhou.kan VIEWER 370100 " + target + revision + " DENIED NOT_PERMITTED",
                            "test.province DUTY_OFFICER 370000 " + target + revision + " DENIED NOT_PERMITTED",
                            "li.na DUTY_OFFICER 370100 " + target + revision + " ALLOWED ACCEPTED");
            assertThat(audited).allSatisfy(e -> {
                assertThat(e.path("action").asText()).isEqualTo("stream AcknowledgeEscalation");
                assertThat(e.path("from").asText()).isEqualTo("127.0.0.1");
            });

            for (NodeStreamClient c : List.of(duty, viewer, province)) {
                assertThat(c.violations()).as(c.adcode()).isEmpty();
                assertThat(c.closedByServer()).isFalse();
                c.close();
            }
        }
    }

    @Test
    void an_http_acknowledgement_without_a_whole_revision_is_400_on_revision_and_changes_nothing() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            String incident = report(node);
            grade(node, incident, "III");
            Await.until("the city desk holds the notice", PATIENCE, () -> pending(node, incident));
            String path = "/v1/nodes/370100/escalations/" + incident + "/ack";
            for (String body : List.of("{\"revision\":\"abc\"}", "{\"revison\":1}", "{\"revision\":1.9}", "",
                    "{}", "{\"revision\":null}", "{\"revision\":0}", "{\"revision\":-1}", "{\"revision\":\"1\"}",
                    "{\"revision\":1,\"by\":\"someone\"}", "{\"revision\":4294967297}")) {
                HttpResponse<String> r = node.post(path, CITY_OFFICER, body);
                assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
                JsonNode error = Json.MAPPER.readTree(r.body());
                assertThat(error.path("field").asText()).as(body).isEqualTo("revision");
                assertThat(error.path("reason").asText()).as(body).contains("expected {\"revision\": n}");
            }
            assertThat(Json.MAPPER.readTree(node.post(path, CITY_OFFICER, "{\"revison\":1}").body())
                    .path("reason").asText()).contains("revison");
            assertThat(pending(node, incident)).as("nothing acknowledged").isTrue();

            HttpResponse<String> acked = node.post(path, CITY_OFFICER, "{\"revision\": 1}");
            assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
            assertThat(pending(node, incident)).isFalse();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static NodeStreamClient client(RunningNode node, String token) {
        return new NodeStreamClient(node.baseUri(), "370100", false, token).connect(ResumeBy.QUERY);
    }

    private static NodeStreamRequest ack(String incident, int revision) {
        return NodeStreamRequest.newBuilder().setAcknowledge(AcknowledgeEscalation.newBuilder()
                .setIncidentId(incident).setRevision(revision).setBy("whoever the frame says")).build();
    }

    /** The {@code n}th answer the client received (from 1), which must be a refusal. */
    private static RequestRefused refusal(NodeStreamClient c, int n) {
        Await.until(c.describe() + " has answer " + n, PATIENCE, () -> c.answers().size() >= n);
        NodeStreamMessage m = c.answers().get(n - 1);
        assertThat(m.hasRequestRefused()).as(m.toString()).isTrue();
        assertThat(m.getSequence()).isZero();
        assertThat(m.getNodeAdcode()).isEqualTo("370100");
        return m.getRequestRefused();
    }

    /** Whether the city desk holds the notice about the incident, not acknowledged. */
    private static boolean pending(RunningNode node, String incident) {
        try {
            HttpResponse<String> r = node.get("/v1/nodes/370100/escalations");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return StreamSupport.stream(Json.MAPPER.readTree(r.body()).spliterator(), false)
                    .anyMatch(n -> n.path("incidentId").asText().equals(incident) && !n.path("acknowledged").asBoolean());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stream acknowledgements in the audit log, read by a province ADMIN once {@code expected} are there. */
    private static List<JsonNode> auditEntries(RunningNode node, int expected) {
        String token = node.token(AUDITOR, Role.ADMIN, "370000");
        List<List<JsonNode>> seen = new ArrayList<>(List.of(List.of()));
        Await.until(expected + " audit entries of stream acknowledgements", Duration.ofSeconds(60), () -> {
            HttpResponse<String> r = node.send("GET", "/v1/audit?action=stream%20Ack", token, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            try {
                seen.set(0, StreamSupport.stream(Json.MAPPER.readTree(r.body()).path("entries").spliterator(), false)
                        .toList());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return seen.get(0).size() >= expected;
        });
        assertThat(seen.get(0)).hasSize(expected);
        return seen.get(0);
    }

    private static String report(RunningNode node) throws Exception {
        AgencyClient fire = node.client(Agency.AGENCY_FIRE);
        Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                Casualties.newBuilder().setCallers(1).build())).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        return ((Reply.Acked) reply).ack().getEffectRef();
    }

    private static void grade(RunningNode node, String incident, String grade) {
        HttpResponse<String> r = node.post("/v1/incidents/" + incident + "/grade", COUNTY_OFFICER,
                "{\"grade\":\"" + grade + "\",\"why\":\"casualty figures from the scene\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
