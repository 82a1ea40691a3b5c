package cn.emcc.ops.sim;

import java.time.Duration;

/**
 * How the demo agencies run.
 *
 * @param seed              drives everything the scenario contains
 * @param reportsPerMinute  110 + 119 reports a minute (default 30); also the scenario's acceleration
 * @param duration          how long to send; null sends until {@link DemoAgencies#stop()}
 * @param verbose           log every message sent and every answer, not only problems
 * @param orderRejectShare  share of dispatch orders the agencies refuse (0..1, default 0.1)
 */
public record DemoOptions(long seed, double reportsPerMinute, Duration duration, boolean verbose,
                          double orderRejectShare) {

    public static final double DEFAULT_ORDER_REJECT_SHARE = 0.1;

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
    }

    public DemoOptions(long seed, double reportsPerMinute, Duration duration, boolean verbose) {
        this(seed, reportsPerMinute, duration, verbose, DEFAULT_ORDER_REJECT_SHARE);
    }

    /** 30 reports a minute until stopped, quiet, 10 % of orders refused. */
    public static DemoOptions defaults(long seed) {
        return new DemoOptions(seed, ScenarioGenerator.DEFAULT_REPORTS_PER_MINUTE, null, false);
    }

    public DemoOptions withOrderRejectShare(double share) {
        return new DemoOptions(seed, reportsPerMinute, duration, verbose, share);
    }
}
