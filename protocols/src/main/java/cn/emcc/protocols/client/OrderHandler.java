package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.OrderAcknowledgement;

/**
 * The agency's decision on a dispatch order. Called at most once per order id
 * that it answers; a redelivered order is answered from memory. Return
 * ORDER_DECISION_ACCEPTED, or ORDER_DECISION_REJECTED with a reason; order_id
 * and decided_at may be left empty, the client fills them. Throwing (or
 * returning null) sends no answer, so emcc's acknowledgement timeout applies.
 */
@FunctionalInterface
public interface OrderHandler {
    OrderAcknowledgement onOrder(DispatchOrder order);
}
