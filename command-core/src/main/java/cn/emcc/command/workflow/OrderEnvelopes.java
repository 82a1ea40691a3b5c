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
        return build(facts, order, order.orderId(), order.messageId(), OrderAction.ORDER_ACTION_RESPOND,
                order.capability() + " for incident " + facts.incidentId(), order.issuedAt(), order.deadline());
    }

    /**
     * The release order that stands the order's unit down (ORDER_ACTION_RELEASE, its own order id and message
     * id, both fixed by the order): built from the order as it stands once recalled.
     */
    public static Envelope release(IncidentFacts facts, Order order) {
        String id = Order.releaseOrderId(order.orderId());
        return build(facts, order, id, "order:" + id, OrderAction.ORDER_ACTION_RELEASE,
                "stand down from incident " + facts.incidentId() + " and return to station (order "
                        + order.orderId() + ")", order.stateSince(), null);
    }

    private static Envelope build(IncidentFacts facts, Order order, String orderId, String messageId,
                                  OrderAction action, String instructions, Instant issuedAt, Instant acknowledgeBy) {
        DispatchOrder.Builder o = DispatchOrder.newBuilder()
                .setOrderId(orderId)
                .setIncidentId(facts.incidentId())
                .setUnitId(order.unitId())
                .setAgency(order.agency())
                .setAction(action)
                .setLocation(Location.newBuilder()
                        .setPoint(GeoPoint.newBuilder().setLongitude(facts.longitude()).setLatitude(facts.latitude()))
                        .setAddress(facts.address())
                        .setAdcode(facts.countyAdcode()))
                .setCategory(facts.category())
                .setGrade(facts.grade())
                .setInstructions(instructions)
                .setIssuedAt(ts(issuedAt))
                .setIssuingNode(facts.countyAdcode())
                .setMutualAid(order.mutualAid());
        if (acknowledgeBy != null) {
            o.setAcknowledgeBy(ts(acknowledgeBy));
        }
        return Envelope.newBuilder()
                .setMessageId(messageId)
                .setSender(Sender.newBuilder().setAgency(Agency.AGENCY_EMERGENCY_MGMT).setSystemId(SYSTEM_ID)
                        .setAdcode(facts.countyAdcode()))
                .setSent(ts(issuedAt))
                .setKind(MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL)
                .setDispatchOrder(o)
                .build();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
}
