package cn.emcc.dispatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderLifecycleTest {

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "ISSUED, DELIVER, DELIVERED",
            "ISSUED, ACCEPT, ACCEPTED",
            "ISSUED, REJECT, REJECTED",
            "ISSUED, TIME_OUT, TIMED_OUT",
            "DELIVERED, ACCEPT, ACCEPTED",
            "DELIVERED, REJECT, REJECTED",
            "DELIVERED, TIME_OUT, TIMED_OUT",
            "ACCEPTED, DEPART, EN_ROUTE",
            "ISSUED, DEPART, EN_ROUTE",
            "DELIVERED, DEPART, EN_ROUTE",
            "ISSUED, ARRIVE, ON_SCENE",
            "DELIVERED, ARRIVE, ON_SCENE",
            "ACCEPTED, ARRIVE, ON_SCENE",
            "ACCEPTED, TIME_OUT, TIMED_OUT",
            "ACCEPTED, RELEASE, RELEASED",
            "EN_ROUTE, ARRIVE, ON_SCENE",
            "EN_ROUTE, TIME_OUT, TIMED_OUT",
            "EN_ROUTE, RELEASE, RELEASED",
            "ON_SCENE, RELEASE, RELEASED",
            "ISSUED, RECALL, RELEASING",
            "DELIVERED, RECALL, RELEASING",
            "ACCEPTED, RECALL, RELEASING",
            "EN_ROUTE, RECALL, RELEASING",
            "ON_SCENE, RECALL, RELEASING",
            "RELEASING, RELEASE, RELEASED"})
    void allowed(OrderState from, OrderEvent event, OrderState to) {
        assertThat(OrderLifecycle.next(from, event)).isEqualTo(new OrderTransition.Allowed(from, event, to));
    }

    @ParameterizedTest(name = "{0} --{1}--> refused: {2}")
    @CsvSource(delimiter = '|', value = {
            "ISSUED | RELEASE | RELEASE is not allowed when the order is ISSUED; expected one of [DELIVER, ACCEPT, REJECT, TIME_OUT, DEPART, ARRIVE, RECALL]",
            "ISSUED | RELEASE | RELEASE is not allowed when the order is ISSUED",
            "DELIVERED | DELIVER | order is already DELIVERED",
            "ACCEPTED | ACCEPT | order is already ACCEPTED",
            "ACCEPTED | REJECT | REJECT is not allowed when the order is ACCEPTED",
            "ON_SCENE | DEPART | DEPART is not allowed when the order is ON_SCENE; expected one of [RELEASE, RECALL]",
            "ON_SCENE | TIME_OUT | TIME_OUT is not allowed when the order is ON_SCENE",
            "REJECTED | ACCEPT | order is REJECTED, which is final; ACCEPT changes nothing",
            "TIMED_OUT | ACCEPT | order is TIMED_OUT, which is final",
            "RELEASED | RELEASE | order is RELEASED, which is final",
            "RELEASING | RECALL | order is already RELEASING",
            "RELEASING | DEPART | DEPART is not allowed when the order is RELEASING; expected one of [RELEASE]",
            "RELEASED | RECALL | order is RELEASED, which is final"})
    void refused(OrderState from, OrderEvent event, String reason) {
        OrderTransition t = OrderLifecycle.next(from, event);
        assertThat(t).isInstanceOf(OrderTransition.Refused.class);
        assertThat(((OrderTransition.Refused) t).reason()).startsWith(reason);
        assertThat(t.state()).isEqualTo(from);
    }

    @Test
    void finalStatesAllowNothing() {
        for (OrderState s : OrderState.values()) {
            assertThat(OrderLifecycle.allowedEvents(s).isEmpty()).as(s.name()).isEqualTo(s.isTerminal());
        }
    }
}
