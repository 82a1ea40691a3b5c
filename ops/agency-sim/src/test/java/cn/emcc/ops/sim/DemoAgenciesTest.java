package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.Sender;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo agencies against a stand-in gateway on a real port, through the real agency client. */
class DemoAgenciesTest {

    private static final Map<String, Agency> TOKENS = Map.of(
            "key-110", Agency.AGENCY_POLICE,
            "key-119", Agency.AGENCY_FIRE,
            "key-weather", Agency.AGENCY_WEATHER,
            "key-traffic", Agency.AGENCY_TRAFFIC);
    private static final Map<String, java.security.KeyPair> KEYS = new java.util.HashMap<>();

    static {
        TOKENS.keySet().forEach(id -> KEYS.put(id, cn.emcc.protocols.trust.SignatureAlgorithm.ED25519.generate()));
    }

    /** The credentials of these key ids (an unknown id gets a key nobody registered). */
    private static DemoCredentials credentials(Map<Agency, String> keyIds) {
        Map<Agency, DemoCredentials.Credential> c = new EnumMap<>(Agency.class);
        keyIds.forEach((agency, id) -> c.put(agency, new DemoCredentials.Credential(id,
                KEYS.computeIfAbsent(id, x -> cn.emcc.protocols.trust.SignatureAlgorithm.ED25519.generate()).getPrivate())));
        return new DemoCredentials(c, cn.emcc.protocols.trust.OrderKeys.of(AckingGateway.ORDER_KEY.getPublic()), null);
    }
    private static final long SEED = 3;
    private static final double RATE = 1200;
    private static final Duration RUN = Duration.ofSeconds(6);

    private static ActorSystem system;
    private AckingGateway gateway;

    @BeforeAll
    static void startActorSystem() {
        system = ActorSystem.create("stand-in-gateway", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING"));
    }

    @AfterAll
    static void stopActorSystem() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startGateway() throws Exception {
        Map<String, java.security.PublicKey> publicKeys = new java.util.HashMap<>();
        TOKENS.keySet().forEach(id -> publicKeys.put(id, KEYS.get(id).getPublic()));
        gateway = new AckingGateway(system, TOKENS, publicKeys);
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void the_four_agencies_deliver_the_whole_scenario_and_answer_dispatch_orders() throws Exception {
        // The scenario's content depends on seed and rate only (the origin moves times and ids), so the
        // same plan tells what the gateway must receive.
        List<PlannedMessage> plan = new ScenarioGenerator(SEED, RATE, Instant.now()).until(RUN);
        Map<MessageKind, Long> planned = new EnumMap<>(MessageKind.class);
        plan.forEach(m -> planned.merge(m.kind(), 1L, Long::sum));
        long resends = plan.stream().filter(PlannedMessage::resend).count();
        assertThat(planned).as("the plan exercises every agency").hasSize(4);
        assertThat(resends).as("the plan contains a resend").isPositive();

        DemoOptions options = new DemoOptions(SEED, RATE, RUN, false, 0.3);
        try (DemoAgencies demo = DemoAgencies.start(gateway.baseUri(), credentials(tokensByAgency()), options)) {
            demo.finished().get(120, TimeUnit.SECONDS);

            DemoStats stats = demo.stats();
            assertThat(stats.sent()).isEqualTo(plan.size());
            assertThat(stats.acked()).isEqualTo(plan.size());
            assertThat(stats.duplicates()).isEqualTo(resends);
            assertThat(stats.rejected()).isEmpty();
            assertThat(stats.failed()).isZero();
            assertThat(stats.sentByKind()).isEqualTo(planned);

            assertThat(gateway.receivedByKind()).isEqualTo(planned);
            assertThat(gateway.duplicateAcks()).isEqualTo(resends);
            for (AckingGateway.Receipt r : gateway.receipts()) {
                Envelope e = r.envelope();
                assertThat(e.getSender()).isEqualTo(Senders.of(r.tokenOf()));
                assertThat(ContractCheck.problems(e)).isEmpty();
            }

            List<Envelope> orders = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Agency to = i % 2 == 0 ? Agency.AGENCY_POLICE : Agency.AGENCY_FIRE;
                Envelope order = order("ORD-" + i, to);
                orders.add(order);
                gateway.push(to, order);
            }
            awaitUntil(() -> acknowledgements().size() == orders.size());

            OrderDecider expected = new OrderDecider(0.3, SEED);
            for (Envelope order : orders) {
                DispatchOrder o = order.getDispatchOrder();
                AckingGateway.Receipt answer = acknowledgements().stream()
                        .filter(r -> r.envelope().getOrderAcknowledgement().getOrderId().equals(o.getOrderId()))
                        .findFirst().orElseThrow();
                OrderAcknowledgement ack = answer.envelope().getOrderAcknowledgement();
                assertThat(answer.tokenOf()).isEqualTo(o.getAgency());
                assertThat(answer.envelope().getReferencesList()).containsExactly(order.getMessageId());
                assertThat(ack.getDecision()).isEqualTo(expected.onOrder(o).getDecision());
            }
            assertThat(demo.stats().ordersAccepted() + demo.stats().ordersRejected()).isEqualTo(orders.size());
            assertThat(demo.stats().ordersAccepted()).isEqualTo(expected.accepted());
        }
    }

    @Test
    void the_crew_of_an_accepted_order_reports_en_route_over_the_gateway() throws Exception {
        DemoOptions options = new DemoOptions(SEED, RATE, Duration.ofSeconds(1), false, 0);
        try (DemoAgencies demo = DemoAgencies.start(gateway.baseUri(), credentials(tokensByAgency()), options)) {
            demo.finished().get(120, TimeUnit.SECONDS);
            gateway.push(Agency.AGENCY_FIRE, order("INC-370102-0001.JN-LX-E01.1", Agency.AGENCY_FIRE));
            awaitUntil(() -> progressReports().stream().anyMatch(r ->
                    r.envelope().getOrderProgress().getStage() == OrderStage.ORDER_STAGE_EN_ROUTE));
            AckingGateway.Receipt enRoute = progressReports().get(0);
            assertThat(enRoute.tokenOf()).isEqualTo(Agency.AGENCY_FIRE);
            assertThat(enRoute.envelope().getOrderProgress().getOrderId()).isEqualTo("INC-370102-0001.JN-LX-E01.1");
            assertThat(enRoute.envelope().getOrderProgress().getUnitId()).isEqualTo("JN-LX-E01");
            assertThat(enRoute.envelope().getSender()).isEqualTo(Senders.of(Agency.AGENCY_FIRE));
            assertThat(enRoute.envelope().getOrderProgress().hasAt()).isTrue();
            assertThat(demo.progressReports()).isPositive();
        }
    }

    private List<AckingGateway.Receipt> progressReports() {
        return gateway.receipts().stream()
                .filter(r -> r.envelope().getKind() == MessageKind.MESSAGE_KIND_ORDER_PROGRESS).toList();
    }

    @Test
    void an_agency_without_a_key_is_not_simulated_and_its_messages_are_counted_as_skipped() throws Exception {
        List<PlannedMessage> plan = new ScenarioGenerator(SEED, RATE, Instant.now()).until(Duration.ofSeconds(3));
        long weatherAndTraffic = plan.stream().filter(m -> m.agency() == Agency.AGENCY_WEATHER
                || m.agency() == Agency.AGENCY_TRAFFIC).count();
        Map<Agency, String> tokens = Map.of(Agency.AGENCY_WEATHER, "key-weather", Agency.AGENCY_TRAFFIC, "key-traffic");

        try (DemoAgencies demo = DemoAgencies.start(gateway.baseUri(), credentials(tokens),
                new DemoOptions(SEED, RATE, Duration.ofSeconds(3), true))) {
            demo.finished().get(120, TimeUnit.SECONDS);

            assertThat(demo.stats().sent()).isEqualTo(weatherAndTraffic);
            assertThat(demo.stats().skipped()).isEqualTo(plan.size() - weatherAndTraffic);
            assertThat(gateway.receivedByKind()).containsOnlyKeys(
                    MessageKind.MESSAGE_KIND_WEATHER_WARNING, MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION);
        }
    }

    @Test
    void messages_of_an_agency_whose_key_is_refused_fail_and_the_others_go_through() throws Exception {
        List<PlannedMessage> plan = new ScenarioGenerator(SEED, RATE, Instant.now()).until(Duration.ofSeconds(3));
        long traffic = plan.stream().filter(m -> m.agency() == Agency.AGENCY_TRAFFIC).count();
        Map<Agency, String> tokens = Map.of(Agency.AGENCY_POLICE, "not-a-registered-key", Agency.AGENCY_TRAFFIC, "key-traffic");
        long police = plan.stream().filter(m -> m.agency() == Agency.AGENCY_POLICE).count();

        try (DemoAgencies demo = DemoAgencies.start(gateway.baseUri(), credentials(tokens),
                new DemoOptions(SEED, RATE, Duration.ofSeconds(3), false))) {
            demo.finished().get(120, TimeUnit.SECONDS);

            assertThat(demo.stats().acked()).isEqualTo(traffic);
            assertThat(demo.stats().failed()).isEqualTo(police);
            assertThat(gateway.receivedByKind()).containsOnlyKeys(MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION);
        }
    }

    private List<AckingGateway.Receipt> acknowledgements() {
        return gateway.receipts().stream()
                .filter(r -> r.envelope().getKind() == MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT).toList();
    }

    private static Map<Agency, String> tokensByAgency() {
        Map<Agency, String> byAgency = new EnumMap<>(Agency.class);
        TOKENS.forEach((token, agency) -> byAgency.put(agency, token));
        return byAgency;
    }

    private static Envelope order(String orderId, Agency to) {
        Instant now = Instant.now();
        return Envelope.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setSender(Sender.newBuilder().setAgency(Agency.AGENCY_EMERGENCY_MGMT).setSystemId("emcc").setAdcode("370000"))
                .setSent(Times.timestamp(now))
                .setKind(MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL)
                .setDispatchOrder(DispatchOrder.newBuilder()
                        .setOrderId(orderId)
                        .setIncidentId("INC-370102-0001")
                        .setUnitId(to == Agency.AGENCY_FIRE ? "JN-LX-E01" : "JN-LX-P07")
                        .setAgency(to)
                        .setAction(OrderAction.ORDER_ACTION_RESPOND)
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                        .setIssuedAt(Times.timestamp(now))
                        .setAcknowledgeBy(Times.timestamp(now.plusSeconds(60)))
                        .setIssuingNode("370102"))
                .build();
    }

    /** Bounded polling for something that happens on other threads; fails after a minute. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting after a minute");
            }
            Thread.sleep(10);
        }
    }
}
