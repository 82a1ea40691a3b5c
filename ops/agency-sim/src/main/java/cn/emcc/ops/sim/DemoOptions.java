package cn.emcc.ops.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How the demo agencies run.
 *
 * @param seed              drives everything the scenario contains
 * @param reportsPerMinute  110 + 119 reports a minute (default 30); also the scenario's acceleration
 * @param duration          how long to send; null sends until {@link DemoAgencies#stop()}
 * @param verbose           log every message sent and every answer, not only problems
 * @param orderRejectShare  share of dispatch orders the agencies refuse (0..1, default 0.1)
 * @param fixEvery          how often a driving crew sends an AVL fix (default 3 s; a long drive sends them
 *                          less often, see {@link Journey#MAX_FIXES_PER_LEG})
 */
public record DemoOptions(long seed, double reportsPerMinute, Duration duration, boolean verbose,
                          double orderRejectShare, Duration fixEvery) {

    public static final double DEFAULT_ORDER_REJECT_SHARE = 0.1;
    public static final Duration DEFAULT_FIX_EVERY = Duration.ofSeconds(3);
    private static final Duration MIN_FIX_EVERY = Duration.ofMillis(100);
    private static final Duration MAX_FIX_EVERY = Duration.ofMinutes(10);

    public DemoOptions {
        if (!(reportsPerMinute > 0) || reportsPerMinute > 1_000_000) {
            throw new IllegalArgumentException("reportsPerMinute is " + reportsPerMinute
                    + "; expected more than 0 and at most 1,000,000");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration is " + duration + "; expected a positive duration or null");
        }
        if (!(orderRejectShare >= 0 && orderRejectShare <= 1)) {
            throw new IllegalArgumentException("orderRejectShare is " + orderRejectShare + "; expected 0..1");
        }
        Objects.requireNonNull(fixEvery, "fixEvery");
        if (fixEvery.compareTo(MIN_FIX_EVERY) < 0 || fixEvery.compareTo(MAX_FIX_EVERY) > 0) {
            throw new IllegalArgumentException("fixEvery is " + fixEvery + "; expected " + MIN_FIX_EVERY + " to "
                    + MAX_FIX_EVERY);
        }
    }

    public DemoOptions(long seed, double reportsPerMinute, Duration duration, boolean verbose,
                       double orderRejectShare) {
        this(seed, reportsPerMinute, duration, verbose, orderRejectShare, DEFAULT_FIX_EVERY);
    }

    public DemoOptions(long seed, double reportsPerMinute, Duration duration, boolean verbose) {
        this(seed, reportsPerMinute, duration, verbose, DEFAULT_ORDER_REJECT_SHARE);
    }

    /** 30 reports a minute until stopped, quiet, 10 % of orders refused, a fix every 3 s. */
    public static DemoOptions defaults(long seed) {
        return new DemoOptions(seed, ScenarioGenerator.DEFAULT_REPORTS_PER_MINUTE, null, false);
    }

    public DemoOptions withOrderRejectShare(double share) {
        return new DemoOptions(seed, reportsPerMinute, duration, verbose, share, fixEvery);
    }

    public DemoOptions withFixEvery(Duration every) {
        return new DemoOptions(seed, reportsPerMinute, duration, verbose, orderRejectShare, every);
    }
}
