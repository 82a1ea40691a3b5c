package cn.emcc.dispatch;

/** The answer of {@link OrderLifecycle#next}: the new state, or a refusal saying why. */
public sealed interface OrderTransition {

    OrderState from();

    OrderEvent event();

    /** The state after the event: {@code to} if allowed, {@code from} unchanged if refused. */
    OrderState state();

    record Allowed(OrderState from, OrderEvent event, OrderState to) implements OrderTransition {
        @Override
        public OrderState state() {
            return to;
        }
    }

    record Refused(OrderState from, OrderEvent event, String reason) implements OrderTransition {
        @Override
        public OrderState state() {
            return from;
        }
    }
}
