package cn.emcc.bench.fanout;

import cn.emcc.protocols.v1.IncidentView;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side of the fan-out delivered: each change must reach its three
 * nodes (county, city, province); at most {@code window} changes are on the
 * way at once, so neither side is measured while it drops or queues without
 * bound. The change number travels in the view's report count and the
 * publish time in its updated_at, as nanoseconds since the tally started.
 */
final class FanoutTally {

    static final int NODES_PER_CHANGE = 3;

    private final AtomicIntegerArray remaining;
    private final Semaphore window;
    private final long[] latencies;
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger complete = new AtomicInteger();
    private final AtomicLong lastDelivery = new AtomicLong();
    private final AtomicInteger broken = new AtomicInteger();
    private final long origin = System.nanoTime();

    FanoutTally(int changes, int window) {
        this.remaining = new AtomicIntegerArray(changes);
        for (int i = 0; i < changes; i++) {
            remaining.set(i, NODES_PER_CHANGE);
        }
        this.window = new Semaphore(window);
        this.latencies = new long[changes * NODES_PER_CHANGE];
    }

    /** Waits for a place in the window, then returns the publish time to stamp on change {@code i}. */
    long beforePublish() throws InterruptedException {
        if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no delivery for 60 s with " + complete.get() + " changes complete");
        }
        return System.nanoTime() - origin;
    }

    /** One node received the change {@code view} (report count = change number + 1). */
    void delivered(IncidentView view) {
        long now = System.nanoTime() - origin;
        long sent = view.getUpdatedAt().getSeconds() * 1_000_000_000L + view.getUpdatedAt().getNanos();
        int change = view.getReportCount() - 1;
        if (change < 0 || change >= remaining.length()) {
            broken.incrementAndGet();
            return;
        }
        int slot = samples.getAndIncrement();
        if (slot < latencies.length) {
            latencies[slot] = now - sent;
        }
        lastDelivery.accumulateAndGet(now, Math::max);
        if (remaining.decrementAndGet(change) == 0) {
            complete.incrementAndGet();
            window.release();
        }
    }

    void broken() {
        broken.incrementAndGet();
    }

    /** Waits until every change reached all its nodes; the nanos since the tally started at the last delivery. */
    long awaitAll(long startedAt) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (complete.get() < remaining.length()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(complete.get() + " of " + remaining.length()
                        + " changes reached all their nodes after 120 s");
            }
            Thread.sleep(5);
        }
        if (broken.get() > 0 || samples.get() != latencies.length) {
            throw new IllegalStateException(broken.get() + " broken deliveries, " + samples.get() + " deliveries for "
                    + latencies.length + " expected: the figures would not be comparable");
        }
        return lastDelivery.get() - startedAt;
    }

    long nowNanos() {
        return System.nanoTime() - origin;
    }

    /** Delivery latency percentile in milliseconds. */
    double latencyMillis(double percentile) {
        long[] sorted = Arrays.copyOf(latencies, Math.min(samples.get(), latencies.length));
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    int deliveries() {
        return latencies.length;
    }
}
