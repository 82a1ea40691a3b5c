package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.UnitPosition;
import cn.emcc.protocols.validation.BoundingBoxServiceArea;
import cn.emcc.protocols.validation.EnvelopeValidator;
import cn.emcc.protocols.validation.ValidationLimits;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
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

    @Test
    void the_crew_of_an_accepted_order_drives_from_its_station_to_the_scene_and_home_when_stood_down()
            throws Exception {
        String unit = "F-370102-1-PE1";
        GeoPoint station = Fleet.shandong().station(Agency.AGENCY_FIRE, unit).orElseThrow();
        GeoPoint scene = GeoMath.offset(station, 150, 30);
        String orderId = "INC-370102-0002." + unit + ".1";
        DemoOptions options = new DemoOptions(SEED, RATE, Duration.ofSeconds(1), false, 0)
                .withFixEvery(Duration.ofMillis(500));
        try (DemoAgencies demo = DemoAgencies.start(gateway.baseUri(), credentials(tokensByAgency()), options)) {
            demo.finished().get(120, TimeUnit.SECONDS);
            gateway.push(Agency.AGENCY_FIRE, order(orderId, unit, Agency.AGENCY_FIRE, scene));
            awaitUntil(() -> progressReports().stream().anyMatch(r ->
                    r.envelope().getOrderProgress().getStage() == OrderStage.ORDER_STAGE_ON_SCENE));
            awaitUntil(() -> lastFixAt(unit, scene));

            List<UnitPosition> there = fixes(unit);
            assertThat(there.size()).as("fixes on the way").isGreaterThanOrEqualTo(3);
            assertThat(GeoMath.distanceMeters(there.get(0).getPosition(), station)).isLessThan(1);
            assertThat(there.get(there.size() - 1).getSpeedKmh()).isZero();
            for (UnitPosition fix : there.subList(0, there.size() - 1)) {
                assertThat(fix.getSpeedKmh()).isBetween(1.0, 120.0);
                assertThat(Math.abs(fix.getHeadingDegrees() - 30)).as("heading toward the scene").isLessThan(1);
            }

            // emcc stands the unit down on scene: it drives home at once.
            gateway.push(Agency.AGENCY_FIRE, release(orderId, unit, Agency.AGENCY_FIRE, scene));
            awaitUntil(() -> lastFixAt(unit, station));
            List<UnitPosition> all = fixes(unit);
            List<UnitPosition> back = all.subList(there.size(), all.size());
            assertThat(back.get(0).getPosition()).isEqualTo(scene);
            assertThat(Math.abs(back.get(0).getHeadingDegrees() - 210)).as("heading home").isLessThan(1);
            assertThat(back.get(back.size() - 1).getSpeedKmh()).isZero();

            EnvelopeValidator emccsRules = new EnvelopeValidator(BoundingBoxServiceArea.shandong(),
                    ValidationLimits.defaults(), Clock.systemUTC());
            for (AckingGateway.Receipt r : gateway.receipts()) {
                if (r.envelope().getKind() == MessageKind.MESSAGE_KIND_UNIT_POSITION) {
                    assertThat(r.tokenOf()).isEqualTo(Agency.AGENCY_FIRE);
                    assertThat(r.envelope().getSender()).isEqualTo(Senders.of(Agency.AGENCY_FIRE));
                    assertThat(emccsRules.validate(r.envelope())).isEmpty();
                }
            }
            assertThat(demo.positionFixes()).isEqualTo(fixes(unit).size());
        }
    }

    @Test
    void a_crew_sends_nothing_once_the_agencies_are_stopped() throws Exception {
        String unit = "F-370102-1-PE2";
        GeoPoint station = Fleet.shandong().station(Agency.AGENCY_FIRE, unit).orElseThrow();
        DemoOptions options = new DemoOptions(SEED, RATE, Duration.ofSeconds(1), false, 0)
                .withFixEvery(Duration.ofMillis(200));
        DemoAgencies demo = DemoAgencies.start(gateway.baseUri(), credentials(tokensByAgency()), options);
        try {
            demo.finished().get(120, TimeUnit.SECONDS);
            // 5 km: a drive of minutes, stopped in its first seconds.
            gateway.push(Agency.AGENCY_FIRE, order("INC-370102-0003." + unit + ".1", unit, Agency.AGENCY_FIRE,
                    GeoMath.offset(station, 5_000, 120)));
            awaitUntil(() -> fixes(unit).size() >= 2);
        } finally {
            demo.stop();
        }
        long sent = demo.positionFixes();
        Thread.sleep(1_000); // five fix intervals
        assertThat(demo.positionFixes()).isEqualTo(sent);
    }

    private boolean lastFixAt(String unitId, GeoPoint at) {
        List<UnitPosition> fixes = fixes(unitId);
        return !fixes.isEmpty() && fixes.get(fixes.size() - 1).getPosition().equals(at);
    }

    /** The AVL fixes of one unit the gateway received, in order. */
    private List<UnitPosition> fixes(String unitId) {
        return gateway.receipts().stream()
                .filter(r -> r.envelope().getKind() == MessageKind.MESSAGE_KIND_UNIT_POSITION)
                .map(r -> r.envelope().getUnitPosition())
                .filter(p -> p.getUnitId().equals(unitId))
                .toList();
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
        return order(orderId, to == Agency.AGENCY_FIRE ? "JN-LX-E01" : "JN-LX-P07", to, null);
    }

    /** A respond order for {@code unitId}, to {@code scene} when given. */
    private static Envelope order(String orderId, String unitId, Agency to, GeoPoint scene) {
        return orderEnvelope(orderId, unitId, to, OrderAction.ORDER_ACTION_RESPOND, scene);
    }

    /** The release order that stands down the unit of {@code orderId}. */
    private static Envelope release(String orderId, String unitId, Agency to, GeoPoint scene) {
        return orderEnvelope(orderId + "-release", unitId, to, OrderAction.ORDER_ACTION_RELEASE, scene);
    }

    private static Envelope orderEnvelope(String orderId, String unitId, Agency to, OrderAction action,
                                          GeoPoint scene) {
        Instant now = Instant.now();
        DispatchOrder.Builder o = DispatchOrder.newBuilder()
                .setOrderId(orderId)
                .setIncidentId("INC-370102-0001")
                .setUnitId(unitId)
                .setAgency(to)
                .setAction(action)
                .setCategory(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING)
                .setIssuedAt(Times.timestamp(now))
                .setAcknowledgeBy(Times.timestamp(now.plusSeconds(60)))
                .setIssuingNode("370102");
        if (scene != null) {
            o.setLocation(Location.newBuilder().setPoint(scene).setAdcode("370102"));
        }
        return Envelope.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setSender(Sender.newBuilder().setAgency(Agency.AGENCY_EMERGENCY_MGMT).setSystemId("emcc").setAdcode("370000"))
                .setSent(Times.timestamp(now))
                .setKind(MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL)
                .setDispatchOrder(o)
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
