package cn.emcc.command.nodes;

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
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.NodeStreamMessage;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static cn.emcc.protocols.v1.WarningMsgType.WARNING_MSG_TYPE_ALERT;
import static cn.emcc.protocols.v1.WarningMsgType.WARNING_MSG_TYPE_CANCEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command nodes' streams of a real node over its real sockets: reports
 * through the gateway and officers' actions over HTTP show up on exactly the
 * nodes whose subtree they are in, clients resume after a disconnect, and a
 * restarted node gives its old clients a fresh snapshot. Weather warnings are
 * counted in the summaries of the nodes their area touches, and an incident's
 * view carries the casualties of its reports.
 */
class NodeStreamBehaviourTest {

    /** 五四广场, Qingdao 市南区 (370202). */
    private static final double QINGDAO_LON = 120.3845, QINGDAO_LAT = 36.0620;
    private static final String OFFICER = "wang.wei@370102";

    @TempDir
    Path scratch;

    @Test
    void a_node_gets_its_subtree_as_a_snapshot_then_ordered_changes_and_nothing_from_elsewhere() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            String jinan = report(node, fire, JINAN_LON, JINAN_LAT);
            String qingdao = report(node, fire, QINGDAO_LON, QINGDAO_LAT);
            assertThat(qingdao).startsWith("370202-");

            NodeStreamClient county = client(node, "370102", false, ResumeBy.FIRST_FRAME);
            NodeStreamClient city = client(node, "370100", false, ResumeBy.QUERY);
            NodeStreamClient province = client(node, "370000", true, ResumeBy.FIRST_FRAME);
            NodeStreamClient elsewhere = client(node, "370202", false, ResumeBy.QUERY);
            List<NodeStreamClient> all = List.of(county, city, province, elsewhere);
            awaitInStep(node, all);
            assertThat(county.incidents()).containsOnlyKeys(jinan);
            assertThat(city.incidents()).containsOnlyKeys(jinan);
            assertThat(province.incidents()).containsOnlyKeys(jinan, qingdao);
            assertThat(elsewhere.incidents()).containsOnlyKeys(qingdao);
            long before = county.lastSequence();

            status(node, jinan, "VERIFIED");
            awaitInStep(node, all);
            assertThat(county.incidents().get(jinan).getStatus()).isEqualTo(IncidentStatus.INCIDENT_STATUS_VERIFIED);
            List<NodeStreamMessage> after = county.received().stream().filter(m -> m.getSequence() > before).toList();
            assertThat(after.get(0).getSequence()).isEqualTo(before + 1);
            assertThat(after.get(0).getIncidentChange().getIncident().getIncidentId()).isEqualTo(jinan);
            assertThat(after).last().extracting(m -> m.getSummary().getOpenIncidentsByStatusMap())
                    .isEqualTo(Map.of("INCIDENT_STATUS_VERIFIED", 1));

            status(node, jinan, "CLOSED");
            awaitInStep(node, all);
            assertThat(county.incidents()).isEmpty();
            assertThat(province.incidents()).containsOnlyKeys(qingdao);
            assertThat(county.received()).anySatisfy(m -> {
                assertThat(m.getIncidentChange().getRemoved()).isTrue();
                assertThat(m.getIncidentChange().getIncident().getIncidentId()).isEqualTo(jinan);
            });

            for (NodeStreamClient c : all) {
                assertThat(c.violations()).as(c.adcode()).isEmpty();
                assertThat(c.incidents()).as(c.adcode()).isEqualTo(serverPicture(node, c.adcode()));
            }
            assertThat(elsewhere.received()).as("the Qingdao county never hears of the Jinan incident")
                    .noneSatisfy(m -> assertThat(m.toString()).contains(jinan));
            all.forEach(NodeStreamClient::close);
        }
    }

    @Test
    void a_red_warning_over_jinan_counts_in_jinans_summary_not_in_qingdaos_and_leaves_on_cancel() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient weather = node.client(Agency.AGENCY_WEATHER);
            NodeStreamClient jinan = officersClient(node, "li.na@370100");
            NodeStreamClient qingdao = officersClient(node, "zhang.lei@370200");
            NodeStreamClient province = officersClient(node, "zhao.min@370000");
            List<NodeStreamClient> all = List.of(jinan, qingdao, province);
            awaitInStep(node, all);
            assertThat(jinan.summary().getActiveWarnings()).isZero();

            String alert = "37010041600000_20260712083000";
            assertThat(weather.send(jinanRainstorm(weather, alert, WARNING_MSG_TYPE_ALERT, WARNING_COLOUR_RED,
                    List.of())).get()).isInstanceOf(Reply.Acked.class);
            Await.until("Jinan's summary counts the red warning", Duration.ofSeconds(30),
                    () -> jinan.summary().getActiveWarnings() == 1);
            Await.until("the province's summary counts it", Duration.ofSeconds(30),
                    () -> province.summary().getActiveWarnings() == 1);
            awaitInStep(node, all);
            assertThat(jinan.summary().getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_RED", 1));
            assertThat(province.summary().getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_RED", 1));
            assertThat(qingdao.summary().getActiveWarnings()).isZero();
            assertThat(qingdao.received()).as("Qingdao's stream never counts the Jinan warning")
                    .noneSatisfy(m -> assertThat(m.getSummary().getActiveWarnings()).isPositive());

            assertThat(weather.send(jinanRainstorm(weather, "37010041600000_20260712110000", WARNING_MSG_TYPE_CANCEL,
                    WARNING_COLOUR_RED, List.of(alert))).get()).isInstanceOf(Reply.Acked.class);
            Await.until("the cancelled warning leaves Jinan's summary", Duration.ofSeconds(30),
                    () -> jinan.summary().getActiveWarnings() == 0);
            Await.until("and the province's", Duration.ofSeconds(30),
                    () -> province.summary().getActiveWarnings() == 0);
            assertThat(jinan.summary().getActiveWarningsByColourMap()).isEmpty();
            awaitInStep(node, all);
            for (NodeStreamClient c : all) {
                assertThat(c.violations()).as(c.adcode()).isEmpty();
            }
            all.forEach(NodeStreamClient::close);
        }
    }

    @Test
    void the_view_of_an_incident_carries_the_casualties_of_its_reports_combined() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            NodeStreamClient county = officersClient(node, OFFICER);
            String id = report(node, fire, JINAN_LON, JINAN_LAT, Casualties.newBuilder().setCallers(1)
                    .setInjured(3).setTrapped(2).setDead(1).build());
            awaitInStep(node, List.of(county));
            assertThat(county.incidents().get(id).getCasualties()).isEqualTo(Casualties.newBuilder().setCallers(1)
                    .setInjured(3).setTrapped(2).setDead(1).build());

            // A second caller about the same fire: the same people, counted again, so the larger figures stand.
            String joined = report(node, fire, JINAN_LON, JINAN_LAT, Casualties.newBuilder().setCallers(1)
                    .setInjured(5).setTrapped(1).setMissing(2).build());
            assertThat(joined).isEqualTo(id);
            Await.until("the view shows the second report", Duration.ofSeconds(30),
                    () -> county.incidents().containsKey(id) && county.incidents().get(id).getReportCount() == 2);
            awaitInStep(node, List.of(county));
            assertThat(county.incidents().get(id).getCasualties()).isEqualTo(Casualties.newBuilder().setCallers(2)
                    .setInjured(5).setTrapped(2).setDead(1).setMissing(2).build());
            assertThat(county.violations()).isEmpty();
            county.close();
        }
    }

    @Test
    void a_client_resumes_exactly_after_a_disconnect_and_gets_a_snapshot_when_the_gap_is_too_old() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(ConfigFactory.parseString("emcc.nodes.replay-window.county = 3")
                     .withFallback(store.config()))) {
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            NodeStreamClient county = client(node, "370102", false, ResumeBy.QUERY);
            String first = report(node, fire, JINAN_LON, JINAN_LAT);
            awaitInStep(node, List.of(county));
            assertThat(county.incidents()).containsOnlyKeys(first);

            county.disconnect();
            long applied = county.lastSequence();
            status(node, first, "VERIFIED");
            county.connect(ResumeBy.FIRST_FRAME);
            awaitInStep(node, List.of(county));
            assertThat(county.snapshots()).as("resumed from the replay window, no new snapshot").isEqualTo(1);
            assertThat(county.received().stream().map(NodeStreamMessage::getSequence).filter(s -> s > applied).toList())
                    .as("exactly the changes after the last one applied")
                    .containsExactlyElementsOf(range(applied + 1, feed(node, "370102").sequence()));

            county.disconnect();
            long resumeFrom = county.lastSequence();
            String second = report(node, fire, JINAN_LON, north(JINAN_LAT, 1_500));
            String third = report(node, fire, JINAN_LON, north(JINAN_LAT, -1_500));
            Await.until("more changes than the window holds", Duration.ofSeconds(30),
                    () -> feed(node, "370102").sequence() > resumeFrom + 3);
            county.connect(ResumeBy.QUERY);
            awaitInStep(node, List.of(county));
            assertThat(county.snapshots()).as("the gap is older than the replay window").isEqualTo(2);
            assertThat(county.incidents()).containsOnlyKeys(first, second, third);
            assertThat(county.violations()).isEmpty();
            county.close();
        }
    }

    @Test
    void after_a_restart_clients_of_every_tier_resnapshot_then_follow_and_resume_in_the_new_epoch() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            List<NodeStreamClient> before;
            String jinan;
            String qingdao;
            String oldEpoch;
            try (RunningNode node = RunningNode.start(store)) {
                AgencyClient fire = node.client(Agency.AGENCY_FIRE);
                jinan = report(node, fire, JINAN_LON, JINAN_LAT);
                qingdao = report(node, fire, QINGDAO_LON, QINGDAO_LAT);
                before = List.of(client(node, "370102", false, ResumeBy.FIRST_FRAME),
                        client(node, "370100", true, ResumeBy.QUERY),
                        client(node, "370000", false, ResumeBy.QUERY),
                        client(node, "370200", true, ResumeBy.FIRST_FRAME));
                awaitInStep(node, before);
                oldEpoch = before.get(0).epoch();
                before.forEach(NodeStreamClient::disconnect);
            }
            try (RunningNode restarted = RunningNode.start(store)) {
                List<NodeStreamClient> again = List.of(
                        before.get(0).movedTo(restarted.baseUri()).connect(ResumeBy.FIRST_FRAME),
                        before.get(1).movedTo(restarted.baseUri()).connect(ResumeBy.QUERY),
                        before.get(2).movedTo(restarted.baseUri()).connect(ResumeBy.QUERY),
                        before.get(3).movedTo(restarted.baseUri()).connect(ResumeBy.FIRST_FRAME));
                Await.until("the rebuilt read side has both incidents", Duration.ofSeconds(30),
                        () -> restarted.server().board().size() == 2);
                awaitInStep(restarted, again);
                for (NodeStreamClient c : again) {
                    assertThat(c.epoch()).isNotEqualTo(oldEpoch);
                    assertThat(c.snapshots()).as("%s resnapshots: the old epoch cannot be replayed", c.adcode())
                            .isEqualTo(2);
                }

                // Changes after the restart follow the snapshot; a drop within the new epoch resumes by replay.
                AgencyClient fire = restarted.client(Agency.AGENCY_FIRE);
                String jinanAfter = report(restarted, fire, JINAN_LON + 0.015, JINAN_LAT);
                awaitInStep(restarted, again);
                again.forEach(NodeStreamClient::disconnect);
                String qingdaoAfter = report(restarted, fire, QINGDAO_LON + 0.015, QINGDAO_LAT);
                List<NodeStreamClient> resumed = List.of(again.get(0).connect(ResumeBy.FIRST_FRAME),
                        again.get(1).connect(ResumeBy.QUERY), again.get(2).connect(ResumeBy.QUERY),
                        again.get(3).connect(ResumeBy.FIRST_FRAME));
                awaitInStep(restarted, resumed);
                assertThat(resumed).allSatisfy(c -> assertThat(c.snapshots()).as("%s replayed", c.adcode())
                        .isEqualTo(2));
                assertThat(resumed.get(0).incidents()).containsOnlyKeys(jinan, jinanAfter);
                assertThat(resumed.get(1).incidents()).containsOnlyKeys(jinan, jinanAfter);
                assertThat(resumed.get(2).incidents()).containsOnlyKeys(jinan, jinanAfter, qingdao, qingdaoAfter);
                assertThat(resumed.get(3).incidents()).containsOnlyKeys(qingdao, qingdaoAfter);
                for (NodeStreamClient c : resumed) {
                    assertThat(c.violations()).isEmpty();
                    c.close();
                }
            }
        }
    }

    @Test
    void an_unknown_node_is_not_found() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    node.baseUri().resolve("/v1/nodes/379999/stream"))
                    .header("Authorization", "Bearer " + node.token(RunningNode.PROVINCE_OFFICER)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("379999");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Files a fire alarm and waits until the read side shows its incident. */
    private static String report(RunningNode node, AgencyClient fire, double lon, double lat) throws Exception {
        return report(node, fire, lon, lat, Casualties.newBuilder().setCallers(1).build());
    }

    private static String report(RunningNode node, AgencyClient fire, double lon, double lat, Casualties casualties)
            throws Exception {
        Reply reply = fire.send(fireAlarm(fire, lon, lat, INCIDENT_CATEGORY_FIRE_BUILDING, casualties)).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        String id = ((Reply.Acked) reply).ack().getEffectRef();
        Await.until("the read side shows " + id, Duration.ofSeconds(30), () -> node.server().board().get(id).isPresent());
        return id;
    }

    /** An officer moves the incident on; waits until the read side shows it. */
    private static void status(RunningNode node, String id, String to) {
        HttpResponse<String> r = node.post("/v1/incidents/" + id + "/status", OFFICER,
                "{\"to\":\"" + to + "\",\"why\":\"duty officer's decision\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Await.until("the read side shows " + id + " " + to, Duration.ofSeconds(30), () -> node.server().board().get(id)
                .map(s -> s.status().name().equals("INCIDENT_STATUS_" + to)).orElse(false));
    }

    private static NodeStreamClient client(RunningNode node, String adcode, boolean json, ResumeBy how) {
        return new NodeStreamClient(node.baseUri(), adcode, json, node.token(RunningNode.PROVINCE_OFFICER)).connect(how);
    }

    /** A binary client with the token of the duty officer {@code user@adcode} of the node it watches. */
    private static NodeStreamClient officersClient(RunningNode node, String officer) {
        String adcode = officer.substring(officer.indexOf('@') + 1);
        return new NodeStreamClient(node.baseUri(), adcode, false, node.token(officer)).connect(ResumeBy.QUERY);
    }

    private static NodeFeed feed(RunningNode node, String adcode) {
        return node.server().nodes().feed(adcode).orElseThrow();
    }

    private static void awaitInStep(RunningNode node, List<NodeStreamClient> clients) {
        for (NodeStreamClient c : clients) {
            Await.until(c.adcode() + " client is at its feed's sequence with the server's picture", Duration.ofSeconds(30),
                    () -> c.isAt(node.server().nodes().epoch(), feed(node, c.adcode()).sequence())
                            && c.incidents().equals(serverPicture(node, c.adcode())));
        }
    }

    /** The read side's open incidents of a subtree, as the stream shows them. */
    private static Map<String, IncidentView> serverPicture(RunningNode node, String adcode) {
        Map<String, IncidentView> picture = new LinkedHashMap<>();
        node.server().board().open(county -> node.server().geography().tree().contains(adcode, county))
                .forEach(s -> picture.put(s.incidentId(), IncidentViews.of(s)));
        return picture;
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
}
