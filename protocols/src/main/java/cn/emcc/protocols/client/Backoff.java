package cn.emcc.protocols.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * min·2ⁿ, capped at max. The random half keeps many agencies that lost the
 * gateway at the same moment from reconnecting in lockstep; the fixed half
 * keeps the delay from collapsing to zero.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    Backoff(Duration min, Duration max) {
        this(min, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("backoff min is " + min + "; expected a positive duration");
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max is " + max + "; expected at least min " + min);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt is " + attempt + "; expected 0 or more");
        }
        long ceiling = maxNanos;
        if (attempt < 62 && minNanos <= (maxNanos >> attempt)) {
            ceiling = minNanos << attempt;
        }
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
