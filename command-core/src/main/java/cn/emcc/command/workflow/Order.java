package cn.emcc.command.workflow;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.OrderState;
import cn.emcc.protocols.v1.Agency;

import java.time.Instant;

/**
 * One order (调度指令) of an incident: send this unit for this capability.
 * Its id is {@code <incident id>.<unit id>.<n>} (n counts the orders of that
 * unit on that incident), so the incident that owns an order can be read off
 * its id, and the same unit ordered again after a release gets a new id.
 *
 * @param deadline   when the timer running in {@code state} expires, or null when none runs
 * @param replacedBy for a REJECTED or TIMED_OUT order: the order that replaced it, {@link #NO_REPLACEMENT}
 *                   when none could be found, "" while the search has not finished
 * @param overdue    the alerts already raised on this order: timer kinds, and a refused release
 */
public record Order(String orderId, String unitId, Agency agency, String unitType, Capability capability,
                    String countyAdcode, boolean mutualAid, double etaSeconds, OrderState state, Instant issuedAt,
                    Instant stateSince, Instant deadline, String replaces, String replacedBy, String overdue)
        implements CborSerializable {

    public static final String NO_REPLACEMENT = "none";

    public static String incidentOf(String orderId) {
        int dot = orderId.indexOf('.');
        return dot <= 0 ? "" : orderId.substring(0, dot);
    }

    /** The unit an order id names ("" when it is not an order id emcc issues). */
    public static String unitOf(String orderId) {
        int first = orderId.indexOf('.');
        int last = orderId.lastIndexOf('.');
        return first <= 0 || last <= first + 1 ? "" : orderId.substring(first + 1, last);
    }

    private static final String RELEASE_SUFFIX = "-release";

    /**
     * The id of the release order that stands the unit of {@code orderId} down. An order id of its own (the
     * agency answers each order id once), from which the incident, the unit and the order still read off.
     */
    public static String releaseOrderId(String orderId) {
        return orderId + RELEASE_SUFFIX;
    }

    public static boolean isReleaseOrder(String orderId) {
        return orderId.endsWith(RELEASE_SUFFIX);
    }

    /** The order a release order stands down. */
    public static String recalledOrder(String releaseOrderId) {
        return releaseOrderId.substring(0, releaseOrderId.length() - RELEASE_SUFFIX.length());
    }

    /** The envelope message id the order goes out under, the same on every redelivery. */
    public String messageId() {
        return "order:" + orderId;
    }

    Order moved(OrderState to, Instant at, Instant newDeadline) {
        return new Order(orderId, unitId, agency, unitType, capability, countyAdcode, mutualAid, etaSeconds, to,
                issuedAt, at, newDeadline, replaces, replacedBy, overdue);
    }

    Order replacedBy(String successor) {
        return new Order(orderId, unitId, agency, unitType, capability, countyAdcode, mutualAid, etaSeconds, state,
                issuedAt, stateSince, deadline, replaces, successor, overdue);
    }

    Order overdue(String kind) {
        return new Order(orderId, unitId, agency, unitType, capability, countyAdcode, mutualAid, etaSeconds, state,
                issuedAt, stateSince, deadline, replaces, replacedBy, overdue.isEmpty() ? kind : overdue + "," + kind);
    }

    boolean awaitingReplacement() {
        return (state == OrderState.REJECTED || state == OrderState.TIMED_OUT) && replacedBy.isEmpty();
    }

    boolean live() {
        return !state.isTerminal();
    }
}
