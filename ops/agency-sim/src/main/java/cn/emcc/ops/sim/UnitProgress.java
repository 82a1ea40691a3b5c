package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderStage;

import java.time.Duration;
import java.util.List;

/**
 * How a simulated agency's crew works an order it accepted: reports en route
 * after a turnout of 5–20 s, on scene once it has driven there, and released
 * 3–8 min after arriving, unless emcc stands the unit down first (a release
 * order). The drive takes what the distance asks at the crew's speed
 * ({@link #speedKmh}, see {@link Journey}); where the route is unknown (a unit
 * not in the fleet register, an order without a point) it takes 20–90 s (the
 * demo's clock runs fast). Each delay is a pure function of the order id, the
 * seed and the drive, so a run can be repeated; a release order has no progress.
 */
final class UnitProgress {

    /** One report the crew makes, {@code after} the order was accepted. */
    record Step(OrderStage stage, Duration after) {
    }

    private final long seed;

    UnitProgress(long seed) {
        this.seed = seed;
    }

    /** The crew's progress when its route is unknown: the drive takes 20–90 s. */
    List<Step> plan(DispatchOrder order) {
        return plan(order, Duration.ofSeconds(20 + draw(hash(order.getOrderId()), 2, 71)));
    }

    /** The crew's progress when the drive to the scene takes {@code drive}. */
    List<Step> plan(DispatchOrder order, Duration drive) {
        if (order.getAction() != OrderAction.ORDER_ACTION_RESPOND) {
            return List.of();
        }
        long h = hash(order.getOrderId());
        Duration enRoute = Duration.ofSeconds(5 + draw(h, 1, 16));
        Duration onScene = enRoute.plus(drive);
        Duration released = onScene.plusSeconds(180 + draw(h, 3, 301));
        return List.of(new Step(OrderStage.ORDER_STAGE_EN_ROUTE, enRoute),
                new Step(OrderStage.ORDER_STAGE_ON_SCENE, onScene),
                new Step(OrderStage.ORDER_STAGE_RELEASED, released));
    }

    /**
     * How fast the crew of {@code orderId} covers the straight line, both ways: 35–65 km/h, what an
     * emergency vehicle averages through town measured as the crow flies.
     */
    double speedKmh(String orderId) {
        return 35 + draw(hash(orderId), 4, 31);
    }

    private long hash(String orderId) {
        return orderId.hashCode() ^ seed;
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
