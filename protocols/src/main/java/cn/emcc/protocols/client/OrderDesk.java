package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderDecision;
import com.google.protobuf.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers dispatch orders from emcc. Orders arrive at least once, so the
 * desk calls the agency's handler once per order id, keeps the answer
 * envelope, and answers a redelivery with that same envelope (same
 * message_id: emcc sees a duplicate and does nothing twice). Runs on the
 * client's loop thread; only the handler runs elsewhere.
 */
final class OrderDesk {

    private static final Logger log = LoggerFactory.getLogger(OrderDesk.class);

    private final OrderHandler handler;
    private final Executor handlerExecutor;
    private final Executor loop;
    private final Supplier<Envelope.Builder> newEnvelope;
    private final Clock clock;
    private final Consumer<Envelope> outbox;
    private final AnsweredOrders answered;
    private final Set<String> deciding = new HashSet<>();

    OrderDesk(OrderHandler handler, Executor handlerExecutor, Executor loop, Supplier<Envelope.Builder> newEnvelope,
              Clock clock, Consumer<Envelope> outbox, int rememberedOrders) {
        this.handler = handler;
        this.handlerExecutor = handlerExecutor;
        this.loop = loop;
        this.newEnvelope = newEnvelope;
        this.clock = clock;
        this.outbox = outbox;
        this.answered = new AnsweredOrders(rememberedOrders);
    }

    /** An envelope emcc sent this agency. */
    void onEnvelope(Envelope envelope) {
        if (envelope.getKind() != MessageKind.MESSAGE_KIND_DISPATCH_ORDER || !envelope.hasDispatchOrder()) {
            log.warn("ignoring envelope {} from the gateway: kind {} with payload {}; expected MESSAGE_KIND_DISPATCH_ORDER",
                    envelope.getMessageId(), envelope.getKind(), envelope.getPayloadCase());
            return;
        }
        DispatchOrder order = envelope.getDispatchOrder();
        String orderId = order.getOrderId();
        if (orderId.isEmpty()) {
            log.warn("ignoring dispatch order in envelope {}: order_id is empty", envelope.getMessageId());
            return;
        }
        Envelope earlier = answered.get(orderId);
        if (earlier != null) {
            log.debug("order {} redelivered; answering again with {}", orderId, earlier.getMessageId());
            outbox.accept(earlier);
            return;
        }
        if (handler == null) {
            log.warn("order {} not answered: no OrderHandler is configured", orderId);
            return;
        }
        if (!deciding.add(orderId)) {
            return; // the handler is still deciding; its answer will go out once
        }
        try {
            handlerExecutor.execute(() -> decide(envelope, order));
        } catch (RejectedExecutionException e) {
            deciding.remove(orderId);
            log.error("order {} not answered: the executor refused to run the OrderHandler", orderId, e);
        }
    }

    private void decide(Envelope orderEnvelope, DispatchOrder order) {
        OrderAcknowledgement decision = null;
        try {
            decision = handler.onOrder(order);
            if (decision == null) {
                log.error("order {} not answered: the OrderHandler returned null", order.getOrderId());
            }
        } catch (RuntimeException | Error e) {
            log.error("order {} not answered: the OrderHandler threw", order.getOrderId(), e);
        }
        OrderAcknowledgement result = decision;
        loop.execute(() -> answer(orderEnvelope, order, result));
    }

    private void answer(Envelope orderEnvelope, DispatchOrder order, OrderAcknowledgement decision) {
        deciding.remove(order.getOrderId());
        if (decision == null) {
            return;
        }
        String problem = problem(order, decision);
        if (problem != null) {
            log.error("order {} not answered: the OrderHandler's acknowledgement is invalid: {}", order.getOrderId(), problem);
            return;
        }
        OrderAcknowledgement.Builder ack = decision.toBuilder().setOrderId(order.getOrderId());
        if (!ack.hasDecidedAt()) {
            Instant now = clock.instant();
            ack.setDecidedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
        }
        Envelope answer = newEnvelope.get()
                .setKind(MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT)
                .addReferences(orderEnvelope.getMessageId())
                .setOrderAcknowledgement(ack)
                .build();
        answered.put(order.getOrderId(), answer);
        outbox.accept(answer);
    }

    private static String problem(DispatchOrder order, OrderAcknowledgement ack) {
        if (!ack.getOrderId().isEmpty() && !ack.getOrderId().equals(order.getOrderId())) {
            return "order_id is '" + ack.getOrderId() + "'; expected '" + order.getOrderId() + "' or empty";
        }
        if (ack.getDecision() != OrderDecision.ORDER_DECISION_ACCEPTED
                && ack.getDecision() != OrderDecision.ORDER_DECISION_REJECTED) {
            return "decision is " + ack.getDecision() + "; expected ORDER_DECISION_ACCEPTED or ORDER_DECISION_REJECTED";
        }
        if (ack.getDecision() == OrderDecision.ORDER_DECISION_REJECTED && ack.getReason().isBlank()) {
            return "reason is empty; expected a reason when the decision is ORDER_DECISION_REJECTED";
        }
        return null;
    }
}
