package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.OrderKeys;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyPair;
import java.util.concurrent.CopyOnWriteArrayList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static cn.emcc.protocols.client.Poll.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

class AgencyClientOrdersTest extends GatewayTestBase {

    private static final Sender EMCC = Sender.newBuilder()
            .setAgency(Agency.AGENCY_EMERGENCY_MGMT)
            .setSystemId("emcc-shandong")
            .setAdcode("370000")
            .build();

    private final Map<String, AtomicInteger> handlerCalls = new ConcurrentHashMap<>();

    private OrderAcknowledgement decide(DispatchOrder order) {
        handlerCalls.computeIfAbsent(order.getOrderId(), id -> new AtomicInteger()).incrementAndGet();
        if (order.getOrderId().startsWith("broken")) {
            throw new IllegalStateException("the CAD is down");
        }
        if (order.getUnitId().equals("119-jinan-engine-out-of-service")) {
            return OrderAcknowledgement.newBuilder()
                    .setDecision(OrderDecision.ORDER_DECISION_REJECTED)
                    .setReason("engine out of service for maintenance")
                    .build();
        }
        return OrderAcknowledgement.newBuilder().setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
    }

    private static Envelope order(String orderId, String unitId) {
        return Envelope.newBuilder()
                .setMessageId("order-envelope-" + orderId)
                .setSender(EMCC)
                .setKind(MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL)
                .setDispatchOrder(DispatchOrder.newBuilder()
                        .setOrderId(orderId)
                        .setIncidentId("inc-370102-0001")
                        .setUnitId(unitId)
                        .setAgency(Agency.AGENCY_FIRE)
                        .setAction(OrderAction.ORDER_ACTION_RESPOND))
                .build();
    }

    private List<Envelope> acknowledgementsOf(String orderId) {
        return gateway.receipts().stream()
                .map(StandInGateway.Receipt::envelope)
                .filter(e -> e.getKind() == MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT)
                .filter(e -> e.getOrderAcknowledgement().getOrderId().equals(orderId))
                .collect(Collectors.toList());
    }

    @Test
    void anOrderIsDecidedOnceAndARedeliveryGetsTheSameAcknowledgement() throws Exception {
        try (AgencyClient client = client().orderHandler(this::decide).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            Envelope order = order("ord-1", "119-jinan-engine-3");

            gateway.push(order);
            awaitUntil("the gateway receives an acknowledgement of ord-1", () -> acknowledgementsOf("ord-1").size() == 1);
            gateway.push(order);
            awaitUntil("the gateway receives a second acknowledgement of ord-1", () -> acknowledgementsOf("ord-1").size() == 2);

            assertThat(handlerCalls.get("ord-1").get()).isEqualTo(1);
            List<Envelope> acks = acknowledgementsOf("ord-1");
            assertThat(acks.get(1)).isEqualTo(acks.get(0));
            Envelope ack = acks.get(0);
            assertThat(ack.getReferencesList()).containsExactly(order.getMessageId());
            assertThat(ack.getSender()).isEqualTo(FIRE_CAD);
            assertThat(ack.getOrderAcknowledgement().getDecision()).isEqualTo(OrderDecision.ORDER_DECISION_ACCEPTED);
            assertThat(ack.getOrderAcknowledgement().hasDecidedAt()).isTrue();
            assertThat(gateway.durable()).contains(ack.getMessageId());
            awaitUntil("the client has the gateway's answers to both copies", () -> client.unacknowledged() == 0);
        }
    }

    @Test
    void aRejectedOrderIsAnsweredWithTheReason() throws Exception {
        try (AgencyClient client = client().orderHandler(this::decide).build()) {
            client.connect().get(30, TimeUnit.SECONDS);

            gateway.push(order("ord-2", "119-jinan-engine-out-of-service"));
            awaitUntil("the gateway receives an acknowledgement of ord-2", () -> acknowledgementsOf("ord-2").size() == 1);

            OrderAcknowledgement ack = acknowledgementsOf("ord-2").get(0).getOrderAcknowledgement();
            assertThat(ack.getDecision()).isEqualTo(OrderDecision.ORDER_DECISION_REJECTED);
            assertThat(ack.getReason()).isEqualTo("engine out of service for maintenance");
        }
    }

    @Test
    void aHandlerThatThrowsLeavesTheOrderUnanswered() throws Exception {
        // One handler thread: the broken order is fully dealt with before the next one is decided.
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try (AgencyClient client = client().orderHandler(this::decide).executor(oneThread).build()) {
            client.connect().get(30, TimeUnit.SECONDS);

            gateway.push(order("broken-1", "119-jinan-engine-3"));
            gateway.push(order("ord-3", "119-jinan-engine-4"));
            awaitUntil("the gateway receives an acknowledgement of ord-3", () -> acknowledgementsOf("ord-3").size() == 1);

            assertThat(handlerCalls.get("broken-1").get()).isEqualTo(1);
            assertThat(acknowledgementsOf("broken-1")).isEmpty();
            assertThat(gateway.receipts()).hasSize(1);
        } finally {
            oneThread.shutdownNow();
        }
    }

    // ---- emcc's signature on orders ----

    private final List<RefusedOrder> refused = new CopyOnWriteArrayList<>();

    private AgencyClient clientTrusting(KeyPair orderKey) {
        AgencyClient client = client().orderHandler(this::decide).orderKeys(OrderKeys.of(orderKey.getPublic()))
                .onRefusedOrder(refused::add).build();
        client.connect().join();
        return client;
    }

    /** The order signed by {@code key}, then its unit changed on the way: the signature no longer matches. */
    private static byte[] tamperedFrame(Envelope order, KeyPair key) {
        Envelope signed = EnvelopeSignatures.sign(order, KeyPem.fingerprint(key.getPublic()), key.getPrivate()).envelope();
        Envelope altered = signed.toBuilder()
                .setDispatchOrder(signed.getDispatchOrder().toBuilder().setUnitId("119-jinan-engine-9")).build();
        return StandInGateway.frameAround(altered.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void anOrderSignedByTheTrustedKeyIsActedOn(SignatureAlgorithm algorithm) throws Exception {
        KeyPair orderKey = StandInGateway.remember(algorithm.generate());
        try (AgencyClient client = clientTrusting(orderKey)) {
            gateway.pushSigned(order("ord-s1", "119-jinan-engine-3"), orderKey.getPrivate());
            awaitUntil("the gateway receives an acknowledgement of ord-s1", () -> acknowledgementsOf("ord-s1").size() == 1);
            assertThat(refused).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aTamperedOrderIsNotAcknowledgedAndIsReported(SignatureAlgorithm algorithm) throws Exception {
        KeyPair orderKey = StandInGateway.remember(algorithm.generate());
        try (AgencyClient client = clientTrusting(orderKey)) {
            gateway.pushFrame(tamperedFrame(order("ord-t1", "119-jinan-engine-3"), orderKey));
            // A genuine order after it: once it is answered, the tampered one was dealt with before it.
            gateway.pushSigned(order("ord-t2", "119-jinan-engine-4"), orderKey.getPrivate());
            awaitUntil("the gateway receives an acknowledgement of ord-t2", () -> acknowledgementsOf("ord-t2").size() == 1);
            awaitUntil("the tampered order is reported", () -> refused.size() == 1);

            assertThat(acknowledgementsOf("ord-t1")).isEmpty();
            assertThat(handlerCalls).doesNotContainKey("ord-t1");
            assertThat(refused.get(0).envelope().getDispatchOrder().getOrderId()).isEqualTo("ord-t1");
            assertThat(refused.get(0).reason()).contains("does not match its signature");
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void anUnsignedOrderIsNotAcknowledgedAndIsReported(SignatureAlgorithm algorithm) throws Exception {
        KeyPair orderKey = StandInGateway.remember(algorithm.generate());
        try (AgencyClient client = clientTrusting(orderKey)) {
            gateway.pushFrame(StandInGateway.frameAround(order("ord-u1", "119-jinan-engine-3").toByteArray()));
            gateway.pushSigned(order("ord-u2", "119-jinan-engine-4"), orderKey.getPrivate());
            awaitUntil("the gateway receives an acknowledgement of ord-u2", () -> acknowledgementsOf("ord-u2").size() == 1);
            awaitUntil("the unsigned order is reported", () -> refused.size() == 1);

            assertThat(acknowledgementsOf("ord-u1")).isEmpty();
            assertThat(handlerCalls).doesNotContainKey("ord-u1");
            assertThat(refused.get(0).reason()).contains("unsigned");
        }
    }

    @Test
    void anOrderSignedByAnotherKeyIsNotAcknowledged() throws Exception {
        KeyPair orderKey = StandInGateway.remember(SignatureAlgorithm.ED25519.generate());
        KeyPair impostor = StandInGateway.remember(SignatureAlgorithm.ED25519.generate());
        try (AgencyClient client = clientTrusting(orderKey)) {
            gateway.pushSigned(order("ord-i1", "119-jinan-engine-3"), impostor.getPrivate());
            gateway.pushSigned(order("ord-i2", "119-jinan-engine-4"), orderKey.getPrivate());
            awaitUntil("the gateway receives an acknowledgement of ord-i2", () -> acknowledgementsOf("ord-i2").size() == 1);
            awaitUntil("the impostor's order is reported", () -> refused.size() == 1);

            assertThat(acknowledgementsOf("ord-i1")).isEmpty();
            assertThat(refused.get(0).reason()).contains("the trusted order keys are");
        }
    }
}
