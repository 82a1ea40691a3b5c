package cn.emcc.protocols.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by bounded polling, failing with what was awaited and what was last seen. */
final class Poll {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Poll() {
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        awaitUntil(what, condition, () -> "");
    }

    static void awaitUntil(String what, BooleanSupplier condition, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + LIMIT + " waiting until " + what + " " + lastSeen.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
