package cn.emcc.command.gateway;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.command.http.Json;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.RejectionCode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.IncidentCategory.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident behaviour over the real gateway socket, run on every real
 * journal: reports become incidents, duplicates correlate, resends are
 * harmless even across a restart, officers act on incidents.
 */
@ExtendWith(CassandraAvailable.class)
class IncidentIngestBehaviourTest {

    @TempDir
    Path scratch;

    private static Ack acked(Reply reply) {
        assertThat(reply).as("reply %s", reply).isInstanceOf(Reply.Acked.class);
        return ((Reply.Acked) reply).ack();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_119_alarm_and_a_110_call_about_one_fire_make_one_incident(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            AgencyClient police = node.client(Agency.AGENCY_POLICE);

            Ack first = acked(fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                    Casualties.newBuilder().setCallers(1).build())).get());
            Ack second = acked(police.send(policeReport(police, JINAN_LON, north(JINAN_LAT, 300),
                    INCIDENT_CATEGORY_FIRE_BUILDING, Casualties.newBuilder().setCallers(1).setTrapped(2).build())).get());

            assertThat(first.getEffectRef()).startsWith("370102-");
            assertThat(second.getEffectRef()).isEqualTo(first.getEffectRef());
            JsonNode incident = json(node.get("/v1/incidents/" + first.getEffectRef()).body());
            assertThat(incident.path("reports")).hasSize(2);
            assertThat(incident.path("countyAdcode").asText()).isEqualTo("370102");
            assertThat(incident.path("cityAdcode").asText()).isEqualTo("370100");
            assertThat(incident.path("timeline").toString()).contains("joined: 300 m").contains("fire_building/fire_building");

            Await.until("the read side lists the incident", Duration.ofSeconds(30),
                    () -> node.get("/v1/incidents?within=370100").body().contains(first.getEffectRef()));
            assertThat(node.get("/v1/incidents?within=370200").body()).doesNotContain(first.getEffectRef());
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_resend_is_acknowledged_as_a_duplicate_even_after_a_restart(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch)) {
            Envelope alarm;
            String incidentId;
            try (RunningNode node = RunningNode.start(store)) {
                AgencyClient fire = node.client(Agency.AGENCY_FIRE);
                alarm = fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING, Casualties.getDefaultInstance());
                incidentId = acked(fire.send(alarm).get()).getEffectRef();
                Ack again = acked(fire.send(alarm).get());
                assertThat(again.getDuplicate()).isTrue();
                assertThat(again.getEffectRef()).isEqualTo(incidentId);
            }
            try (RunningNode restarted = RunningNode.start(store)) {
                AgencyClient fire = restarted.client(Agency.AGENCY_FIRE);
                Ack afterRestart = acked(fire.send(alarm).get());
                assertThat(afterRestart.getDuplicate()).isTrue();
                assertThat(afterRestart.getEffectRef()).isEqualTo(incidentId);
                assertThat(json(restarted.get("/v1/incidents/" + incidentId).body()).path("reports")).hasSize(1);
                Await.until("the rebuilt read side lists the incident", Duration.ofSeconds(30),
                        () -> restarted.get("/v1/incidents").body().contains(incidentId));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void two_accidents_800_m_apart_are_two_incidents_and_an_officer_can_merge_them(JournalUnderTest journal)
            throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            String a = acked(police.send(policeReport(police, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT,
                    Casualties.getDefaultInstance())).get()).getEffectRef();
            String b = acked(police.send(policeReport(police, JINAN_LON, north(JINAN_LAT, 800),
                    INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, Casualties.getDefaultInstance())).get()).getEffectRef();
            assertThat(b).isNotEqualTo(a);

            var refused = node.post("/v1/incidents/" + b + "/status", "li.na@370102",
                    "{\"to\":\"ON_SCENE\",\"why\":\"skip\"}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("REPORTED cannot become ON_SCENE");

            var merged = node.post("/v1/incidents/" + b + "/merge", "li.na@370102",
                    "{\"into\":\"" + a + "\",\"why\":\"same pile-up, caller misplaced it\"}");
            assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
            assertThat(json(merged.body()).path("reports")).hasSize(2);
            assertThat(json(node.get("/v1/incidents/" + b).body()).path("status").asText()).isEqualTo("INCIDENT_STATUS_MERGED");

            var unauthenticated = node.post("/v1/incidents/" + a + "/status", null, "{\"to\":\"VERIFIED\",\"why\":\"x\"}");
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void many_reports_from_several_connections_are_all_acknowledged_and_kept(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            List<java.util.concurrent.CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // Spread over Jinan's urban counties, 2 km apart: no two correlate.
                double lon = 116.90 + (i % 20) * 0.02;
                double lat = 36.60 + (i / 20) * 0.02;
                replies.add(i % 2 == 0
                        ? police.send(policeReport(police, lon, lat, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, Casualties.getDefaultInstance()))
                        : fire.send(fireAlarm(fire, lon, lat, INCIDENT_CATEGORY_FIRE_BUILDING, Casualties.getDefaultInstance())));
            }
            List<String> incidents = new ArrayList<>();
            for (var r : replies) {
                Reply reply = r.get();
                if (reply instanceof Reply.Rejected rejected) {
                    // A point may fall outside the (approximate) county polygons: that must be the only refusal.
                    assertThat(rejected.rejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA);
                } else {
                    incidents.add(acked(reply).getEffectRef());
                }
            }
            assertThat(incidents).hasSizeGreaterThan(150).doesNotHaveDuplicates();
            Await.until("the read side has every incident", Duration.ofSeconds(60),
                    () -> node.server().board().size() == incidents.size());
        }
    }
}
