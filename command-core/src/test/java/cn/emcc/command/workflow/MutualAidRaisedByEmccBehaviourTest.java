package cn.emcc.command.workflow;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.OrderAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.ok;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.orders;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.unitStatus;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.verifiedFire;
import static cn.emcc.command.workflow.MutualAidBehaviourTest.CITY_OFFICER;
import static cn.emcc.command.workflow.MutualAidBehaviourTest.OFFICER;
import static cn.emcc.command.workflow.MutualAidBehaviourTest.listed;
import static cn.emcc.command.workflow.MutualAidBehaviourTest.open;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual aid that emcc raises by itself, over the real HTTP edge of a running
 * node, on every real journal. A building fire at 泉城广场 (历下区) with the
 * local ETA threshold at 15 minutes: 历下's own engines and rescue truck are
 * about 20 minutes away, its patrol car and ambulance within the threshold.
 * Confirming the proposal orders the county's own units only and raises two
 * requests to the city node (济南, 370100), each saying why (in English, and
 * as a phrase for the console on the request, in the city's list and on the
 * incident's timeline); confirming again,
 * also after a restart, raises nothing new. The city approves the engines,
 * which are ordered flagged mutual aid, and releasing the request sends them
 * home.
 */
@ExtendWith(CassandraAvailable.class)
class MutualAidRaisedByEmccBehaviourTest {

    static final String OWN_COUNTY = "370102";
    static final String CITY = "370100";

    @TempDir
    Path scratch;

    static Config node(int port) {
        return ConfigFactory.parseString("emcc.dispatch.mutual-aid.local-eta = 15m\n")
                .withFallback(MutualAidBehaviourTest.node(port));
    }

    /** The requests of a confirmation's answer, by capability. */
    static Map<String, JsonNode> raised(JsonNode confirmation) {
        Map<String, JsonNode> byCapability = new LinkedHashMap<>();
        confirmation.path("mutualAid").forEach(r -> byCapability.put(r.path("capability").asText(), r));
        return byCapability;
    }

    /** The open requests addressed to the city node, request ids by capability. */
    static Map<String, List<String>> openByCapability(RunningNode node) throws Exception {
        Map<String, List<String>> byCapability = new LinkedHashMap<>();
        ok(node.get("/v1/nodes/" + CITY + "/mutual-aid")).forEach(r -> byCapability
                .computeIfAbsent(r.path("capability").asText(), c -> new ArrayList<>()).add(r.path("requestId").asText()));
        return byCapability;
    }

    /** The phrase of "CAPABILITY ×count: best own-county ETA n min > 15 min" as the JSON has it. */
    static JsonNode ownTooLate(String capability, int count, String minutes) {
        return Json.MAPPER.valueToTree(PhraseCode.AID_WHY_OWN_TOO_LATE.with(capability, count, minutes, 15 * 60));
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void what_the_county_cannot_reach_in_time_is_asked_of_the_city_once_approved_there_and_sent_home(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        try (TestStore store = journal.freshStore(scratch)) {
            RunningNode first = RunningNode.start(store, node(port));
            SimulatedAgency fire = SimulatedAgency.of(first.baseUri(), Agency.AGENCY_FIRE, "shandong-119",
                    SimulatedAgency.Behaviour.ACCEPT);
            String incident;
            String engineRequest;
            String rescueRequest;
            List<String> engines = new ArrayList<>();
            try (first) {
                incident = verifiedFire(first);
                JsonNode proposal = ok(first.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"))
                        .path("proposal");
                List<String> outside = new ArrayList<>();
                proposal.path("units").forEach(u -> {
                    if (!u.path("countyAdcode").asText().equals(OWN_COUNTY)) {
                        outside.add(u.path("unitId").asText());
                    }
                });
                assertThat(outside).as("the recommender proposes 市中's engines and rescue truck")
                        .containsExactlyInAnyOrder("F-370103-3-PE1", "F-370103-3-PE2", "F-370103-3-RT1");

                JsonNode confirmed = ok(first.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER, "{}"));
                Map<String, JsonNode> requests = raised(confirmed);
                assertThat(requests).containsOnlyKeys("FIRE_SUPPRESSION", "RESCUE");
                JsonNode engineAsk = requests.get("FIRE_SUPPRESSION");
                assertThat(engineAsk.path("count").asInt()).isEqualTo(2);
                assertThat(engineAsk.path("providingAdcode").asText()).isEqualTo(CITY);
                assertThat(engineAsk.path("state").asText()).isEqualTo("REQUESTED");
                assertThat(engineAsk.path("note").asText())
                        .matches("FIRE_SUPPRESSION ×2: best own-county ETA (1[6-9]|2\\d) min > 15 min");
                String etaMinutes = engineAsk.path("note").asText().replaceAll(".* ETA (\\d+) min .*", "$1");
                assertThat(engineAsk.path("notePhrase")).as("the note as a phrase in the confirmation's answer")
                        .isEqualTo(ownTooLate("FIRE_SUPPRESSION", 2, etaMinutes));
                assertThat(requests.get("RESCUE").path("count").asInt()).isEqualTo(1);
                assertThat(requests.get("RESCUE").path("note").asText()).startsWith("RESCUE ×1: best own-county ETA");
                engineRequest = engineAsk.path("requestId").asText();
                rescueRequest = requests.get("RESCUE").path("requestId").asText();

                // Only the county's own units are ordered directly; 市中's units wait for the city's approval.
                List<JsonNode> direct = orders(first, incident);
                assertThat(direct).isNotEmpty().allSatisfy(o -> {
                    assertThat(o.path("countyAdcode").asText()).isEqualTo(OWN_COUNTY);
                    assertThat(o.path("mutualAid").asBoolean()).isFalse();
                });
                assertThat(direct).extracting(o -> o.path("capability").asText())
                        .containsExactlyInAnyOrder("PATROL", "EMS");

                // Confirming again asks for nothing new.
                assertThat(raised(ok(first.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER, "{}")))
                        .values()).extracting(r -> r.path("requestId").asText())
                        .containsExactlyInAnyOrder(engineRequest, rescueRequest);

                Await.until("the city node lists both requests", Duration.ofSeconds(30),
                        () -> listed(first, CITY, engineRequest, true) && listed(first, CITY, rescueRequest, true));
                assertThat(open(first, CITY)).containsExactlyInAnyOrder(engineRequest, rescueRequest);
                JsonNode request = ok(first.get("/v1/mutual-aid/" + engineRequest));
                assertThat(request.path("requestedBy").path("kind").asText()).isEqualTo("SYSTEM");
                assertThat(request.path("requestingAdcode").asText()).isEqualTo(OWN_COUNTY);
                assertThat(request.path("notePhrase")).as("the request says why as a phrase")
                        .isEqualTo(ownTooLate("FIRE_SUPPRESSION", 2, etaMinutes));
                assertThat(request.path("timeline").get(0).path("whyPhrases")).as("and so does its timeline")
                        .containsExactly(ownTooLate("FIRE_SUPPRESSION", 2, etaMinutes));
                JsonNode cityListed = null;
                for (JsonNode r : ok(first.get("/v1/nodes/" + CITY + "/mutual-aid"))) {
                    if (r.path("requestId").asText().equals(engineRequest)) {
                        cityListed = r;
                    }
                }
                assertThat(cityListed).isNotNull();
                assertThat(cityListed.path("notePhrase")).as("the city's list of open requests")
                        .isEqualTo(ownTooLate("FIRE_SUPPRESSION", 2, etaMinutes));
                Await.until("the incident's timeline says why", Duration.ofSeconds(30), () -> {
                    try {
                        for (JsonNode entry : ok(first.get("/v1/incidents/" + incident)).path("timeline")) {
                            if (entry.path("what").asText().startsWith("mutual aid " + engineRequest + " requested of "
                                    + CITY) && entry.path("why").asText().equals(engineAsk.path("note").asText())) {
                                return entry.path("whyPhrases").size() == 1 && entry.path("whyPhrases").get(0)
                                        .equals(ownTooLate("FIRE_SUPPRESSION", 2, etaMinutes));
                            }
                        }
                        return false;
                    } catch (Exception e) {
                        return false;
                    }
                });

                // The city approves the engines: the recommended ones of its other counties, ordered as mutual aid.
                JsonNode approved = ok(first.post("/v1/mutual-aid/" + engineRequest + "/approve", CITY_OFFICER, "{}"));
                assertThat(approved.path("state").asText()).isEqualTo("COMMITTED");
                approved.path("committedUnitIds").forEach(u -> engines.add(u.asText()));
                assertThat(engines).hasSize(2).allSatisfy(u -> assertThat(u).startsWith("F-3701")
                        .doesNotStartWith("F-" + OWN_COUNTY));
                DispatchWorkflowBehaviourTest.awaitOrders(first, incident, "the city's engines accepted", () -> {
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
            }

            try (RunningNode second = RunningNode.start(store, node(port)); fire) {
                // After a restart a confirmation finds the same requests open and raises no other (the
                // verification replayed by the restarted read side does not re-propose for an incident with orders).
                JsonNode again = ok(second.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER, "{}"));
                Map<String, JsonNode> againRaised = raised(again);
                assertThat(againRaised.get("FIRE_SUPPRESSION").path("requestId").asText()).isEqualTo(engineRequest);
                assertThat(againRaised.get("FIRE_SUPPRESSION").path("state").asText()).isEqualTo("COMMITTED");
                assertThat(againRaised.get("RESCUE").path("requestId").asText()).isEqualTo(rescueRequest);
                Await.until("the city node lists the requests again", Duration.ofSeconds(30),
                        () -> listed(second, CITY, engineRequest, true) && listed(second, CITY, rescueRequest, true));
                assertThat(againRaised).containsOnlyKeys("FIRE_SUPPRESSION", "RESCUE");
                assertThat(openByCapability(second)).as("the same open requests, one per capability")
                        .containsOnly(Map.entry("FIRE_SUPPRESSION", List.of(engineRequest)),
                                Map.entry("RESCUE", List.of(rescueRequest)));

                JsonNode released = ok(second.post("/v1/mutual-aid/" + engineRequest + "/release", OFFICER,
                        "{\"why\":\"fire under control\"}"));
                assertThat(released.path("state").asText()).isEqualTo("RELEASED");
                Await.until("the engines are home", Duration.ofSeconds(60), () ->
                        engines.stream().allMatch(u -> unitStatus(second, u).equals("UNIT_STATUS_AVAILABLE")));
                assertThat(fire.releases).filteredOn(o -> engines.contains(o.getUnitId())).isNotEmpty()
                        .allSatisfy(o -> assertThat(o.getAction()).isEqualTo(OrderAction.ORDER_ACTION_RELEASE));
                Await.until("the engine request is no longer open", Duration.ofSeconds(30),
                        () -> listed(second, CITY, engineRequest, false));
                assertThat(open(second, CITY)).contains(rescueRequest);
            }
        }
    }
}
