package cn.emcc.bench.ingest;

import cn.emcc.bench.BenchmarkCase;
import cn.emcc.bench.JmhSettings;
import cn.emcc.bench.ResultLine;
import cn.emcc.command.EmccConfig;
import cn.emcc.command.EmccServer;
import cn.emcc.ops.sim.Places;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.openjdk.jmh.runner.RunnerException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code ops/bench ingest-h2} and {@code ingest-cassandra}: reports per second
 * a real node acknowledges over its WebSocket gateway (validated, placed,
 * correlated, de-duplicated, durable before the Ack), against the journal
 * floor in the same node on the same store: a plain entity persisting one
 * event per ask, at the same concurrency, over as many entities as the
 * reports formed incidents.
 */
public final class IngestCase implements BenchmarkCase {

    private final String name;
    private final String storeName;
    private final Supplier<BenchStore> stores;

    private IngestCase(String name, String storeName, Supplier<BenchStore> stores) {
        this.name = name;
        this.storeName = storeName;
        this.stores = stores;
    }

    public static IngestCase h2() {
        return new IngestCase("ingest-h2", "H2", BenchStore::h2);
    }

    public static IngestCase cassandra() {
        return new IngestCase("ingest-cassandra", "Cassandra", BenchStore::cassandra);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "reports/s acknowledged by an in-process node over WebSocket on " + storeName
                + "; peer: one-event-per-ask entity on the same journal";
    }

    @Override
    public List<String> describeSettings(JmhSettings ignored) {
        return List.of(IngestSettings.fromEnvironment(System.getenv()).toString()
                + " (BENCH_CONNECTIONS, BENCH_IN_FLIGHT, BENCH_REPORTS, BENCH_WARMUP_REPORTS,"
                + " BENCH_COUNTIES)");
    }

    @Override
    public ResultLine run(JmhSettings ignored) throws RunnerException {
        try {
            Comparison c = compare(IngestSettings.fromEnvironment(System.getenv()));
            System.out.print(c.table());
            return ResultLine.withPeer(name, new ResultLine.Figure("reports", c.ours().perSecond(), "/s"),
                    "journal_floor", new ResultLine.Figure("events", c.peer().perSecond(), "/s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException("interrupted", e);
        }
    }

    /** The measured phases of both sides. */
    public record Comparison(PhaseFigures ours, PhaseFigures peer, int secondCallers) {

        String table() {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "%n   %-28s %12s %9s %9s %9s %8s %9s %8s %12s%n",
                    "", "per second", "p50 ms", "p99 ms", "in flight", "count", "entities", "seconds", "cpu us/item"));
            row(t, "ours (reports acked)", ours);
            row(t, "journal floor (events)", peer);
            t.append(String.format(Locale.ROOT, "   ratio ours/floor %.2f; %,d of %,d reports were planned second"
                            + " callers, they formed %,d incidents; %d retryable rejections resent%n",
                    ours.perSecond() / peer.perSecond(), secondCallers, ours.answered(), ours.distinctEntities(),
                    ours.retried()));
            return t.toString();
        }

        private static void row(StringBuilder t, String label, PhaseFigures f) {
            t.append(String.format(Locale.ROOT, "   %-28s %,12.0f %9.1f %9.1f %9d %,8d %,9d %8.1f %,12.0f%n", label,
                    f.perSecond(), f.p50Millis(), f.p99Millis(), f.inFlight(), f.answered(), f.distinctEntities(),
                    f.seconds(), f.cpuMicrosPerItem()));
        }
    }

    /** Starts a node on a fresh store, warms both sides up, measures ours then the floor, and stops it all. */
    public Comparison compare(IngestSettings s) throws InterruptedException {
        try (BenchStore store = stores.get()) {
            System.out.println("   store: " + store.describe());
            try (EmccServer server = EmccServer.start(nodeConfig(store, s))) {
                System.out.println("   node up at " + server.baseUri());
                ReportPlan planner = new ReportPlan(Places.shandong().all().subList(0, s.counties()),
                        server.geography().locator());
                int lag = 2 * s.inFlight();
                List<PlannedReport> warmup = planner.generate(s.warmupReports(), s.secondCallerShare(), lag, s.seed());
                List<PlannedReport> measured = planner.generate(s.reports(), s.secondCallerShare(), lag, s.seed() + 1);
                Duration askTimeout = server.system().settings().config().getDuration("emcc.ask-timeout");
                JournalFloorLoad floor = new JournalFloorLoad(server.system(), s.inFlight(), askTimeout);
                JournalWrites writes = store instanceof BenchStore.H2 ? journalWrites(server) : null;
                try (AgencyLoad agencies = new AgencyLoad(server.baseUri(), s)) {
                    if (!warmup.isEmpty()) {
                        long warmupMark = writes == null ? 0 : writes.mark();
                        PhaseFigures w = agencies.run("ours, warm-up", warmup);
                        System.out.printf(Locale.ROOT, "    ours warm-up: %,.0f reports/s%n", w.perSecond());
                        settle(writes, warmupMark);
                        PhaseFigures pw = floor.run("floor, warm-up", "warmup", warmup.size(), w.distinctEntities());
                        System.out.printf(Locale.ROOT, "    floor warm-up: %,.0f events/s%n", pw.perSecond());
                    }
                    long mark = writes == null ? 0 : writes.mark();
                    PhaseFigures ours = agencies.run("ours, measured", measured);
                    System.out.printf(Locale.ROOT, "    ours: %,.0f reports/s%n", ours.perSecond());
                    JournalWrites.Counts caused = settle(writes, mark);
                    PhaseFigures peer = floor.run("floor, measured", "measured", measured.size(),
                            ours.distinctEntities());
                    System.out.printf(Locale.ROOT, "    floor: %,.0f events/s%n", peer.perSecond());
                    if (caused != null) {
                        System.out.print(caused.table(measured.size()));
                    }
                    int secondCallers = (int) measured.stream().filter(PlannedReport::secondCaller).count();
                    return new Comparison(ours, peer, secondCallers);
                }
            }
        }
    }

    /**
     * Waits until the node has stopped writing what our reports set off after
     * their Acks (read-side proposals, deadlines), so that the floor does not
     * run in our backlog, and returns what was written since {@code mark}.
     * H2 only: there the journal can be counted; on Cassandra the floor still
     * follows at once.
     */
    private static JournalWrites.Counts settle(JournalWrites writes, long mark) throws InterruptedException {
        if (writes == null) {
            return null;
        }
        long start = System.nanoTime();
        JournalWrites.Counts counts = writes.since(mark, 2_000, 90);
        System.out.printf(Locale.ROOT, "    node quiet %.1f s after the last Ack%n", (System.nanoTime() - start) / 1e9);
        return counts;
    }

    private static JournalWrites journalWrites(EmccServer server) {
        Config c = server.system().settings().config();
        return new JournalWrites(c.getString("emcc.h2.url"), c.getString("emcc.h2.user"), c.getString("emcc.h2.password"));
    }

    /**
     * The node as deployed, on the store, on free ports, admitting the reporting agencies' keys. Plain HTTP,
     * so that the figures stay comparable with the runs before TLS (TLS costs are measured apart).
     */
    static Config nodeConfig(BenchStore store, IngestSettings s) {
        StringBuilder agencies = new StringBuilder(AgencyLoad.KEYS.nodeSettings() + "emcc.http.tls.enabled = off\n");
        // The gateway works on as many frames of a connection at once as the client keeps in flight,
        // so both sides have the same number of requests in progress.
        Config bench = ConfigFactory.parseString(agencies.toString() + """
                emcc.http.host = "127.0.0.1"
                emcc.http.port = 0
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.seed-nodes = []
                emcc.cluster.seed-nodes = ""
                emcc.gateway.parallelism = %d
                # The benchmark measures throughput, not the per-agency limits that protect a deployment.
                emcc.gateway.rate.messages-per-second = 1000000000
                emcc.gateway.rate.burst = 1000000000
                emcc.gateway.max-connections-per-agency = 100000
                """.formatted(s.inFlightPerConnection()));
        return EmccConfig.load(bench.withFallback(store.settings()));
    }
}
