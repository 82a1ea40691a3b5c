package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderStage;

import java.time.Duration;
import java.util.List;

/**
 * How a simulated agency's crew works an order it accepted: reports en route
 * after a turnout of 5–20 s, on scene 20–90 s later (the demo's clock runs
 * fast), and released 3–8 min after arriving, unless emcc stands the unit
 * down first (a release order). Each delay is a pure function of the order id
 * and the seed, so a run can be repeated; a release order has no progress.
 */
final class UnitProgress {

    /** One report the crew makes, {@code after} the order was accepted. */
    record Step(OrderStage stage, Duration after) {
    }

    private final long seed;

    UnitProgress(long seed) {
        this.seed = seed;
    }

    List<Step> plan(DispatchOrder order) {
        if (order.getAction() != OrderAction.ORDER_ACTION_RESPOND) {
            return List.of();
        }
        long h = order.getOrderId().hashCode() ^ seed;
        Duration enRoute = Duration.ofSeconds(5 + draw(h, 1, 16));
        Duration onScene = enRoute.plusSeconds(20 + draw(h, 2, 71));
        Duration released = onScene.plusSeconds(180 + draw(h, 3, 301));
        return List.of(new Step(OrderStage.ORDER_STAGE_EN_ROUTE, enRoute),
                new Step(OrderStage.ORDER_STAGE_ON_SCENE, onScene),
                new Step(OrderStage.ORDER_STAGE_RELEASED, released));
    }

    /** A number in 0..bound-1 from the hash and a salt. */
    private static long draw(long h, int salt, int bound) {
        long x = h * 0x9E37_79B9_7F4A_7C15L + salt;
        x = (x ^ (x >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        x ^= x >>> 33;
        return Long.remainderUnsigned(x, bound);
    }
}
