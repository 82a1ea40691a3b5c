package cn.emcc.command.workflow;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.Sender;
import com.google.protobuf.Timestamp;

import java.time.Instant;

/**
 * The envelope an order goes out in. Built only from the order and its
 * incident, so every redelivery is byte for byte the same message, with the
 * same message id: the agency sees a repeat, never a new order.
 */
public final class OrderEnvelopes {

    /** emcc's own system id as sender of orders. */
    public static final String SYSTEM_ID = "emcc-dispatch";

    private OrderEnvelopes() {
    }

    public static Envelope of(IncidentFacts facts, Order order) {
        DispatchOrder.Builder o = DispatchOrder.newBuilder()
                .setOrderId(order.orderId())
                .setIncidentId(facts.incidentId())
                .setUnitId(order.unitId())
                .setAgency(order.agency())
                .setAction(OrderAction.ORDER_ACTION_RESPOND)
                .setLocation(Location.newBuilder()
                        .setPoint(GeoPoint.newBuilder().setLongitude(facts.longitude()).setLatitude(facts.latitude()))
                        .setAddress(facts.address())
                        .setAdcode(facts.countyAdcode()))
                .setCategory(facts.category())
                .setGrade(facts.grade())
                .setInstructions(order.capability() + " for incident " + facts.incidentId())
                .setIssuedAt(ts(order.issuedAt()))
                .setIssuingNode(facts.countyAdcode())
                .setMutualAid(order.mutualAid());
        if (order.deadline() != null) {
            o.setAcknowledgeBy(ts(order.deadline()));
        }
        return Envelope.newBuilder()
                .setMessageId(order.messageId())
                .setSender(Sender.newBuilder().setAgency(Agency.AGENCY_EMERGENCY_MGMT).setSystemId(SYSTEM_ID)
                        .setAdcode(facts.countyAdcode()))
                .setSent(ts(order.issuedAt()))
                .setKind(MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL)
                .setDispatchOrder(o)
                .build();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
}
