package cn.emcc.command.workflow;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.NodeStreamClient.ResumeBy;
import cn.emcc.command.testsupport.NodeProcess;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.UnitStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import cn.emcc.command.trust.DevKeySet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch workflow end to end over the real gateway, on every real
 * journal. A building fire at 泉城广场 (历下区): the recommender proposes the
 * two engines of 市中区第3消防救援站, then those of 槐荫区第2站, then those of
 * 历下区第1站. Three fire systems are connected, one per county: 市中 never
 * answers (its orders time out to the next-best unit), 槐荫 rejects (the next
 * best again), 历下 accepts and reports its engines en route, on scene and
 * released.
 */
@ExtendWith(CassandraAvailable.class)
class DispatchWorkflowBehaviourTest {

    /** A Jinan city duty officer: the incidents of these tests lie in several of its counties. */
    static final String OFFICER = "wang.fang@370100";
    static final String SILENT_KEY = "shizhong-119-1";
    static final String REJECTING_KEY = "huaiyin-119-1";
    static final String ACCEPTING_KEY = "lixia-119-1";

    @TempDir
    Path scratch;

    static Config node(String timers, int port) {
        String registry = "agencies = ["
                + SimulatedAgency.configEntry(Agency.AGENCY_FIRE, "shizhong-119", SILENT_KEY, "370103") + ","
                + SimulatedAgency.configEntry(Agency.AGENCY_FIRE, "huaiyin-119", REJECTING_KEY, "370104") + ","
                + SimulatedAgency.configEntry(Agency.AGENCY_FIRE, "lixia-119", ACCEPTING_KEY, "370102") + ","
                + DevKeySet.entry(RunningNode.KEYS.keyId(Agency.AGENCY_POLICE), Agency.AGENCY_POLICE, "shandong-110",
                        List.of("370000"), RunningNode.KEYS.publicKey(Agency.AGENCY_POLICE), "active")
                + "]\n";
        Path file;
        try {
            file = Files.createTempFile("dispatch-agency-keys", ".conf");
            Files.writeString(file, registry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return ConfigFactory.parseString("emcc.gateway.agency-keys = \"" + file + "\"\n"
                + "emcc.dispatch.timers = \"" + timers + "\"\n"
                + "emcc.dispatch.redeliver-every = 1s\n"
                + "emcc.dispatch.wake-every = 1s\n"
                + "emcc.http.port = " + port + "\n");
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** A verified building fire at 泉城广场, reported by 110. */
    static String verifiedFire(RunningNode node) throws Exception {
        return verifiedFire(node, JINAN_LON, JINAN_LAT);
    }

    /** A building fire at the point, reported by 110 and verified by the Jinan officer. */
    static String verifiedFire(RunningNode node, double lon, double lat) throws Exception {
        AgencyClient police = node.client(Agency.AGENCY_POLICE);
        Reply reply = police.send(policeReport(police, lon, lat, INCIDENT_CATEGORY_FIRE_BUILDING,
                Casualties.getDefaultInstance())).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        String incident = ((Reply.Acked) reply).ack().getEffectRef();
        ok(node.post("/v1/incidents/" + incident + "/status", OFFICER, "{\"to\":\"VERIFIED\",\"why\":\"119 confirms smoke\"}"));
        return incident;
    }

    static List<JsonNode> orders(RunningNode node, String incident) throws Exception {
        JsonNode d = ok(node.get("/v1/incidents/" + incident + "/dispatch"));
        return StreamSupport.stream(d.path("orders").spliterator(), false).toList();
    }

    static List<JsonNode> ordersIn(RunningNode node, String incident, String state) throws Exception {
        return orders(node, incident).stream().filter(o -> o.path("state").asText().equals(state)).toList();
    }

    static boolean count(RunningNode node, String incident, String state, int n) {
        try {
            return ordersIn(node, incident, state).size() == n;
        } catch (Exception e) {
            return false;
        }
    }

    /** A verified fire in 市中 whose proposal is confirmed with only its fire engines. */
    static String verifiedFireWithEnginesOrdered(RunningNode node) throws Exception {
        String incident = verifiedFire(node);
        JsonNode proposal = ok(node.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"))
                .path("proposal");
        confirmEnginesOnly(node, incident, proposal);
        return incident;
    }

    /** Confirms the proposal with only the fire engines (the officer drops everything else). */
    static JsonNode confirmEnginesOnly(RunningNode node, String incident, JsonNode proposal) throws Exception {
        List<String> drop = new ArrayList<>();
        proposal.path("units").forEach(u -> {
            if (!u.path("capability").asText().equals("FIRE_SUPPRESSION")) {
                drop.add("\"" + u.path("unitId").asText() + "\"");
            }
        });
        return ok(node.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER,
                "{\"drop\":[" + String.join(",", drop) + "]}"));
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void orders_time_out_or_are_rejected_to_the_next_best_unit_and_accepted_units_go_on_scene_and_home(
            JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/quick-ack.csv", 0));
             SimulatedAgency shizhong = new SimulatedAgency(node.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                     "shizhong-119", SimulatedAgency.Behaviour.NEVER_ANSWER);
             SimulatedAgency huaiyin = new SimulatedAgency(node.baseUri(), REJECTING_KEY, Agency.AGENCY_FIRE,
                     "huaiyin-119", SimulatedAgency.Behaviour.REJECT);
             SimulatedAgency lixia = new SimulatedAgency(node.baseUri(), ACCEPTING_KEY, Agency.AGENCY_FIRE,
                     "lixia-119", SimulatedAgency.Behaviour.ACCEPT)) {
            String incident = verifiedFire(node);

            JsonNode proposed = ok(node.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"));
            JsonNode proposal = proposed.path("proposal");
            assertThat(proposal.path("plan").asText()).startsWith("FIRE_SUPPRESSION:2");
            List<String> engines = new ArrayList<>();
            proposal.path("units").forEach(u -> {
                if (u.path("capability").asText().equals("FIRE_SUPPRESSION")) {
                    engines.add(u.path("unitId").asText());
                    assertThat(u.path("reason").asText()).contains("ETA");
                }
            });
            assertThat(engines).containsExactly("F-370103-3-PE1", "F-370103-3-PE2");
            assertThat(ok(node.get("/v1/incidents/" + incident + "/dispatch/proposal")).path("units").size())
                    .isEqualTo(proposal.path("units").size());

            JsonNode confirmed = confirmEnginesOnly(node, incident, proposal);
            assertThat(confirmed.path("refused")).isEmpty();
            assertThat(confirmed.path("dispatch").path("orders")).hasSize(2);

            // 市中 never answers: both orders time out and 槐荫's engines are ordered; 槐荫 rejects and 历下's are.
            awaitOrders(node, incident, "two orders timed out, two rejected, two accepted", () ->
                    count(node, incident, "TIMED_OUT", 2) && count(node, incident, "REJECTED", 2)
                            && count(node, incident, "ACCEPTED", 2));
            assertThat(ordersIn(node, incident, "TIMED_OUT")).extracting(o -> o.path("unitId").asText())
                    .containsExactlyInAnyOrder("F-370103-3-PE1", "F-370103-3-PE2");
            assertThat(ordersIn(node, incident, "REJECTED")).extracting(o -> o.path("unitId").asText())
                    .containsExactlyInAnyOrder("F-370104-2-PE1", "F-370104-2-PE2");
            List<JsonNode> accepted = ordersIn(node, incident, "ACCEPTED");
            assertThat(accepted).extracting(o -> o.path("unitId").asText())
                    .containsExactlyInAnyOrder("F-370102-1-PE1", "F-370102-1-PE2");
            assertThat(shizhong.handled).extracting(o -> o.getUnitId()).contains("F-370103-3-PE1", "F-370103-3-PE2");
            assertThat(huaiyin.handled).extracting(o -> o.getUnitId())
                    .containsOnly("F-370104-2-PE1", "F-370104-2-PE2");
            assertThat(lixia.accepted.values()).extracting(o -> o.getIncidentId()).containsOnly(incident);
            assertThat(lixia.accepted.values()).allSatisfy(o -> {
                assertThat(o.getLocation().getPoint().getLongitude()).isEqualTo(JINAN_LON);
                assertThat(o.getAction().name()).isEqualTo("ORDER_ACTION_RESPOND");
            });
            for (JsonNode o : ordersIn(node, incident, "REJECTED")) {
                assertThat(o.path("replacedBy").asText()).startsWith(incident + ".F-370102-1-PE");
            }
            assertThat(unitStatus(node, "F-370103-3-PE1")).isEqualTo("UNIT_STATUS_AVAILABLE");
            assertThat(unitStatus(node, "F-370102-1-PE1")).isEqualTo("UNIT_STATUS_DISPATCHED");

            // 历下's engines go en route, arrive and are released; the incident follows.
            for (JsonNode o : accepted) {
                String orderId = o.path("orderId").asText();
                String unit = o.path("unitId").asText();
                assertThat(lixia.progress(orderId, unit, OrderStage.ORDER_STAGE_EN_ROUTE)).isInstanceOf(Reply.Acked.class);
                assertThat(lixia.progress(orderId, unit, OrderStage.ORDER_STAGE_ON_SCENE)).isInstanceOf(Reply.Acked.class);
            }
            Await.until("the incident is on scene", Duration.ofSeconds(20),
                    () -> incidentStatus(node, incident).equals("INCIDENT_STATUS_ON_SCENE"));
            assertThat(unitStatus(node, "F-370102-1-PE1")).isEqualTo("UNIT_STATUS_ON_SCENE");

            // A resent progress report changes nothing; an order it does not know is refused.
            String first = accepted.get(0).path("orderId").asText();
            Reply again = lixia.progress(first, accepted.get(0).path("unitId").asText(), OrderStage.ORDER_STAGE_ON_SCENE);
            assertThat(((Reply.Acked) again).ack().getDuplicate()).isTrue();
            Reply unknown = lixia.progress(incident + ".F-370102-1-PE1.9", "F-370102-1-PE1", OrderStage.ORDER_STAGE_EN_ROUTE);
            assertThat(((Reply.Rejected) unknown).rejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE);
            // 槐荫's system may not report on an order for 历下's engine.
            Reply foreign = huaiyin.progress(first, accepted.get(0).path("unitId").asText(), OrderStage.ORDER_STAGE_RELEASED);
            assertThat(((Reply.Rejected) foreign).rejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_NOT_PERMITTED);

            for (JsonNode o : accepted) {
                lixia.progress(o.path("orderId").asText(), o.path("unitId").asText(), OrderStage.ORDER_STAGE_RELEASED);
            }
            Await.until("both engines released and available", Duration.ofSeconds(20), () ->
                    count(node, incident, "RELEASED", 2) && unitStatus(node, "F-370102-1-PE2").equals("UNIT_STATUS_AVAILABLE"));

            // Illegal officer commands are refused with a reason.
            HttpResponse<String> neverDispatched = node.post("/v1/incidents/" + incident + "/dispatch/release", OFFICER,
                    "{\"unit\":\"F-370105-1-PE1\",\"why\":\"stand down\"}");
            assertThat(neverDispatched.statusCode()).isEqualTo(409);
            assertThat(neverDispatched.body()).contains("never dispatched");

            String timeline = ok(node.get("/v1/incidents/" + incident)).path("timeline").toString();
            assertThat(timeline).contains("dispatch proposed").contains("timed out").contains("no acknowledgement")
                    .contains("rejected").contains("engine out on a training exercise").contains("next-best unit")
                    .contains("en route").contains("on scene").contains("released");
            // each step also as a phrase the console shows in the officer's language
            assertThat(timeline).contains("\"code\":\"timeline.dispatch.proposed\"")
                    .contains("\"code\":\"timeline.order.timed_out\"")
                    .contains("\"code\":\"timeline.why.no_acknowledgement\"")
                    .contains("\"code\":\"timeline.order.rejected\"")
                    .contains("\"code\":\"timeline.order.replaced\"")
                    .contains("\"code\":\"timeline.order.en_route\"")
                    .contains("\"code\":\"timeline.order.on_scene\"")
                    .contains("\"code\":\"timeline.order.released\"");
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_unit_busy_on_one_incident_is_refused_for_another(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/slow-ack.csv", 0));
             SimulatedAgency shizhong = new SimulatedAgency(node.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                     "shizhong-119", SimulatedAgency.Behaviour.ACCEPT)) {
            String first = verifiedFire(node);
            ok(node.post("/v1/incidents/" + first + "/dispatch/proposal", OFFICER, "{}"));
            ok(node.post("/v1/incidents/" + first + "/dispatch/confirm", OFFICER, "{\"add\":[\"F-370103-2-PE1\"]}"));

            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            Reply other = police.send(policeReport(police, JINAN_LON, north(JINAN_LAT, 5_000),
                    INCIDENT_CATEGORY_FIRE_BUILDING, Casualties.getDefaultInstance())).get();
            String second = ((Reply.Acked) other).ack().getEffectRef();
            assertThat(second).isNotEqualTo(first);
            ok(node.post("/v1/incidents/" + second + "/status", OFFICER, "{\"to\":\"VERIFIED\",\"why\":\"seen\"}"));
            JsonNode proposal = ok(node.post("/v1/incidents/" + second + "/dispatch/proposal", OFFICER, "{}")).path("proposal");
            Set<String> all = StreamSupport.stream(proposal.path("units").spliterator(), false)
                    .map(u -> "\"" + u.path("unitId").asText() + "\"").collect(Collectors.toSet());
            HttpResponse<String> busy = node.post("/v1/incidents/" + second + "/dispatch/confirm", OFFICER,
                    "{\"drop\":[" + String.join(",", all) + "],\"add\":[\"F-370103-2-PE1\"]}");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(409);
            assertThat(busy.body()).contains("F-370103-2-PE1").contains("busy").contains(first);
            assertThat(ok(node.get("/v1/incidents/" + second + "/dispatch")).path("timeline").toString())
                    .contains("not ordered").contains("busy");
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_new_incident_gets_its_proposal_when_first_asked_and_a_grade_iv_traffic_accident_is_dispatched_by_policy(
            JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/slow-ack.csv", 0))) {
            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            Reply reply = police.send(policeReport(police, JINAN_LON, JINAN_LAT,
                    cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT,
                    Casualties.getDefaultInstance())).get();
            String incident = ((Reply.Acked) reply).ack().getEffectRef();
            // The first look at the new incident's dispatch makes the proposal; later looks read the same one.
            JsonNode proposal = ok(node.get("/v1/incidents/" + incident + "/dispatch/proposal"));
            assertThat(proposal.path("plan").asText()).isEqualTo("RESCUE:1 TRAFFIC_CONTROL:1 ROAD_CLEARANCE:1 EMS:1");
            assertThat(ok(node.get("/v1/incidents/" + incident + "/dispatch/proposal")).path("at"))
                    .isEqualTo(proposal.path("at"));
            assertThat(orders(node, incident)).as("nothing is ordered before verification").isEmpty();

            HttpResponse<String> tooEarly = node.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER, "{}");
            assertThat(tooEarly.statusCode()).isEqualTo(409);
            assertThat(tooEarly.body()).contains("VERIFIED");

            ok(node.post("/v1/incidents/" + incident + "/status", OFFICER, "{\"to\":\"VERIFIED\",\"why\":\"camera\"}"));
            awaitOrders(node, incident, "emcc dispatched the plan by itself", () -> {
                try {
                    return orders(node, incident).size() == proposal.path("units").size();
                } catch (Exception e) {
                    return false;
                }
            });
            String timeline = ok(node.get("/v1/incidents/" + incident + "/dispatch")).path("timeline").toString();
            assertThat(timeline).contains("\"kind\":\"SYSTEM\"").contains("to respond");
            Await.until("the incident is DISPATCHING", Duration.ofSeconds(20),
                    () -> incidentStatus(node, incident).equals("INCIDENT_STATUS_DISPATCHING"));
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void an_accepted_unit_that_is_not_en_route_in_time_raises_an_alert_and_keeps_its_order(JournalUnderTest journal)
            throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/quick-alerts.csv", 0));
             SimulatedAgency shizhong = new SimulatedAgency(node.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                     "shizhong-119", SimulatedAgency.Behaviour.ACCEPT)) {
            String incident = verifiedFireWithEnginesOrdered(node);
            Await.until("the alerts are on the incident's timeline", Duration.ofSeconds(30), () -> {
                try {
                    String timeline = ok(node.get("/v1/incidents/" + incident)).path("timeline").toString();
                    return timeline.split("overdue \\(EN_ROUTE\\)", -1).length == 3;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(ordersIn(node, incident, "ACCEPTED")).hasSize(2)
                    .allSatisfy(o -> assertThat(o.path("overdue").asText()).isEqualTo("EN_ROUTE"));

            // The county's, the city's and the province's command nodes count them among their overdue timers
            // until the units move on; another city's node does not.
            String county = incident.substring(0, 6);
            String city = county.substring(0, 4) + "00";
            String token = node.token(RunningNode.PROVINCE_OFFICER);
            try (NodeStreamClient countyNode = new NodeStreamClient(node.baseUri(), county, false, token).connect(ResumeBy.QUERY);
                 NodeStreamClient cityNode = new NodeStreamClient(node.baseUri(), city, false, token).connect(ResumeBy.QUERY);
                 NodeStreamClient provinceNode = new NodeStreamClient(node.baseUri(), "370000", false, token)
                         .connect(ResumeBy.QUERY);
                 NodeStreamClient qingdaoNode = new NodeStreamClient(node.baseUri(), "370200", false, token)
                         .connect(ResumeBy.QUERY)) {
                Await.until("the county, the city and the province count both alerts", Duration.ofSeconds(30), () ->
                        countyNode.summary().getOverdueTimers() == 2 && cityNode.summary().getOverdueTimers() == 2
                                && provinceNode.summary().getOverdueTimers() == 2);
                assertThat(qingdaoNode.summary().getOverdueTimers()).isZero();
                assertThat(shizhong.status("F-370103-3-PE1", UnitStatus.UNIT_STATUS_EN_ROUTE)).isInstanceOf(Reply.Acked.class);
                Await.until("the unit that moved on no longer counts", Duration.ofSeconds(30), () ->
                        countyNode.summary().getOverdueTimers() == 1 && cityNode.summary().getOverdueTimers() == 1
                                && provinceNode.summary().getOverdueTimers() == 1);
                assertThat(countyNode.violations()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_release_the_agency_does_not_confirm_in_time_raises_an_alert_and_keeps_going_out(JournalUnderTest journal)
            throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/quick-ack.csv", 0));
             SimulatedAgency shizhong = new SimulatedAgency(node.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                     "shizhong-119", SimulatedAgency.Behaviour.ACCEPT)) {
            String incident = verifiedFireWithEnginesOrdered(node);
            awaitOrders(node, incident, "both engines accepted", () -> count(node, incident, "ACCEPTED", 2));
            String pe1 = "F-370103-3-PE1";
            String order1 = orderOf(node, incident, pe1);
            String release = order1 + "-release";

            // The agency goes silent; the officer stands PE1 down. Its release is due within the ack time (3 s).
            shizhong.behave(SimulatedAgency.Behaviour.NEVER_ANSWER);
            ok(node.post("/v1/incidents/" + incident + "/dispatch/release", OFFICER,
                    "{\"unit\":\"" + pe1 + "\",\"why\":\"not needed\"}"));
            Await.until("the overdue release is on the incident's timeline", Duration.ofSeconds(30), () -> {
                try {
                    return ok(node.get("/v1/incidents/" + incident)).path("timeline").toString()
                            .contains("order " + order1 + " overdue (RELEASE)");
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode order = orders(node, incident).stream()
                    .filter(o -> o.path("orderId").asText().equals(order1)).findFirst().orElseThrow();
            assertThat(order.path("state").asText()).isEqualTo("RELEASING");
            assertThat(order.path("overdue").asText()).isEqualTo("RELEASE");
            assertThat(unitStatus(node, pe1)).as("committed until the agency confirms").isEqualTo("UNIT_STATUS_DISPATCHED");
            long sent = shizhong.releases.stream().filter(o -> o.getOrderId().equals(release)).count();
            Await.until("the release goes out again after the alert", Duration.ofSeconds(30), () ->
                    shizhong.releases.stream().filter(o -> o.getOrderId().equals(release)).count() > sent);

            assertThat(shizhong.status(pe1, UnitStatus.UNIT_STATUS_AVAILABLE)).isInstanceOf(Reply.Acked.class);
            assertThat(stateOf(node, incident, order1)).isEqualTo("RELEASED");
        }
    }

    /** Waits for the orders to get somewhere; on failure, says where they are. */
    static void awaitOrders(RunningNode node, String incident, String what, java.util.function.BooleanSupplier done) {
        try {
            Await.until(what, Duration.ofSeconds(60), done);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; dispatch: " + node.get("/v1/incidents/" + incident + "/dispatch").body(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void after_a_restart_in_the_middle_of_a_dispatch_orders_and_units_are_where_they_were_and_no_order_is_new(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        Config config = node("timers/slow-ack.csv", port);
        try (TestStore store = journal.freshStore(scratch)) {
            RunningNode first = RunningNode.start(store, config);
            SimulatedAgency shizhong = new SimulatedAgency(first.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                    "shizhong-119", SimulatedAgency.Behaviour.NEVER_ANSWER);
            shizhong.acceptUnits.add("F-370103-3-PE1");
            String incident;
            String pendingOrder;
            String pendingDeadline;
            String acceptedOrder;
            try (first) {
                incident = verifiedFireWithEnginesOrdered(first);
                awaitOrders(first, incident, "one order accepted, one unanswered and delivered", () ->
                        count(first, incident, "ACCEPTED", 1) && count(first, incident, "ISSUED", 1)
                                && shizhong.handled.stream().anyMatch(o -> o.getUnitId().equals("F-370103-3-PE2")));
                Await.until("the incident is DISPATCHING", Duration.ofSeconds(20),
                        () -> incidentStatus(first, incident).equals("INCIDENT_STATUS_DISPATCHING"));
                JsonNode pending = ordersIn(first, incident, "ISSUED").get(0);
                pendingOrder = pending.path("orderId").asText();
                pendingDeadline = pending.path("deadline").asText();
                acceptedOrder = ordersIn(first, incident, "ACCEPTED").get(0).path("orderId").asText();
            }
            int deliveredBefore = (int) shizhong.handled.stream().filter(o -> o.getOrderId().equals(pendingOrder)).count();

            try (RunningNode second = RunningNode.start(store, config); shizhong) {
                // The unanswered order is delivered again after the restart: the same order, not a new one.
                Await.until("the unanswered order is redelivered after the restart", Duration.ofSeconds(60), () ->
                        shizhong.handled.stream().filter(o -> o.getOrderId().equals(pendingOrder)).count() > deliveredBefore);
                List<JsonNode> orders = orders(second, incident);
                assertThat(orders).hasSize(2);
                JsonNode stillPending = orders.stream().filter(o -> o.path("orderId").asText().equals(pendingOrder))
                        .findFirst().orElseThrow();
                assertThat(stillPending.path("state").asText()).isEqualTo("ISSUED");
                assertThat(stillPending.path("deadline").asText()).isEqualTo(pendingDeadline);
                assertThat(orders.stream().filter(o -> o.path("orderId").asText().equals(acceptedOrder))
                        .findFirst().orElseThrow().path("state").asText()).isEqualTo("ACCEPTED");
                assertThat(shizhong.handled.stream().map(o -> o.getOrderId()).distinct())
                        .containsExactlyInAnyOrder(acceptedOrder, pendingOrder);
                assertThat(shizhong.handled.stream().filter(o -> o.getOrderId().equals(acceptedOrder))).hasSize(1);
                assertThat(unitStatus(second, "F-370103-3-PE1")).isEqualTo("UNIT_STATUS_DISPATCHED");
                assertThat(unitStatus(second, "F-370103-3-PE2")).isEqualTo("UNIT_STATUS_DISPATCHED");

                // The agency now accepts it, under its original id.
                shizhong.acceptUnits.add("F-370103-3-PE2");
                Await.until("the redelivered order is accepted", Duration.ofSeconds(30),
                        () -> count(second, incident, "ACCEPTED", 2));
                assertThat(orders(second, incident)).hasSize(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void an_acknowledgement_deadline_that_passes_while_the_node_is_down_times_out_after_the_restart(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        Config config = node("timers/quick-ack.csv", port);
        try (TestStore store = journal.freshStore(scratch)) {
            String incident;
            try (RunningNode first = RunningNode.start(store, config)) {
                incident = verifiedFireWithEnginesOrdered(first);
                Await.until("the incident is DISPATCHING", Duration.ofSeconds(20),
                        () -> incidentStatus(first, incident).equals("INCIDENT_STATUS_DISPATCHING"));
            }
            try (RunningNode second = RunningNode.start(store, config)) {
                // Nobody is connected: the engines of 市中 time out, and so do the next best, one after the other.
                awaitOrders(second, incident, "both first orders timed out and were replaced", () -> {
                    try {
                        return orders(second, incident).stream()
                                .filter(o -> o.path("unitId").asText().startsWith("F-370103-3-PE"))
                                .allMatch(o -> o.path("state").asText().equals("TIMED_OUT")
                                        && o.path("replacedBy").asText().contains("."));
                    } catch (Exception e) {
                        return false;
                    }
                });
                assertThat(orders(second, incident).stream().map(o -> o.path("orderId").asText()))
                        .doesNotHaveDuplicates();
                assertThat(unitStatus(second, "F-370103-3-PE1")).isEqualTo("UNIT_STATUS_AVAILABLE");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_crew_reported_en_route_or_on_scene_before_its_agency_answered_has_accepted_and_is_on_its_way(
            JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/slow-ack.csv", 0));
             SimulatedAgency shizhong = new SimulatedAgency(node.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                     "shizhong-119", SimulatedAgency.Behaviour.NEVER_ANSWER)) {
            String incident = verifiedFireWithEnginesOrdered(node);
            String pe1 = "F-370103-3-PE1";
            String pe2 = "F-370103-3-PE2";
            awaitOrders(node, incident, "both orders delivered, neither answered", () ->
                    shizhong.handled.stream().map(o -> o.getUnitId()).distinct().count() == 2);
            String order1 = orderOf(node, incident, pe1);
            String order2 = orderOf(node, incident, pe2);
            assertThat(stateOf(node, incident, order1)).isIn("ISSUED", "DELIVERED");

            // The agency's system never acknowledges, but its crews report from the road and from the scene.
            assertThat(shizhong.status(pe1, UnitStatus.UNIT_STATUS_EN_ROUTE)).isInstanceOf(Reply.Acked.class);
            assertThat(stateOf(node, incident, order1)).isEqualTo("EN_ROUTE");
            assertThat(shizhong.status(pe2, UnitStatus.UNIT_STATUS_ON_SCENE)).isInstanceOf(Reply.Acked.class);
            assertThat(stateOf(node, incident, order2)).isEqualTo("ON_SCENE");
            Await.until("the units follow their orders", Duration.ofSeconds(20),
                    () -> unitStatus(node, pe1).equals("UNIT_STATUS_EN_ROUTE")
                            && unitStatus(node, pe2).equals("UNIT_STATUS_ON_SCENE"));
            Await.until("the incident is on scene", Duration.ofSeconds(20),
                    () -> incidentStatus(node, incident).equals("INCIDENT_STATUS_ON_SCENE"));
            // An order the crew is already working on is no longer pushed to the agency (redelivery is every 1 s
            // here): what it had received before is all it receives over the next few seconds.
            long before = deliveries(shizhong, order1, order2);
            Thread.sleep(3_000);
            assertThat(deliveries(shizhong, order1, order2)).isEqualTo(before);
        }
    }

    private static long deliveries(SimulatedAgency agency, String... orderIds) {
        Set<String> ids = Set.of(orderIds);
        return agency.handled.stream().filter(o -> ids.contains(o.getOrderId())).count();
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_release_order_unconfirmed_when_the_node_restarts_goes_out_again_although_the_incident_has_ended(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        Config config = node("timers/slow-ack.csv", port);
        try (TestStore store = journal.freshStore(scratch)) {
            RunningNode first = RunningNode.start(store, config);
            SimulatedAgency shizhong = new SimulatedAgency(first.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                    "shizhong-119", SimulatedAgency.Behaviour.ACCEPT);
            String pe1 = "F-370103-3-PE1";
            String incident;
            String order1;
            try (first) {
                incident = verifiedFireWithEnginesOrdered(first);
                awaitOrders(first, incident, "both engines accepted", () -> count(first, incident, "ACCEPTED", 2));
                order1 = orderOf(first, incident, pe1);
                // The agency falls silent; the incident turns out a false alarm, so its units are stood down.
                shizhong.behave(SimulatedAgency.Behaviour.NEVER_ANSWER);
                ok(first.post("/v1/incidents/" + incident + "/status", OFFICER,
                        "{\"to\":\"CANCELLED\",\"why\":\"false alarm\"}"));
                String release = order1 + "-release";
                awaitOrders(first, incident, "the release order went out", () -> {
                    try {
                        return stateOf(first, incident, order1).equals("RELEASING")
                                && shizhong.releases.stream().anyMatch(o -> o.getOrderId().equals(release));
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            String release = order1 + "-release";
            long sentBefore = shizhong.releases.stream().filter(o -> o.getOrderId().equals(release)).count();

            // As if the node came back long after the incident ended: the workflow's reactions to the replayed
            // events (stand-downs) are left alone, so nothing about the ended incident reaches the new node (no
            // officer, no agency message). Its dispatch must still be started to deliver the release again.
            Config later = ConfigFactory.parseString("emcc.dispatch.auto.within = 1ms").withFallback(config);
            try (RunningNode second = RunningNode.start(store, later); shizhong) {
                Await.until("the release order is delivered again after the restart", Duration.ofSeconds(60), () ->
                        shizhong.releases.stream().filter(o -> o.getOrderId().equals(release)).count() > sentBefore);
                assertThat(stateOf(second, incident, order1)).isEqualTo("RELEASING");
                assertThat(unitStatus(second, pe1)).as("committed until the agency confirms")
                        .isEqualTo("UNIT_STATUS_DISPATCHED");
                assertThat(shizhong.status(pe1, UnitStatus.UNIT_STATUS_AVAILABLE)).isInstanceOf(Reply.Acked.class);
                assertThat(stateOf(second, incident, order1)).isEqualTo("RELEASED");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void unit_statuses_move_orders_and_a_release_sends_a_release_order_that_frees_the_unit_once_confirmed(
            JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch);
             RunningNode node = RunningNode.start(store, node("timers/slow-ack.csv", 0));
             SimulatedAgency shizhong = new SimulatedAgency(node.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                     "shizhong-119", SimulatedAgency.Behaviour.ACCEPT)) {
            String incident = verifiedFireWithEnginesOrdered(node);
            awaitOrders(node, incident, "both engines accepted", () -> count(node, incident, "ACCEPTED", 2));
            String pe1 = "F-370103-3-PE1";
            String pe2 = "F-370103-3-PE2";
            String order1 = orderOf(node, incident, pe1);
            String order2 = orderOf(node, incident, pe2);

            // UNIT_STATUS reports move the unit's open order exactly as order progress does.
            assertThat(shizhong.status(pe1, UnitStatus.UNIT_STATUS_EN_ROUTE)).isInstanceOf(Reply.Acked.class);
            assertThat(stateOf(node, incident, order1)).isEqualTo("EN_ROUTE");
            Await.until("the unit follows its order", Duration.ofSeconds(20),
                    () -> unitStatus(node, pe1).equals("UNIT_STATUS_EN_ROUTE"));
            assertThat(shizhong.status(pe1, UnitStatus.UNIT_STATUS_ON_SCENE)).isInstanceOf(Reply.Acked.class);
            assertThat(stateOf(node, incident, order1)).isEqualTo("ON_SCENE");
            Await.until("the incident is on scene", Duration.ofSeconds(20),
                    () -> incidentStatus(node, incident).equals("INCIDENT_STATUS_ON_SCENE"));
            Reply repeated = shizhong.status(pe1, UnitStatus.UNIT_STATUS_ON_SCENE);
            assertThat(((Reply.Acked) repeated).ack().getDuplicate()).isTrue();

            // A status of a unit on no order changes only the unit.
            List<JsonNode> before = orders(node, incident);
            assertThat(shizhong.status("F-370103-1-PE1", UnitStatus.UNIT_STATUS_OUT_OF_SERVICE))
                    .isInstanceOf(Reply.Acked.class);
            assertThat(unitStatus(node, "F-370103-1-PE1")).isEqualTo("UNIT_STATUS_OUT_OF_SERVICE");
            assertThat(orders(node, incident)).isEqualTo(before);

            // The officer stands PE1 down: the agency gets a release order, and PE1 is free once it confirms.
            JsonNode released = ok(node.post("/v1/incidents/" + incident + "/dispatch/release", OFFICER,
                    "{\"unit\":\"" + pe1 + "\",\"why\":\"fire knocked down\"}"));
            assertThat(released.path("orders").toString()).contains(order1);
            awaitOrders(node, incident, "the agency confirmed the release", () -> {
                try {
                    return stateOf(node, incident, order1).equals("RELEASED");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(shizhong.releases).extracting(o -> o.getOrderId()).containsExactly(order1 + "-release");
            assertThat(shizhong.releases.get(0).getAction()).isEqualTo(OrderAction.ORDER_ACTION_RELEASE);
            assertThat(shizhong.releases.get(0).getUnitId()).isEqualTo(pe1);
            Await.until("PE1 is available again", Duration.ofSeconds(20),
                    () -> unitStatus(node, pe1).equals("UNIT_STATUS_AVAILABLE"));
            HttpResponse<String> twice = node.post("/v1/incidents/" + incident + "/dispatch/release", OFFICER,
                    "{\"unit\":\"" + pe1 + "\",\"why\":\"again\"}");
            assertThat(twice.statusCode()).isEqualTo(409);
            assertThat(twice.body()).contains("never dispatched");

            // Closing the incident stands PE2 down; this time the agency does not answer the release order
            // but reports the unit available, which releases it just the same.
            shizhong.behave(SimulatedAgency.Behaviour.NEVER_ANSWER);
            ok(node.post("/v1/incidents/" + incident + "/status", OFFICER, "{\"to\":\"CONTROLLED\",\"why\":\"out\"}"));
            ok(node.post("/v1/incidents/" + incident + "/status", OFFICER, "{\"to\":\"CLOSED\",\"why\":\"done\"}"));
            awaitOrders(node, incident, "PE2 is being released", () -> {
                try {
                    return stateOf(node, incident, order2).equals("RELEASING")
                            && shizhong.releases.stream().anyMatch(o -> o.getOrderId().equals(order2 + "-release"));
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(unitStatus(node, pe2)).as("committed until the agency confirms").isEqualTo("UNIT_STATUS_DISPATCHED");
            assertThat(shizhong.status(pe2, UnitStatus.UNIT_STATUS_AVAILABLE)).isInstanceOf(Reply.Acked.class);
            assertThat(stateOf(node, incident, order2)).isEqualTo("RELEASED");
            Await.until("PE2 is available again", Duration.ofSeconds(20),
                    () -> unitStatus(node, pe2).equals("UNIT_STATUS_AVAILABLE"));

            Await.until("the steps are on the incident's timeline", Duration.ofSeconds(20), () -> {
                try {
                    String timeline = ok(node.get("/v1/incidents/" + incident)).path("timeline").toString();
                    return timeline.contains("fire knocked down; release order sent to AGENCY_FIRE")
                            && timeline.contains("the agency confirms the release")
                            && timeline.contains("dispatch ended") && timeline.contains("unit status AVAILABLE");
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_node_stopped_between_committing_units_and_issuing_their_orders_issues_them_after_the_restart(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        Config config = node("timers/slow-ack.csv", port);
        Config halting = ConfigFactory.parseString("emcc.dispatch.fault.halt-before-issue = true").withFallback(config);
        try (TestStore store = journal.freshStore(scratch)) {
            String incident;
            String order1;
            String order2;
            try (RunningNode first = RunningNode.start(store, halting)) {
                incident = verifiedFire(first);
                JsonNode proposal = ok(first.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"))
                        .path("proposal");
                List<String> drop = new ArrayList<>();
                proposal.path("units").forEach(u -> {
                    if (!u.path("capability").asText().equals("FIRE_SUPPRESSION")) {
                        drop.add("\"" + u.path("unitId").asText() + "\"");
                    }
                });
                HttpResponse<String> confirm = first.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER,
                        "{\"drop\":[" + String.join(",", drop) + "]}");
                assertThat(confirm.statusCode()).as("the orders never went out").isNotEqualTo(200);
                Await.until("both engines are committed", Duration.ofSeconds(20), () ->
                        unitStatus(first, "F-370103-3-PE1").equals("UNIT_STATUS_DISPATCHED")
                                && unitStatus(first, "F-370103-3-PE2").equals("UNIT_STATUS_DISPATCHED"));
                order1 = ok(first.get("/v1/units/F-370103-3-PE1")).path("orderId").asText();
                order2 = ok(first.get("/v1/units/F-370103-3-PE2")).path("orderId").asText();
                assertThat(order1).startsWith(incident + ".F-370103-3-PE1.");
                assertThat(orders(first, incident)).as("committed, not issued").isEmpty();
            }
            try (RunningNode second = RunningNode.start(store, config);
                 SimulatedAgency shizhong = new SimulatedAgency(second.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                         "shizhong-119", SimulatedAgency.Behaviour.ACCEPT)) {
                awaitOrders(second, incident, "the committed units' orders are issued and accepted",
                        () -> count(second, incident, "ACCEPTED", 2));
                assertThat(orders(second, incident)).extracting(o -> o.path("orderId").asText())
                        .containsExactlyInAnyOrder(order1, order2);
                assertThat(ok(second.get("/v1/units/F-370103-3-PE1")).path("orderId").asText()).isEqualTo(order1);
                assertThat(ok(second.get("/v1/units/F-370103-3-PE2")).path("orderId").asText()).isEqualTo(order2);
                assertThat(shizhong.handled.stream().map(o -> o.getOrderId()).distinct())
                        .containsExactlyInAnyOrder(order1, order2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_node_process_killed_between_committing_units_and_issuing_their_orders_issues_them_after_the_restart(
            JournalUnderTest journal) throws Exception {
        int port = RunningNode.freePort();
        Path work = scratch.resolve("kill-" + journal);
        try (TestStore store = journal.freshStore(scratch)) {
            String incident;
            String order1;
            String order2;
            NodeProcess child = NodeProcess.start(store, work, "halting",
                    "emcc.dispatch.fault.halt-before-issue = true");
            try {
                AgencyClient police = child.client(Agency.AGENCY_POLICE, "test-110");
                Reply reply = police.send(policeReport(police, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                        Casualties.getDefaultInstance())).get();
                incident = ((Reply.Acked) reply).ack().getEffectRef();
                police.close();
                assertThat(child.post("/v1/incidents/" + incident + "/status", OFFICER,
                        "{\"to\":\"VERIFIED\",\"why\":\"119 confirms smoke\"}").statusCode()).isEqualTo(200);
                JsonNode proposal = json(child.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"))
                        .path("proposal");
                List<String> drop = new ArrayList<>();
                proposal.path("units").forEach(u -> {
                    if (!u.path("capability").asText().equals("FIRE_SUPPRESSION")) {
                        drop.add("\"" + u.path("unitId").asText() + "\"");
                    }
                });
                HttpResponse<String> confirm = child.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER,
                        "{\"drop\":[" + String.join(",", drop) + "]}");
                assertThat(confirm.statusCode()).as("the orders never went out").isNotEqualTo(200);
                Await.until("both engines are committed", Duration.ofSeconds(60), () -> {
                    try {
                        return json(child.get("/v1/units/F-370103-3-PE1")).path("orderId").asText().contains(".")
                                && json(child.get("/v1/units/F-370103-3-PE2")).path("orderId").asText().contains(".");
                    } catch (Exception e) {
                        return false;
                    }
                });
                order1 = json(child.get("/v1/units/F-370103-3-PE1")).path("orderId").asText();
                order2 = json(child.get("/v1/units/F-370103-3-PE2")).path("orderId").asText();
                assertThat(json(child.get("/v1/incidents/" + incident + "/dispatch")).path("orders")).isEmpty();
            } finally {
                assertThat(child.kill()).as("SIGKILL").isEqualTo(137);
            }

            try (RunningNode second = RunningNode.start(store, node("timers/slow-ack.csv", port));
                 SimulatedAgency shizhong = new SimulatedAgency(second.baseUri(), SILENT_KEY, Agency.AGENCY_FIRE,
                         "shizhong-119", SimulatedAgency.Behaviour.ACCEPT)) {
                awaitOrders(second, incident, "the committed units' orders are issued and accepted",
                        () -> count(second, incident, "ACCEPTED", 2));
                assertThat(orders(second, incident)).extracting(o -> o.path("orderId").asText())
                        .containsExactlyInAnyOrder(order1, order2);
                assertThat(shizhong.handled.stream().map(o -> o.getOrderId()).distinct())
                        .containsExactlyInAnyOrder(order1, order2);
                assertThat(unitStatus(second, "F-370103-3-PE1")).isEqualTo("UNIT_STATUS_DISPATCHED");
            }
        }
    }

    static String orderOf(RunningNode node, String incident, String unitId) throws Exception {
        return orders(node, incident).stream().filter(o -> o.path("unitId").asText().equals(unitId)
                && !o.path("state").asText().equals("RELEASED")).findFirst().orElseThrow().path("orderId").asText();
    }

    static String stateOf(RunningNode node, String incident, String orderId) throws Exception {
        return orders(node, incident).stream().filter(o -> o.path("orderId").asText().equals(orderId))
                .findFirst().orElseThrow().path("state").asText();
    }

    static String unitStatus(RunningNode node, String unitId) {
        try {
            return ok(node.get("/v1/units/" + unitId)).path("status").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String incidentStatus(RunningNode node, String incident) {
        try {
            return ok(node.get("/v1/incidents/" + incident)).path("status").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
