package cn.emcc.bench.ingest;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request latencies of one phase, recorded from many threads into a fixed
 * array (one slot per request, so recording never allocates or locks) and
 * sorted once for the percentiles.
 */
final class Latencies {

    private final long[] nanos;
    private final AtomicInteger recorded = new AtomicInteger();

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long elapsedNanos) {
        int slot = recorded.getAndIncrement();
        if (slot >= nanos.length) {
            throw new IllegalStateException("latency slot " + slot + " beyond the " + nanos.length
                    + " requests of the phase; a request was answered twice");
        }
        nanos[slot] = elapsedNanos;
    }

    int count() {
        return Math.min(recorded.get(), nanos.length);
    }

    /** The latency below which {@code percent} % of the recorded ones lie (nearest rank), in milliseconds. */
    double percentileMillis(double percent) {
        int n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }
}
