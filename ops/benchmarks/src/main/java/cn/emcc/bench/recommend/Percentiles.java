package cn.emcc.bench.recommend;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count " + count + ": expected at least one sample");
        }
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    /** The smallest sample with at least {@code p} % of the samples at or below it. */
    long at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    int count() {
        return sorted.length;
    }
}
