package cn.emcc.bench.dispatch;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latencies collected from several threads, read as nearest-rank percentiles in milliseconds. */
final class LatencySamples {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    void add(long latencyNanos) {
        nanos.add(latencyNanos);
    }

    int count() {
        return nanos.size();
    }

    /** The smallest sample with at least {@code p} % of the samples at or below it, in ms. */
    double percentileMillis(double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples; expected at least one");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    @Override
    public String toString() {
        return nanos.isEmpty() ? "no samples" : String.format(java.util.Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
                count(), percentileMillis(50), percentileMillis(99), percentileMillis(100));
    }

    static LatencySamples of(long... values) {
        LatencySamples s = new LatencySamples();
        Arrays.stream(values).forEach(s::add);
        return s;
    }
}
