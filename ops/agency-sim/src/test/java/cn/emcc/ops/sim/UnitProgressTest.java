package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderStage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnitProgressTest {

    @Test
    void a_crew_reports_en_route_then_on_scene_then_released_within_the_demo_bounds() {
        UnitProgress progress = new UnitProgress(7);
        for (int i = 0; i < 500; i++) {
            List<UnitProgress.Step> steps = progress.plan(respond("INC-1.F-1.PE" + i + ".1"));
            assertThat(steps).extracting(UnitProgress.Step::stage).containsExactly(OrderStage.ORDER_STAGE_EN_ROUTE,
                    OrderStage.ORDER_STAGE_ON_SCENE, OrderStage.ORDER_STAGE_RELEASED);
            Duration enRoute = steps.get(0).after();
            Duration onScene = steps.get(1).after();
            Duration released = steps.get(2).after();
            assertThat(enRoute).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(20));
            assertThat(onScene.minus(enRoute)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(90));
            assertThat(released.minus(onScene)).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(8));
        }
    }

    @Test
    void the_same_order_and_seed_give_the_same_timings_and_a_release_order_none() {
        assertThat(new UnitProgress(7).plan(respond("A.B.1"))).isEqualTo(new UnitProgress(7).plan(respond("A.B.1")));
        assertThat(new UnitProgress(7).plan(respond("A.B.1"))).isNotEqualTo(new UnitProgress(7).plan(respond("A.B.2")));
        assertThat(new UnitProgress(7).plan(respond("A.B.1").toBuilder().setAction(OrderAction.ORDER_ACTION_RELEASE)
                .build())).isEmpty();
    }

    @Test
    void a_crew_whose_drive_is_known_is_on_scene_that_drive_after_it_left_at_a_plausible_speed() {
        UnitProgress progress = new UnitProgress(7);
        Duration drive = Duration.ofSeconds(437);
        for (int i = 0; i < 200; i++) {
            DispatchOrder order = respond("INC-1.F-1.PE" + i + ".1");
            List<UnitProgress.Step> steps = progress.plan(order, drive);
            assertThat(steps.get(1).after().minus(steps.get(0).after())).isEqualTo(drive);
            assertThat(steps.get(0)).as("the turnout does not depend on the drive").isEqualTo(progress.plan(order).get(0));
            assertThat(progress.speedKmh(order.getOrderId())).isBetween(35.0, 65.0)
                    .isEqualTo(new UnitProgress(7).speedKmh(order.getOrderId()));
        }
    }

    private static DispatchOrder respond(String orderId) {
        return DispatchOrder.newBuilder().setOrderId(orderId).setUnitId("F-1").setAction(OrderAction.ORDER_ACTION_RESPOND)
                .build();
    }
}
