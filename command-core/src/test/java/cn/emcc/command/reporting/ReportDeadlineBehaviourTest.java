package cn.emcc.command.reporting;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.NodeStreamClient.ResumeBy;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.ReportOverdue;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report deadlines over the real sockets, with deadlines of a second: a
 * verified incident whose initial report is not filed in time alerts its
 * county and its city (and not the province); filing it by a county officer
 * clears the alert on both.
 */
class ReportDeadlineBehaviourTest {

    private static final String COUNTY_OFFICER = "wang.wei@370102";

    @TempDir
    Path scratch;

    @Test
    void an_initial_report_not_filed_in_time_alerts_the_county_and_its_city_until_filed() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(ConfigFactory.parseString("""
                     emcc.report-deadlines.rules = [{ report = INITIAL, grades = [I, II, III, IV], within = 1s }]
                     emcc.report-deadlines.check-every = 200ms
                     """).withFallback(store.config()))) {
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                    Casualties.newBuilder().setCallers(1).build())).get();
            String incident = ((Reply.Acked) reply).ack().getEffectRef();
            NodeStreamClient county = new NodeStreamClient(node.baseUri(), "370102", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            NodeStreamClient city = new NodeStreamClient(node.baseUri(), "370100", true, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            NodeStreamClient province = new NodeStreamClient(node.baseUri(), "370000", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            String key = incident + "/REPORT_KIND_INITIAL";

            HttpResponse<String> verified = node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                    "{\"to\":\"VERIFIED\",\"why\":\"patrol on site\"}");
            assertThat(verified.statusCode()).isEqualTo(200);
            Await.until("the county is alerted", Duration.ofSeconds(30), () -> county.overdueReports().containsKey(key));
            Await.until("the city is alerted", Duration.ofSeconds(30), () -> city.overdueReports().containsKey(key));
            ReportOverdue alert = county.overdueReports().get(key);
            assertThat(alert.getCountyAdcode()).isEqualTo("370102");
            Await.until("the summaries count it", Duration.ofSeconds(30), () ->
                    county.summary().getOverdueTimers() == 1 && city.summary().getOverdueTimers() == 1);

            HttpResponse<String> otherCounty = node.post("/v1/incidents/" + incident + "/reports", "li.ming@370103",
                    "{\"kind\":\"INITIAL\",\"text\":\"首报\"}");
            assertThat(otherCounty.statusCode()).isEqualTo(403);
            HttpResponse<String> filed = node.post("/v1/incidents/" + incident + "/reports", COUNTY_OFFICER,
                    "{\"kind\":\"INITIAL\",\"text\":\"首报：历下区泉城路居民楼火灾，无人员伤亡。\"}");
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
            HttpResponse<String> again = node.post("/v1/incidents/" + incident + "/reports", COUNTY_OFFICER,
                    "{\"kind\":\"INITIAL\",\"text\":\"首报\"}");
            assertThat(again.statusCode()).isEqualTo(409);

            Await.until("the alerts are cleared", Duration.ofSeconds(30), () -> county.overdueReports().isEmpty()
                    && city.overdueReports().isEmpty() && county.summary().getOverdueTimers() == 0
                    && city.summary().getOverdueTimers() == 0);
            Await.until("the province stream is in step", Duration.ofSeconds(30), () -> province.isAt(
                    node.server().nodes().epoch(), node.server().nodes().feed("370000").orElseThrow().sequence()));
            assertThat(province.received()).noneSatisfy(m -> assertThat(m.hasReportOverdue()).isTrue());
            for (NodeStreamClient c : new NodeStreamClient[]{county, city, province}) {
                assertThat(c.violations()).isEmpty();
                c.close();
            }
        }
    }

    @Test
    void a_report_filed_before_verification_starts_the_follow_up_clock() throws Exception {
        // A REPORTED incident owes nothing, so its report desk is born only when the county files on it.
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(ConfigFactory.parseString("""
                     emcc.report-deadlines.rules = [{ report = FOLLOW_UP, grades = [I, II, III, IV], within = 1s }]
                     emcc.report-deadlines.check-every = 200ms
                     """).withFallback(store.config()))) {
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                    Casualties.newBuilder().setCallers(1).build())).get();
            String incident = ((Reply.Acked) reply).ack().getEffectRef();
            Await.until("the incident is on the read side", Duration.ofSeconds(30),
                    () -> node.get("/v1/incidents?within=370102").body().contains(incident));
            NodeStreamClient county = new NodeStreamClient(node.baseUri(), "370102", false,
                    node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);

            HttpResponse<String> filed = node.post("/v1/incidents/" + incident + "/reports", COUNTY_OFFICER,
                    "{\"kind\":\"INITIAL\",\"text\":\"首报：历下区居民楼冒烟，核实中。\"}");
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
            Await.until("the follow-up falls due", Duration.ofSeconds(30),
                    () -> county.overdueReports().containsKey(incident + "/REPORT_KIND_FOLLOW_UP"));
            assertThat(county.violations()).isEmpty();
            county.close();
        }
    }
}
