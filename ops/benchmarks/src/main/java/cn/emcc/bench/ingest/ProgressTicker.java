package cn.emcc.bench.ingest;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Prints how far a phase is every few seconds, so a slow or stuck run shows itself. */
final class ProgressTicker implements AutoCloseable {

    private static final long PERIOD_SECONDS = 5;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });

    ProgressTicker(String label, int total, IntSupplier done) {
        long start = System.nanoTime();
        int[] last = {0};
        timer.scheduleAtFixedRate(() -> {
            int now = done.getAsInt();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "    %-22s %,7d / %,d answered after %5.1f s, last %ds %,.0f/s%n",
                    label, now, total, seconds, PERIOD_SECONDS, (now - last[0]) / (double) PERIOD_SECONDS);
            last[0] = now;
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
