package cn.emcc.command.console;

import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.Envelopes;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.UnitPosition;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The province's 119 system as the console test needs it: connected over the
 * real agency WebSocket, it raises fire alarms, accepts every order it is
 * handed and reports its units' progress when told.
 */
final class AcceptingFireAgency implements AutoCloseable {

    private final AgencyClient client;
    /** Orders accepted, by order id. */
    final Map<String, DispatchOrder> accepted = new ConcurrentHashMap<>();

    AcceptingFireAgency(URI base, Agency agency, String systemId) {
        this.client = AgencyClient.builder()
                .baseUri(base)
                .credential(RunningNode.KEYS.keyId(agency), RunningNode.KEYS.privateKey(agency))
                .orderKeys(RunningNode.orderKeys())
                .sender(Sender.newBuilder().setAgency(Agency.AGENCY_FIRE).setSystemId(systemId).setAdcode("370000").build())
                .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .orderHandler(this::accept)
                .build();
        client.connect().join();
    }

    private OrderAcknowledgement accept(DispatchOrder order) {
        accepted.put(order.getOrderId(), order);
        return OrderAcknowledgement.newBuilder().setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
    }

    AgencyClient client() {
        return client;
    }

    Reply progress(DispatchOrder order, OrderStage stage) throws Exception {
        return client.send(client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_ORDER_PROGRESS)
                .setOrderProgress(OrderProgress.newBuilder().setOrderId(order.getOrderId()).setUnitId(order.getUnitId())
                        .setStage(stage).setAt(Envelopes.ts(Instant.now())))
                .build()).get();
    }

    /** An AVL fix of one of its units, taken now. */
    Reply position(String unitId, double lon, double lat) throws Exception {
        return client.send(client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_UNIT_POSITION)
                .setUnitPosition(UnitPosition.newBuilder().setUnitId(unitId)
                        .setPosition(GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat))
                        .setFixedAt(Envelopes.ts(Instant.now())).setSpeedKmh(40).setAccuracyMeters(8))
                .build()).get();
    }

    @Override
    public void close() {
        client.close();
    }
}
