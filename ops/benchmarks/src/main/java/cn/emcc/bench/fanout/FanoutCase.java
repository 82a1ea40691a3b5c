package cn.emcc.bench.fanout;

import cn.emcc.bench.BenchmarkCase;
import cn.emcc.bench.JmhSettings;
import cn.emcc.bench.ResultLine;
import cn.emcc.bench.ResultLine.Figure;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.JurisdictionTree;

import java.util.List;
import java.util.Locale;

/**
 * {@code ops/bench fanout}: incident changes delivered per second to the 153
 * command-node clients (each change to its county, city and province) over the
 * real node-stream WebSocket, and change-to-delivery latency; peer in the same
 * run: Mosquitto relaying the same payload bytes to 153 MQTT subscribers on a
 * province/city/county topic tree, QoS 1. Both sides get the same changes with
 * the same bound on changes in flight, a warm-up round first, then the
 * measured round. Loopback only; the clients run in this JVM on both sides.
 */
public final class FanoutCase implements BenchmarkCase {

    private static final int CHANGES = intEnv("BENCH_FANOUT_CHANGES", 20_000);
    private static final int WARMUP_CHANGES = intEnv("BENCH_FANOUT_WARMUP_CHANGES", 5_000);
    private static final int WINDOW = intEnv("BENCH_FANOUT_WINDOW", 256);

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String description() {
        return "incident changes/s delivered to 153 node clients over the WebSocket; peer: Mosquitto, QoS 1, 153 subscribers";
    }

    @Override
    public List<String> describeSettings(JmhSettings settings) {
        return List.of(String.format(Locale.ROOT, "%d changes (after %d warm-up), at most %d in flight, 3 nodes each",
                        CHANGES, WARMUP_CHANGES, WINDOW),
                "RESULT figure: delivered incident changes per second (change x node); p50/p99 latency printed");
    }

    @Override
    public ResultLine run(JmhSettings settings) {
        JurisdictionTree tree = JurisdictionLoader.loadDefault().tree();
        FanoutPlan warmup = new FanoutPlan(tree, WARMUP_CHANGES, 11);
        FanoutPlan measured = new FanoutPlan(tree, CHANGES, 2026);
        try {
            double ours;
            FanoutTally ourTally = new FanoutTally(CHANGES, WINDOW);
            try (NodeStreamFanout nodes = new NodeStreamFanout(tree, warmup)) {
                nodes.run(warmup, new FanoutTally(WARMUP_CHANGES, WINDOW));
                ours = perSecond(ourTally, nodes.run(measured, ourTally));
            }
            report("node streams", ours, ourTally);
            double peer;
            FanoutTally peerTally = new FanoutTally(CHANGES, WINDOW);
            try (MosquittoFanout broker = new MosquittoFanout(tree, WINDOW)) {
                broker.run(warmup, new FanoutTally(WARMUP_CHANGES, WINDOW));
                peer = perSecond(peerTally, broker.run(measured, peerTally));
            }
            report("mosquitto", peer, peerTally);
            return ResultLine.withPeer(name(), new Figure("delivered", ours, "/s"), "mosquitto",
                    new Figure("delivered", peer, "/s"));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("fanout benchmark failed: " + e.getMessage(), e);
        }
    }

    private static double perSecond(FanoutTally tally, long nanos) {
        return tally.deliveries() / (nanos / 1e9);
    }

    private static void report(String side, double perSecond, FanoutTally tally) {
        System.out.printf(Locale.ROOT, "   %-12s %,10.0f deliveries/s  latency p50 %.2f ms  p99 %.2f ms%n",
                side, perSecond, tally.latencyMillis(50), tally.latencyMillis(99));
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + v + "'; expected a whole number");
        }
    }
}
