package cn.emcc.dispatch;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Random sequences of events never take an order somewhere it could not legally be. */
class OrderLifecycleProperties {

    @Property(tries = 2_000)
    void randomEventsOnlyEverFollowTheLifecycle(@ForAll @Size(max = 30) List<OrderEvent> events) {
        OrderState state = OrderLifecycle.initial();
        List<OrderState> visited = new ArrayList<>(List.of(state));
        for (OrderEvent event : events) {
            OrderTransition t = OrderLifecycle.next(state, event);
            if (t instanceof OrderTransition.Refused refused) {
                assertThat(refused.state()).isEqualTo(state);
                assertThat(refused.reason()).contains(event.name());
            } else {
                assertThat(state.isTerminal()).as("a final state moved").isFalse();
                state = t.state();
                visited.add(state);
            }
        }
        Set<OrderState> seen = EnumSet.copyOf(visited);
        // nothing is ever visited twice: the lifecycle only moves forward
        assertThat(visited).doesNotHaveDuplicates();
        // a crew en route or on scene has taken the order, whether or not its agency said ACCEPTED first
        boolean taken = seen.contains(OrderState.ACCEPTED) || seen.contains(OrderState.EN_ROUTE)
                || seen.contains(OrderState.ON_SCENE);
        if (seen.contains(OrderState.ON_SCENE) && seen.contains(OrderState.EN_ROUTE)) {
            assertThat(visited.indexOf(OrderState.EN_ROUTE)).as("en route before on scene")
                    .isLessThan(visited.indexOf(OrderState.ON_SCENE));
        }
        if (seen.contains(OrderState.RELEASED)) {
            assertThat(taken || seen.contains(OrderState.RELEASING)).as("released: taken or recalled").isTrue();
        }
        if (seen.contains(OrderState.RELEASING)) {
            assertThat(visited.get(visited.size() - 1)).isIn(OrderState.RELEASING, OrderState.RELEASED);
        }
        if (seen.contains(OrderState.RELEASED) && !seen.contains(OrderState.RELEASING)) {
            assertThat(taken).as("released without a recall: only a unit that had taken the order").isTrue();
        }
        if (seen.contains(OrderState.REJECTED)) {
            assertThat(taken).as("a rejected order was never taken").isFalse();
        }
        // at most one final state, and only as the last
        long finals = visited.stream().filter(OrderState::isTerminal).count();
        assertThat(finals).isLessThanOrEqualTo(1);
        if (finals == 1) {
            assertThat(visited.get(visited.size() - 1).isTerminal()).isTrue();
        }
    }

    @Property(tries = 500)
    void anEventAllowedByTheTableIsNeverRefused(@ForAll OrderState state, @ForAll OrderEvent event) {
        boolean allowed = OrderLifecycle.allowedEvents(state).contains(event);
        assertThat(OrderLifecycle.next(state, event) instanceof OrderTransition.Allowed).isEqualTo(allowed);
    }
}
