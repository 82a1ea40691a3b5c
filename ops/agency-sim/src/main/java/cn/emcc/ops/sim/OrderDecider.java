package cn.emcc.ops.sim;

import cn.emcc.protocols.client.OrderHandler;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderDecision;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A simulated agency duty desk answering dispatch orders: it accepts most
 * and refuses a set share with a reason a dispatcher would give; a release
 * order (stand the unit down) is always accepted. The choice is a pure
 * function of the order id and the seed, so a redelivered order gets the
 * same answer and a run can be repeated. Every accepted order is handed to
 * the {@code onAccepted} listener (the crew that then reports progress).
 */
final class OrderDecider implements OrderHandler {

    private static final List<String> REASONS = List.of(
            "该单元正在执行其他任务，无法出动 (unit committed to another incident)",
            "车辆维修保养中 (vehicle under maintenance)",
            "人员不足，无法满足出动要求 (crew below minimum)",
            "道路中断，无法在规定时间内到达 (route impassable)");

    private final double rejectShare;
    private final long seed;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private final Consumer<DispatchOrder> onAccepted;

    OrderDecider(double rejectShare, long seed) {
        this(rejectShare, seed, order -> { });
    }

    OrderDecider(double rejectShare, long seed, Consumer<DispatchOrder> onAccepted) {
        this.rejectShare = rejectShare;
        this.seed = seed;
        this.onAccepted = onAccepted;
    }

    @Override
    public OrderAcknowledgement onOrder(DispatchOrder order) {
        long h = mix(order.getOrderId().hashCode() ^ seed);
        double draw = (h >>> 11) * 0x1.0p-53;
        if (draw < rejectShare && order.getAction() != OrderAction.ORDER_ACTION_RELEASE) {
            rejected.increment();
            return OrderAcknowledgement.newBuilder()
                    .setDecision(OrderDecision.ORDER_DECISION_REJECTED)
                    .setReason(REASONS.get((int) Long.remainderUnsigned(h, REASONS.size())))
                    .build();
        }
        accepted.increment();
        onAccepted.accept(order);
        return OrderAcknowledgement.newBuilder().setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
    }

    long accepted() {
        return accepted.sum();
    }

    long rejected() {
        return rejected.sum();
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return x ^ (x >>> 33);
    }
}
