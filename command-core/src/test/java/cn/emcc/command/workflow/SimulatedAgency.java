package cn.emcc.command.workflow;

import cn.emcc.command.testsupport.Envelopes;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitStatusReport;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.security.KeyPair;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.trust.DevKeySet;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A linked agency's dispatch system as a test drives it: connected over the
 * real WebSocket with its own key, acting only on orders signed by emcc, answering orders the way it is told
 * (accept, reject, or never answer), recording every order it was handed,
 * and reporting its units' progress.
 */
final class SimulatedAgency implements AutoCloseable {

    enum Behaviour { ACCEPT, REJECT, NEVER_ANSWER }

    private final AgencyClient client;
    private final AtomicReference<Behaviour> behaviour;
    /** Every time the handler was asked about an order: order id → unit id, in order. */
    final List<DispatchOrder> handled = new CopyOnWriteArrayList<>();
    final Map<String, DispatchOrder> accepted = new ConcurrentHashMap<>();
    /** The release orders (ORDER_ACTION_RELEASE) it was handed, in order. */
    final List<DispatchOrder> releases = new CopyOnWriteArrayList<>();
    /** Orders for these units are accepted whatever the behaviour. */
    final Set<String> acceptUnits = ConcurrentHashMap.newKeySet();

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    /** The key pair of the system registered as {@code keyId}, made on first use. */
    static KeyPair keyPair(String keyId) {
        return KEYS.computeIfAbsent(keyId, id -> SignatureAlgorithm.ED25519.generate());
    }

    SimulatedAgency(URI base, String keyId, Agency agency, String systemId, Behaviour behaviour) {
        this(base, keyId, keyPair(keyId).getPrivate(), agency, systemId, behaviour);
    }

    /** A system of one of the test node's own agencies, with its key of {@link RunningNode#KEYS}. */
    static SimulatedAgency of(URI base, Agency agency, String systemId, Behaviour behaviour) {
        return new SimulatedAgency(base, RunningNode.KEYS.keyId(agency), RunningNode.KEYS.privateKey(agency), agency,
                systemId, behaviour);
    }

    private SimulatedAgency(URI base, String keyId, java.security.PrivateKey key, Agency agency, String systemId,
                            Behaviour behaviour) {
        this.behaviour = new AtomicReference<>(behaviour);
        this.client = AgencyClient.builder()
                .baseUri(base)
                .credential(keyId, key)
                .orderKeys(RunningNode.orderKeys())
                .sender(Sender.newBuilder().setAgency(agency).setSystemId(systemId).setAdcode("370100").build())
                .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .orderHandler(this::decide)
                .build();
        client.connect().join();
    }

    /** The agency key registry entry for this system. */
    static String configEntry(Agency agency, String name, String keyId, String... jurisdictions) {
        return DevKeySet.entry(keyId, agency, name, List.of(jurisdictions), keyPair(keyId).getPublic(), "active");
    }

    void behave(Behaviour b) {
        behaviour.set(b);
    }

    private OrderAcknowledgement decide(DispatchOrder order) {
        if (order.getAction() == OrderAction.ORDER_ACTION_RELEASE) {
            releases.add(order);
        } else {
            handled.add(order);
        }
        Behaviour b = acceptUnits.contains(order.getUnitId()) ? Behaviour.ACCEPT : behaviour.get();
        return switch (b) {
            case ACCEPT -> {
                accepted.put(order.getOrderId(), order);
                yield OrderAcknowledgement.newBuilder().setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
            }
            case REJECT -> OrderAcknowledgement.newBuilder().setDecision(OrderDecision.ORDER_DECISION_REJECTED)
                    .setReason("engine out on a training exercise").build();
            case NEVER_ANSWER -> null;
        };
    }

    Reply progress(String orderId, String unitId, OrderStage stage) throws Exception {
        return client.send(client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_ORDER_PROGRESS)
                .setOrderProgress(OrderProgress.newBuilder().setOrderId(orderId).setUnitId(unitId).setStage(stage)
                        .setAt(Envelopes.ts(Instant.now())))
                .build()).get();
    }

    /** Reports a unit's status (UNIT_STATUS), naming no order. */
    Reply status(String unitId, UnitStatus status) throws Exception {
        return client.send(client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_UNIT_STATUS)
                .setUnitStatus(UnitStatusReport.newBuilder().setUnitId(unitId).setStatus(status)
                        .setChangedAt(Envelopes.ts(Instant.now())))
                .build()).get();
    }

    AgencyClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
