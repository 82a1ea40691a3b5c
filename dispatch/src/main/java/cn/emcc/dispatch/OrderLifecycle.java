package cn.emcc.dispatch;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, as a pure function (the actor holding an order
 * keeps its state and asks here what an event does to it):
 *
 * <pre>
 * ISSUED ─DELIVER→ DELIVERED
 * ISSUED | DELIVERED ─ACCEPT→ ACCEPTED   ─REJECT→ REJECTED   ─TIME_OUT→ TIMED_OUT (no answer in time)
 * ACCEPTED ─DEPART→ EN_ROUTE ─ARRIVE→ ON_SCENE
 * ISSUED | DELIVERED ─DEPART→ EN_ROUTE;  ISSUED | DELIVERED | ACCEPTED ─ARRIVE→ ON_SCENE
 *     (a crew that is moving has accepted, one that is there has arrived, whatever the agency's
 *      system failed to report before)
 * ACCEPTED ─TIME_OUT→ TIMED_OUT (not en route in time); EN_ROUTE ─TIME_OUT→ TIMED_OUT (not on scene in time)
 * ACCEPTED | EN_ROUTE | ON_SCENE ─RELEASE→ RELEASED (the agency reports the unit released)
 * ISSUED | DELIVERED | ACCEPTED | EN_ROUTE | ON_SCENE ─RECALL→ RELEASING ─RELEASE→ RELEASED
 *     (emcc stands the unit down with a release order; released when the agency confirms)
 * </pre>
 * REJECTED, TIMED_OUT and RELEASED are final. Anything else is refused with
 * a reason and leaves the state as it was; a repeated event (a resent
 * acknowledgement) is refused too, so the caller can tell it changed nothing.
 * The agency releasing an order it has not accepted is refused: there is no
 * unit to stand down yet. emcc may recall an unanswered order (the incident
 * ended): the agency gets a release order and its late acceptance changes
 * nothing.
 */
public final class OrderLifecycle {

    private static final Map<OrderState, Map<OrderEvent, OrderState>> TABLE = new EnumMap<>(OrderState.class);

    static {
        allow(OrderState.ISSUED, OrderEvent.DELIVER, OrderState.DELIVERED);
        for (OrderState waiting : EnumSet.of(OrderState.ISSUED, OrderState.DELIVERED)) {
            allow(waiting, OrderEvent.ACCEPT, OrderState.ACCEPTED);
            allow(waiting, OrderEvent.REJECT, OrderState.REJECTED);
            allow(waiting, OrderEvent.TIME_OUT, OrderState.TIMED_OUT);
        }
        allow(OrderState.ACCEPTED, OrderEvent.DEPART, OrderState.EN_ROUTE);
        for (OrderState unanswered : EnumSet.of(OrderState.ISSUED, OrderState.DELIVERED)) {
            allow(unanswered, OrderEvent.DEPART, OrderState.EN_ROUTE);
        }
        for (OrderState notThereYet : EnumSet.of(OrderState.ISSUED, OrderState.DELIVERED, OrderState.ACCEPTED)) {
            allow(notThereYet, OrderEvent.ARRIVE, OrderState.ON_SCENE);
        }
        allow(OrderState.ACCEPTED, OrderEvent.TIME_OUT, OrderState.TIMED_OUT);
        allow(OrderState.EN_ROUTE, OrderEvent.ARRIVE, OrderState.ON_SCENE);
        allow(OrderState.EN_ROUTE, OrderEvent.TIME_OUT, OrderState.TIMED_OUT);
        for (OrderState holding : EnumSet.of(OrderState.ACCEPTED, OrderState.EN_ROUTE, OrderState.ON_SCENE)) {
            allow(holding, OrderEvent.RELEASE, OrderState.RELEASED);
        }
        for (OrderState live : EnumSet.of(OrderState.ISSUED, OrderState.DELIVERED, OrderState.ACCEPTED,
                OrderState.EN_ROUTE, OrderState.ON_SCENE)) {
            allow(live, OrderEvent.RECALL, OrderState.RELEASING);
        }
        allow(OrderState.RELEASING, OrderEvent.RELEASE, OrderState.RELEASED);
    }

    private OrderLifecycle() {
    }

    private static void allow(OrderState from, OrderEvent event, OrderState to) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(OrderEvent.class)).put(event, to);
    }

    public static OrderState initial() {
        return OrderState.ISSUED;
    }

    public static OrderTransition next(OrderState from, OrderEvent event) {
        OrderState to = TABLE.getOrDefault(from, Map.of()).get(event);
        if (to != null) {
            return new OrderTransition.Allowed(from, event, to);
        }
        return new OrderTransition.Refused(from, event, reason(from, event));
    }

    /** The events that move an order on from this state (empty for a final state). */
    public static Set<OrderEvent> allowedEvents(OrderState from) {
        Map<OrderEvent, OrderState> row = TABLE.get(from);
        return row == null ? Set.of() : Set.copyOf(row.keySet());
    }

    private static String reason(OrderState from, OrderEvent event) {
        if (from.isTerminal()) {
            return "order is " + from + ", which is final; " + event + " changes nothing";
        }
        OrderState target = switch (event) {
            case DELIVER -> OrderState.DELIVERED;
            case ACCEPT -> OrderState.ACCEPTED;
            case REJECT -> OrderState.REJECTED;
            case TIME_OUT -> OrderState.TIMED_OUT;
            case DEPART -> OrderState.EN_ROUTE;
            case ARRIVE -> OrderState.ON_SCENE;
            case RELEASE -> OrderState.RELEASED;
            case RECALL -> OrderState.RELEASING;
        };
        if (target == from) {
            return "order is already " + from + "; " + event + " changes nothing";
        }
        return event + " is not allowed when the order is " + from + "; expected one of " + allowedEvents(from).stream()
                .sorted().toList();
    }
}
