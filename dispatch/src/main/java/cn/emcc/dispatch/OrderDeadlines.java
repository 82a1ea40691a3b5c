package cn.emcc.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * The timers of one order (see {@link DispatchTimers}): acknowledge within
 * {@code acknowledgement} of issue, go en route within {@code enRoute} of
 * accepting, arrive within the recommended ETA plus {@code onSceneSlack} of
 * going en route; and confirm a release order within the same
 * {@code acknowledgement} of its sending (it is an order like any other).
 */
public record OrderDeadlines(Duration acknowledgement, Duration enRoute, Duration onSceneSlack) {

    public Instant acknowledgeBy(Instant issuedAt) {
        return issuedAt.plus(acknowledgement);
    }

    public Instant releaseConfirmedBy(Instant recalledAt) {
        return recalledAt.plus(acknowledgement);
    }

    public Instant enRouteBy(Instant acceptedAt) {
        return acceptedAt.plus(enRoute);
    }

    public Instant onSceneBy(Instant enRouteAt, Duration estimatedTravel) {
        return enRouteAt.plus(estimatedTravel).plus(onSceneSlack);
    }

    /** The deadline running in a state, or null where none runs (the workflow arms a timer with it). */
    public TimerKind timerIn(OrderState state) {
        return switch (state) {
            case ISSUED, DELIVERED -> TimerKind.ACKNOWLEDGEMENT;
            case ACCEPTED -> TimerKind.EN_ROUTE;
            case EN_ROUTE -> TimerKind.ON_SCENE;
            case RELEASING -> TimerKind.RELEASE;
            default -> null;
        };
    }

    /** Which promise of the agency a timer watches. */
    public enum TimerKind {
        ACKNOWLEDGEMENT, EN_ROUTE, ON_SCENE, RELEASE
    }
}
