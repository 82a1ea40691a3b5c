package cn.emcc.command.gateway;

/**
 * One sender's allowance of messages: refills at {@code perSecond} up to
 * {@code burst}; each message takes a token. Answers how long until enough
 * tokens are there when they are not, so the sender can be told when to retry.
 * Thread-safe (the connections of one agency share a bucket).
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final int burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a rate > 0 and a burst >= 1; was "
                    + perSecond + "/s and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /**
     * Takes {@code n} tokens and answers 0, or takes none and answers the nanoseconds until
     * {@code n} would be there (a request for more than the burst can never pass: it gets
     * {@link Long#MAX_VALUE}).
     */
    synchronized long take(int n, long nowNanos) {
        if (n > burst) {
            return Long.MAX_VALUE;
        }
        long elapsed = Math.max(0, nowNanos - refilledAt);
        tokens = Math.min(burst, tokens + elapsed * perSecond / NANOS_PER_SECOND);
        refilledAt = nowNanos;
        if (tokens >= n) {
            tokens -= n;
            return 0;
        }
        return (long) Math.ceil((n - tokens) * NANOS_PER_SECOND / perSecond);
    }
}
