package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderDecision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderDeciderTest {

    @Test
    void refuses_about_the_configured_share_with_a_reason_and_accepts_the_rest() {
        OrderDecider decider = new OrderDecider(0.2, 11);
        List<OrderAcknowledgement> answers = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            answers.add(decider.onOrder(order("ORD-" + i)));
        }
        long refused = answers.stream().filter(a -> a.getDecision() == OrderDecision.ORDER_DECISION_REJECTED).count();

        assertThat(refused).isBetween(850L, 1150L);
        assertThat(answers).filteredOn(a -> a.getDecision() == OrderDecision.ORDER_DECISION_REJECTED)
                .allSatisfy(a -> assertThat(a.getReason()).isNotBlank());
        assertThat(answers).filteredOn(a -> a.getDecision() == OrderDecision.ORDER_DECISION_ACCEPTED)
                .allSatisfy(a -> assertThat(a.getReason()).isEmpty());
        assertThat(decider.rejected()).isEqualTo(refused);
        assertThat(decider.accepted()).isEqualTo(5_000 - refused);
    }

    @Test
    void the_same_order_gets_the_same_answer() {
        OrderDecider a = new OrderDecider(0.5, 11);
        OrderDecider b = new OrderDecider(0.5, 11);
        for (int i = 0; i < 200; i++) {
            assertThat(a.onOrder(order("ORD-" + i))).isEqualTo(b.onOrder(order("ORD-" + i)));
        }
    }

    @Test
    void shares_of_nothing_and_everything_mean_exactly_that() {
        OrderDecider never = new OrderDecider(0, 1);
        OrderDecider always = new OrderDecider(1, 1);
        for (int i = 0; i < 500; i++) {
            assertThat(never.onOrder(order("X" + i)).getDecision()).isEqualTo(OrderDecision.ORDER_DECISION_ACCEPTED);
            assertThat(always.onOrder(order("X" + i)).getDecision()).isEqualTo(OrderDecision.ORDER_DECISION_REJECTED);
        }
    }

    @Test
    void a_release_order_is_always_accepted_and_every_accepted_order_goes_to_the_crew() {
        List<DispatchOrder> toCrew = new ArrayList<>();
        OrderDecider always = new OrderDecider(1, 1, toCrew::add);
        DispatchOrder release = order("X.Y.1-release").toBuilder()
                .setAction(cn.emcc.protocols.v1.OrderAction.ORDER_ACTION_RELEASE).build();
        assertThat(always.onOrder(release).getDecision()).isEqualTo(OrderDecision.ORDER_DECISION_ACCEPTED);
        assertThat(always.onOrder(order("X.Y.2")).getDecision()).isEqualTo(OrderDecision.ORDER_DECISION_REJECTED);
        assertThat(toCrew).containsExactly(release);
    }

    private static DispatchOrder order(String id) {
        return DispatchOrder.newBuilder().setOrderId(id).setUnitId("JN-119-E01").build();
    }
}
