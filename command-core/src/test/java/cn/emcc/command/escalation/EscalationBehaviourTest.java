package cn.emcc.command.escalation;

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
import cn.emcc.protocols.v1.EscalationNotice;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.NodeStreamRequest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.EscalationKind.*;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escalation over the real sockets: a grade that makes a higher node the lead
 * puts a notice on that node's stream (and no other), it is announced again
 * until acknowledged, by the node's system over the stream or by a duty
 * officer over HTTP; it survives a restart; a downgrade and a close are new
 * notices to the node that led.
 */
class EscalationBehaviourTest {

    private static final String COUNTY_OFFICER = "wang.wei@370102";

    @TempDir
    Path scratch;

    private static Config config(TestStore store) {
        return ConfigFactory.parseString("emcc.nodes.reannounce-every = 1s").withFallback(store.config());
    }

    @Test
    void a_city_is_told_when_it_leads_is_reminded_and_its_system_acknowledges_over_the_stream() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(config(store))) {
            String incident = report(node);
            NodeStreamClient county = new NodeStreamClient(node.baseUri(), "370102", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            NodeStreamClient city = new NodeStreamClient(node.baseUri(), "370100", false, node.token("jinan-duty-system@370100")).connect(ResumeBy.FIRST_FRAME);
            NodeStreamClient province = new NodeStreamClient(node.baseUri(), "370000", true, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);

            grade(node, incident, "III");
            Await.until("the city has the notice", Duration.ofSeconds(30), () -> city.notices().containsKey(incident));
            EscalationNotice notice = city.notices().get(incident);
            assertThat(notice.getKind()).isEqualTo(ESCALATION_KIND_ESCALATED);
            assertThat(notice.getGrade()).isEqualTo(Grade.GRADE_III);
            assertThat(notice.getCountyAdcode()).isEqualTo("370102");
            Await.until("the summary counts it", Duration.ofSeconds(30), () -> city.summary().getPendingEscalations() == 1);
            Await.until("it is announced again while unacknowledged", Duration.ofSeconds(30),
                    () -> city.notices().get(incident).getAnnouncement() >= 2);

            city.send(NodeStreamRequest.newBuilder().setAcknowledge(AcknowledgeEscalation.newBuilder()
                    .setIncidentId(incident).setRevision(notice.getRevision()).setBy("jinan-duty-system")).build());
            Await.until("the acknowledgement shows on the stream", Duration.ofSeconds(30),
                    () -> city.notices().isEmpty() && city.summary().getPendingEscalations() == 0);
            assertThat(city.escalationMessages()).last().satisfies(n -> {
                assertThat(n.getAcknowledged()).isTrue();
                assertThat(n.getAcknowledgedBy()).contains("jinan-duty-system");
            });
            assertThat(node.server().nodes().feed("370100").orElseThrow().snapshot().getSnapshot().getEscalationsList())
                    .isEmpty();

            Await.until("the county and province streams are in step", Duration.ofSeconds(30), () ->
                    county.isAt(node.server().nodes().epoch(), node.server().nodes().feed("370102").orElseThrow().sequence())
                            && province.isAt(node.server().nodes().epoch(),
                            node.server().nodes().feed("370000").orElseThrow().sequence()));
            assertThat(county.escalationMessages()).as("a grade III incident is not the province's or the county's notice")
                    .isEmpty();
            assertThat(province.escalationMessages()).isEmpty();
            for (NodeStreamClient c : new NodeStreamClient[]{county, city, province}) {
                assertThat(c.violations()).isEmpty();
                c.close();
            }
        }
    }

    @Test
    void the_province_notice_survives_a_restart_is_acknowledged_by_its_officer_and_a_downgrade_is_a_new_notice()
            throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            String incident;
            try (RunningNode node = RunningNode.start(config(store))) {
                incident = report(node);
                grade(node, incident, "II");
                Await.until("the province desk holds the notice", Duration.ofSeconds(30), () ->
                        node.get("/v1/nodes/370000/escalations").body().contains(incident));
                assertThat(node.get("/v1/nodes/370100/escalations").body()).doesNotContain(incident);
            }
            try (RunningNode node = RunningNode.start(config(store))) {
                NodeStreamClient province = new NodeStreamClient(node.baseUri(), "370000", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
                Await.until("the restarted province still has the notice", Duration.ofSeconds(30),
                        () -> province.notices().containsKey(incident));
                assertThat(province.notices().get(incident).getRevision()).isEqualTo(1);

                HttpResponse<String> wrongNode = node.post("/v1/nodes/370000/escalations/" + incident + "/ack",
                        "li.ming@370100", "");
                assertThat(wrongNode.statusCode()).isEqualTo(403);
                HttpResponse<String> nobody = node.post("/v1/nodes/370000/escalations/" + incident + "/ack", null, "");
                assertThat(nobody.statusCode()).isEqualTo(401);
                HttpResponse<String> acked = node.post("/v1/nodes/370000/escalations/" + incident + "/ack",
                        "zhang.li@370000", "{\"revision\": 1}");
                assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
                Await.until("the acknowledgement shows on the stream", Duration.ofSeconds(30),
                        () -> province.notices().isEmpty());
                assertThat(province.escalationMessages()).last()
                        .satisfies(n -> assertThat(n.getAcknowledgedBy()).contains("zhang.li"));

                grade(node, incident, "IV");
                Await.until("the downgrade is a new notice", Duration.ofSeconds(30),
                        () -> province.notices().containsKey(incident));
                EscalationNotice downgrade = province.notices().get(incident);
                assertThat(downgrade.getKind()).isEqualTo(ESCALATION_KIND_DOWNGRADED);
                assertThat(downgrade.getRevision()).isEqualTo(2);
                HttpResponse<String> stale = node.post("/v1/nodes/370000/escalations/" + incident + "/ack",
                        "zhang.li@370000", "{\"revision\": 1}");
                assertThat(stale.statusCode()).isEqualTo(409);
                assertThat(stale.body()).contains("superseded");
                assertThat(province.violations()).isEmpty();
                province.close();
            }
        }
    }

    @Test
    void a_close_tells_the_leading_city_with_a_new_notice_its_officer_acknowledges() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(config(store))) {
            String incident = report(node);
            NodeStreamClient city = new NodeStreamClient(node.baseUri(), "370100", true,
                    node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            grade(node, incident, "III");
            Await.until("the city leads", Duration.ofSeconds(30), () -> city.notices().containsKey(incident));
            HttpResponse<String> acked = node.post("/v1/nodes/370100/escalations/" + incident + "/ack",
                    "li.ming@370100", "{\"revision\": 1}");
            assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
            Await.until("the rise is acknowledged", Duration.ofSeconds(30), () -> city.notices().isEmpty());

            status(node, incident, "VERIFIED");
            status(node, incident, "CLOSED");
            Await.until("the close is a new notice to the city", Duration.ofSeconds(30),
                    () -> city.notices().containsKey(incident));
            EscalationNotice ended = city.notices().get(incident);
            assertThat(ended.getKind()).isEqualTo(ESCALATION_KIND_ENDED);
            assertThat(ended.getRevision()).isEqualTo(2);
            assertThat(node.get("/v1/nodes/370000/escalations").body()).doesNotContain(incident);
            HttpResponse<String> closedAck = node.post("/v1/nodes/370100/escalations/" + incident + "/ack",
                    "li.ming@370100", "{\"revision\": 2}");
            assertThat(closedAck.statusCode()).as(closedAck.body()).isEqualTo(200);
            Await.until("the close is acknowledged", Duration.ofSeconds(30), () -> city.notices().isEmpty());
            assertThat(node.get("/v1/nodes/370100/escalations").body())
                    .contains("\"revision\":2,\"kind\":\"ESCALATION_KIND_ENDED\"")
                    .contains("\"acknowledged\":true,\"acknowledgedBy\":\"officer:li.ming\"");
            assertThat(city.violations()).isEmpty();
            city.close();
        }
    }

    private static void status(RunningNode node, String incident, String to) {
        HttpResponse<String> r = node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                "{\"to\":\"" + to + "\",\"why\":\"on the county's word\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
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
