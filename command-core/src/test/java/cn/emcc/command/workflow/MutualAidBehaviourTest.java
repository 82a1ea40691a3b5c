package cn.emcc.command.workflow;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.OrderAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.json;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.ok;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.orders;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.unitStatus;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.verifiedFire;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual aid between command nodes over the real HTTP edge of a running node,
 * on every real journal. A building fire at 泉城广场 (历下区): the county's duty
 * officer asks the city node (济南, 370100) for two more engines; the city
 * approves the recommended ones from other counties of the city, which get
 * orders flagged mutual aid; a second request to the province is declined;
 * the node restarts; the county releases the engines, which go home once the
 * fire agency confirms. Bad requests are refused naming the field and change
 * nothing.
 */
@ExtendWith(CassandraAvailable.class)
class MutualAidBehaviourTest {

    /** A duty officer of the incident's county 历下区, who asks for mutual aid. */
    static final String OFFICER = "chen.jing@370102";
    static final String CITY_OFFICER = "li.lei@370100";
    static final String PROVINCE_OFFICER = "zhang.wei@370000";
    static final String OTHER_COUNTY_OFFICER = "zhao.min@370103";

    @TempDir
    Path scratch;

    static Config node(int port) {
        return ConfigFactory.parseString("emcc.dispatch.timers = \"timers/slow-ack.csv\"\n"
                + "emcc.dispatch.redeliver-every = 1s\n"
                + "emcc.dispatch.wake-every = 1s\n"
                + "emcc.http.port = " + port + "\n");
    }

    static void refused(HttpResponse<String> r, int status, String field, String says) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.toString()).contains(says);
        if (field != null) {
            assertThat(body.toString()).contains("\"" + field + "\"");
        }
    }

    static List<String> open(RunningNode node, String adcode) throws Exception {
        List<String> ids = new ArrayList<>();
        ok(node.get("/v1/nodes/" + adcode + "/mutual-aid")).forEach(r -> ids.add(r.path("requestId").asText()));
        return ids;
    }

    static boolean listed(RunningNode node, String adcode, String requestId, boolean expected) {
        try {
            return open(node, adcode).contains(requestId) == expected;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_county_gets_engines_from_its_city_and_sends_them_home_and_bad_requests_change_nothing(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        try (TestStore store = journal.freshStore(scratch)) {
            RunningNode first = RunningNode.start(store, node(port));
            SimulatedAgency fire = SimulatedAgency.of(first.baseUri(), Agency.AGENCY_FIRE, "shandong-119", SimulatedAgency.Behaviour.ACCEPT);
            String incident;
            String requestId;
            List<String> engines = new ArrayList<>();
            try (first) {
                incident = verifiedFire(first);
                ok(first.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"));
                String path = "/v1/incidents/" + incident + "/mutual-aid";
                String good = "{\"capability\":\"FIRE_SUPPRESSION\",\"count\":2,\"note\":\"fire spreading to the next block\"}";

                // Bad requests: each names the field at fault.
                refused(first.post(path, null, good), 401, "token", "session token");
                refused(first.post(path, OFFICER, "{\"count\":2,\"note\":\"x\"}"), 400, "capability", "required");
                refused(first.post(path, OFFICER, "{\"capability\":\"WATER_CANNON\",\"count\":2,\"note\":\"x\"}"),
                        400, "capability", "unknown capability");
                refused(first.post(path, OFFICER, "{\"capability\":\"FIRE_SUPPRESSION\",\"note\":\"x\"}"),
                        400, "count", "count is required");
                refused(first.post(path, OFFICER, "{\"capability\":\"FIRE_SUPPRESSION\",\"count\":0,\"note\":\"x\"}"),
                        400, "count", "expected 1..");
                refused(first.post(path, OFFICER, "{\"capability\":\"FIRE_SUPPRESSION\",\"count\":2}"),
                        400, "note", "note");
                refused(first.post(path, OFFICER, "{\"capability\":\"FIRE_SUPPRESSION\",\"count\":2,\"note\":\"x\","
                        + "\"scope\":\"county\"}"), 400, "scope", "expected city");
                refused(first.post(path, OTHER_COUNTY_OFFICER, good), 403, "id", "370102");
                refused(first.post("/v1/incidents/INC-NOPE/mutual-aid", OFFICER, good), 404, null, "does not exist");

                JsonNode raised = ok(first.post(path, OFFICER, good));
                requestId = raised.path("requestId").asText();
                assertThat(raised.path("state").asText()).isEqualTo("REQUESTED");
                assertThat(raised.path("providingAdcode").asText()).isEqualTo("370100");
                assertThat(raised.path("note").asText()).isEqualTo("fire spreading to the next block");
                assertThat(raised.path("notePhrase").isNull()).as("an officer's own words have no phrase").isTrue();
                String req = requestId;
                Await.until("the city node lists the request", Duration.ofSeconds(30),
                        () -> listed(first, "370100", req, true));
                assertThat(open(first, "370100")).as("the refused requests left nothing behind").containsExactly(requestId);

                // Only the city node may approve; units must be its own, outside the requesting county.
                String approve = "/v1/mutual-aid/" + requestId + "/approve";
                refused(first.post(approve, OFFICER, "{}"), 403, "officer", "370100");
                refused(first.post(approve, CITY_OFFICER, "{\"units\":[\"F-370102-1-PE1\"]}"), 400, "units",
                        "outside the requesting county");
                refused(first.post(approve, CITY_OFFICER, "{\"units\":[\"NO-SUCH-UNIT\"]}"), 400, "units",
                        "not on the roster");
                refused(first.post("/v1/mutual-aid/MA-000000000000/approve", CITY_OFFICER, "{}"), 404, null,
                        "does not exist");
                refused(first.post("/v1/mutual-aid/" + requestId + "/decline", CITY_OFFICER, "{}"), 400, "reason",
                        "reason");

                JsonNode approved = ok(first.post(approve, CITY_OFFICER, "{}"));
                assertThat(approved.path("state").asText()).isEqualTo("COMMITTED");
                approved.path("committedUnitIds").forEach(u -> engines.add(u.asText()));
                assertThat(engines).hasSize(2).allSatisfy(u -> {
                    assertThat(u).startsWith("F-3701");
                    assertThat(u).doesNotStartWith("F-370102-");
                });
                assertThat(approved.path("orderIds")).hasSize(2);
                refused(first.post(approve, CITY_OFFICER, "{}"), 409, null, "COMMITTED");

                DispatchWorkflowBehaviourTest.awaitOrders(first, incident, "the mutual-aid engines accepted", () -> {
                    try {
                        return orders(first, incident).stream().filter(o -> engines.contains(o.path("unitId").asText())
                                && o.path("mutualAid").asBoolean() && o.path("state").asText().equals("ACCEPTED"))
                                .count() == 2;
                    } catch (Exception e) {
                        return false;
                    }
                });
                assertThat(fire.accepted.values()).filteredOn(o -> engines.contains(o.getUnitId()))
                        .hasSize(2).allSatisfy(o -> assertThat(o.getMutualAid()).isTrue());

                // A request to the province is answered by the province node: declined, with the reason.
                JsonNode toProvince = ok(first.post(path, OFFICER, "{\"capability\":\"HEAVY_RESCUE\",\"count\":1,"
                        + "\"note\":\"collapse risk\",\"scope\":\"province\"}"));
                assertThat(toProvince.path("providingAdcode").asText()).isEqualTo("370000");
                String declineUrl = "/v1/mutual-aid/" + toProvince.path("requestId").asText() + "/decline";
                refused(first.post(declineUrl, CITY_OFFICER, "{\"reason\":\"busy\"}"), 403, "officer", "370000");
                JsonNode declined = ok(first.post(declineUrl, PROVINCE_OFFICER,
                        "{\"reason\":\"every heavy rescue team is at the flood in 菏泽\"}"));
                assertThat(declined.path("state").asText()).isEqualTo("DECLINED");
                refused(first.post("/v1/mutual-aid/" + toProvince.path("requestId").asText() + "/release", OFFICER,
                        "{\"why\":\"done\"}"), 409, null, "DECLINED");
            }

            try (RunningNode second = RunningNode.start(store, node(port)); fire) {
                // After the restart the request is where it was, and listed again from the journal.
                assertThat(ok(second.get("/v1/mutual-aid/" + requestId)).path("state").asText()).isEqualTo("COMMITTED");
                String req = requestId;
                Await.until("the city node lists the request again", Duration.ofSeconds(30),
                        () -> listed(second, "370100", req, true));

                refused(second.post("/v1/mutual-aid/" + requestId + "/release", OFFICER, "{}"), 400, "why", "reason");
                refused(second.post("/v1/mutual-aid/" + requestId + "/release", OTHER_COUNTY_OFFICER,
                        "{\"why\":\"done\"}"), 403, "requestId", "outside the jurisdiction");
                JsonNode released = ok(second.post("/v1/mutual-aid/" + requestId + "/release", OFFICER,
                        "{\"why\":\"fire under control\"}"));
                assertThat(released.path("state").asText()).isEqualTo("RELEASED");
                Await.until("the engines are home", Duration.ofSeconds(60), () ->
                        engines.stream().allMatch(u -> unitStatus(second, u).equals("UNIT_STATUS_AVAILABLE")));
                assertThat(fire.releases).filteredOn(o -> engines.contains(o.getUnitId())).isNotEmpty()
                        .allSatisfy(o -> assertThat(o.getAction()).isEqualTo(OrderAction.ORDER_ACTION_RELEASE));
                Await.until("the request is no longer open", Duration.ofSeconds(30),
                        () -> listed(second, "370100", req, false));
                Await.until("every step is on the incident's timeline", Duration.ofSeconds(30), () -> {
                    try {
                        String timeline = ok(second.get("/v1/incidents/" + incident)).path("timeline").toString();
                        return timeline.contains("mutual aid " + req + " requested of 370100")
                                && timeline.contains("approved by 370100") && timeline.contains("2 order(s) issued")
                                && timeline.contains("declined by 370000") && timeline.contains("菏泽")
                                && timeline.contains(req + " released") && timeline.contains("release orders sent");
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        }
    }
}
