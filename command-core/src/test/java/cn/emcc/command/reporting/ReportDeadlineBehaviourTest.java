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
 * county and every node above it (city, province; never another city);
 * filing it by a county officer clears the alert on all of them. The
 * follow-up and final reports take the same path, filed by the county's own
 * system over HTTP.
 */
class ReportDeadlineBehaviourTest {

    private static final String COUNTY_OFFICER = "wang.wei@370102";
    private static final String COUNTY_SYSTEM = "lixia-duty-system@370102";

    @TempDir
    Path scratch;

    @Test
    void an_initial_report_not_filed_in_time_alerts_the_county_and_the_nodes_above_until_filed() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = withDeadlines(store, "{ report = INITIAL, grades = [I, II, III, IV], within = 1s }")) {
            String incident = fireInLixia(node);
            NodeStreamClient county = new NodeStreamClient(node.baseUri(), "370102", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            NodeStreamClient city = new NodeStreamClient(node.baseUri(), "370100", true, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            NodeStreamClient province = new NodeStreamClient(node.baseUri(), "370000", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            NodeStreamClient qingdao = new NodeStreamClient(node.baseUri(), "370200", false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
            String key = incident + "/REPORT_KIND_INITIAL";

            HttpResponse<String> verified = node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                    "{\"to\":\"VERIFIED\",\"why\":\"patrol on site\"}");
            assertThat(verified.statusCode()).isEqualTo(200);
            Await.until("the county is alerted", Duration.ofSeconds(30), () -> county.overdueReports().containsKey(key));
            Await.until("the city is alerted", Duration.ofSeconds(30), () -> city.overdueReports().containsKey(key));
            Await.until("the province is alerted", Duration.ofSeconds(30), () -> province.overdueReports().containsKey(key));
            ReportOverdue alert = county.overdueReports().get(key);
            assertThat(alert.getCountyAdcode()).isEqualTo("370102");
            Await.until("the summaries count it", Duration.ofSeconds(30), () -> county.summary().getOverdueTimers() == 1
                    && city.summary().getOverdueTimers() == 1 && province.summary().getOverdueTimers() == 1);

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
                    && city.overdueReports().isEmpty() && province.overdueReports().isEmpty()
                    && county.summary().getOverdueTimers() == 0 && city.summary().getOverdueTimers() == 0
                    && province.summary().getOverdueTimers() == 0);
            Await.until("Qingdao's stream is in step", Duration.ofSeconds(30), () -> qingdao.isAt(
                    node.server().nodes().epoch(), node.server().nodes().feed("370200").orElseThrow().sequence()));
            assertThat(qingdao.received()).noneSatisfy(m -> assertThat(m.hasReportOverdue()).isTrue());
            assertThat(qingdao.summary().getOverdueTimers()).isZero();
            for (NodeStreamClient c : new NodeStreamClient[]{county, city, province, qingdao}) {
                assertThat(c.violations()).isEmpty();
                c.close();
            }
        }
    }

    @Test
    void a_report_filed_before_verification_starts_the_follow_up_clock() throws Exception {
        // A REPORTED incident owes nothing, so its report desk is born only when the county files on it.
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = withDeadlines(store, "{ report = FOLLOW_UP, grades = [I, II, III, IV], within = 1s }")) {
            String incident = fireInLixia(node);
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

    @Test
    void a_county_files_on_an_incident_the_read_side_has_not_caught_up_with() throws Exception {
        // The read side polls the journal once in ten minutes here, so it never hears of the incident during the
        // test: verifying and filing must go by the incident's entity, as they do the moment an Ack came back.
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(ConfigFactory.parseString("jdbc-read-journal.refresh-interval = 10m")
                     .withFallback(store.config()))) {
            String incident = fireInLixia(node);
            assertThat(node.server().board().get(incident)).isEmpty();

            assertThat(node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                    "{\"to\":\"VERIFIED\",\"why\":\"patrol on site\"}").statusCode()).isEqualTo(200);
            assertThat(node.post("/v1/incidents/" + incident + "/reports", "li.ming@370103",
                    "{\"kind\":\"INITIAL\",\"text\":\"首报\"}").statusCode()).isEqualTo(403);
            HttpResponse<String> filed = node.post("/v1/incidents/" + incident + "/reports", COUNTY_OFFICER,
                    "{\"kind\":\"INITIAL\",\"text\":\"首报：历下区居民楼火灾，消防到场处置。\"}");
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
            HttpResponse<String> read = node.send("GET", "/v1/incidents/" + incident + "/reports",
                    node.token("zhao.lei@370100"), null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("INITIAL", "历下区居民楼火灾");
            HttpResponse<String> unknown = node.post("/v1/incidents/370102-20261201-9999/reports", COUNTY_OFFICER,
                    "{\"kind\":\"INITIAL\",\"text\":\"首报\"}");
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
            assertThat(node.server().board().get(incident)).as("the read side stayed behind throughout").isEmpty();
        }
    }

    @Test
    void follow_up_and_final_reports_alert_the_same_nodes_and_are_cleared_when_the_system_files_them()
            throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = withDeadlines(store,
                     "{ report = FOLLOW_UP, grades = [I, II, III, IV], within = 1s }",
                     "{ report = FINAL, grades = [I, II, III, IV], within = 1s }")) {
            String incident = fireInLixia(node);
            String token = node.token(RunningNode.PROVINCE_OFFICER);
            NodeStreamClient county = new NodeStreamClient(node.baseUri(), "370102", false, token).connect(ResumeBy.QUERY);
            NodeStreamClient city = new NodeStreamClient(node.baseUri(), "370100", true, token).connect(ResumeBy.QUERY);
            NodeStreamClient province = new NodeStreamClient(node.baseUri(), "370000", false, token).connect(ResumeBy.QUERY);
            NodeStreamClient qingdao = new NodeStreamClient(node.baseUri(), "370200", false, token).connect(ResumeBy.QUERY);
            NodeStreamClient[] above = {county, city, province};

            assertThat(node.post("/v1/incidents/" + incident + "/status", COUNTY_SYSTEM,
                    "{\"to\":\"VERIFIED\",\"why\":\"patrol on site\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> initial = node.post("/v1/incidents/" + incident + "/reports", COUNTY_SYSTEM,
                    "{\"kind\":\"INITIAL\",\"text\":\"首报：历下区居民楼火灾，消防到场处置。\"}");
            assertThat(initial.statusCode()).as(initial.body()).isEqualTo(200);

            String followUp = incident + "/REPORT_KIND_FOLLOW_UP";
            Await.until("the follow-up is overdue at the county, the city and the province", Duration.ofSeconds(30),
                    () -> allHold(above, c -> c.overdueReports().containsKey(followUp)
                            && c.summary().getOverdueTimers() == 1));
            HttpResponse<String> filedFollowUp = node.post("/v1/incidents/" + incident + "/reports", COUNTY_SYSTEM,
                    "{\"kind\":\"FOLLOW_UP\",\"text\":\"续报：明火已扑灭，疏散居民 12 人。\"}");
            assertThat(filedFollowUp.statusCode()).as(filedFollowUp.body()).isEqualTo(200);

            // Closing ends what follow-ups are owed and starts the final report's clock; the incident leaves the
            // pictures, its final report's alert does not until it is filed. (A second follow-up may have fallen
            // due before the close; the final report answers it too.)
            assertThat(node.post("/v1/incidents/" + incident + "/status", COUNTY_SYSTEM,
                    "{\"to\":\"CLOSED\",\"why\":\"fire out, scene handed over\"}").statusCode()).isEqualTo(200);
            String fin = incident + "/REPORT_KIND_FINAL";
            Await.until("the final report is overdue at the county, the city and the province", Duration.ofSeconds(30),
                    () -> allHold(above, c -> c.overdueReports().containsKey(fin)
                            && c.summary().getOverdueTimers() >= 1 && !c.incidents().containsKey(incident)));
            HttpResponse<String> filedFinal = node.post("/v1/incidents/" + incident + "/reports", COUNTY_SYSTEM,
                    "{\"kind\":\"FINAL\",\"text\":\"终报：火灾已处置完毕，无人员伤亡。\"}");
            assertThat(filedFinal.statusCode()).as(filedFinal.body()).isEqualTo(200);

            // The nodes above read what the county filed, in order; another city's officer may not.
            HttpResponse<String> read = node.send("GET", "/v1/incidents/" + incident + "/reports",
                    node.token("zhao.lei@370100"), null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode reports = cn.emcc.command.http.Json.MAPPER.readTree(read.body());
            assertThat(reports).extracting(r -> r.path("kind").asText())
                    .containsExactly("INITIAL", "FOLLOW_UP", "FINAL");
            assertThat(reports.get(2).path("text").asText()).isEqualTo("终报：火灾已处置完毕，无人员伤亡。");
            assertThat(reports.get(2).path("by").asText()).isEqualTo("officer:lixia-duty-system");
            assertThat(reports.get(2).path("jurisdiction").asText()).isEqualTo("370102");
            assertThat(node.send("GET", "/v1/incidents/" + incident + "/reports", node.token("sun.yan@370200"), null)
                    .statusCode()).isEqualTo(403);
            Await.until("nothing is owed any more", Duration.ofSeconds(30), () -> allHold(above,
                    c -> c.overdueReports().isEmpty() && c.summary().getOverdueTimers() == 0));

            Await.until("Qingdao's stream is in step", Duration.ofSeconds(30), () -> qingdao.isAt(
                    node.server().nodes().epoch(), node.server().nodes().feed("370200").orElseThrow().sequence()));
            assertThat(qingdao.received()).noneSatisfy(m -> assertThat(m.hasReportOverdue()).isTrue());
            for (NodeStreamClient c : new NodeStreamClient[]{county, city, province, qingdao}) {
                assertThat(c.violations()).isEmpty();
                c.close();
            }
        }
    }

    @Test
    void a_false_alarm_owes_nothing_and_its_overdue_initial_report_stops_counting() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = withDeadlines(store, "{ report = INITIAL, grades = [I, II, III, IV], within = 1s }")) {
            String incident = fireInLixia(node);
            String token = node.token(RunningNode.PROVINCE_OFFICER);
            NodeStreamClient county = new NodeStreamClient(node.baseUri(), "370102", false, token).connect(ResumeBy.QUERY);
            NodeStreamClient province = new NodeStreamClient(node.baseUri(), "370000", false, token).connect(ResumeBy.QUERY);
            NodeStreamClient[] both = {county, province};
            String key = incident + "/REPORT_KIND_INITIAL";

            assertThat(node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                    "{\"to\":\"VERIFIED\",\"why\":\"caller reached\"}").statusCode()).isEqualTo(200);
            Await.until("the initial report is overdue", Duration.ofSeconds(30), () -> allHold(both,
                    c -> c.overdueReports().containsKey(key) && c.summary().getOverdueTimers() == 1));
            assertThat(node.post("/v1/incidents/" + incident + "/status", COUNTY_OFFICER,
                    "{\"to\":\"CANCELLED\",\"why\":\"false alarm: cooking smoke\"}").statusCode()).isEqualTo(200);
            Await.until("the alert is gone", Duration.ofSeconds(30), () -> allHold(both,
                    c -> c.overdueReports().isEmpty() && c.summary().getOverdueTimers() == 0));
            for (NodeStreamClient c : both) {
                assertThat(c.violations()).isEmpty();
                c.close();
            }
        }
    }

    /** A node whose report deadlines are only {@code rules} (HOCON objects), checked five times a second. */
    private static RunningNode withDeadlines(TestStore store, String... rules) {
        return RunningNode.start(ConfigFactory.parseString("emcc.report-deadlines.rules = ["
                + String.join("\n", rules) + "]\nemcc.report-deadlines.check-every = 200ms")
                .withFallback(store.config()));
    }

    /** A 119 alarm of a building fire in 历下区; answers the incident its Ack named. */
    private static String fireInLixia(RunningNode node) throws Exception {
        AgencyClient fire = node.client(Agency.AGENCY_FIRE);
        Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                Casualties.newBuilder().setCallers(1).build())).get();
        return ((Reply.Acked) reply).ack().getEffectRef();
    }

    private static boolean allHold(NodeStreamClient[] clients, java.util.function.Predicate<NodeStreamClient> p) {
        for (NodeStreamClient c : clients) {
            if (!p.test(c)) {
                return false;
            }
        }
        return true;
    }
}
