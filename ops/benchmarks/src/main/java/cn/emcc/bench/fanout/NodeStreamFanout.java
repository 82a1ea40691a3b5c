package cn.emcc.bench.fanout;

import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.Refusal;
import cn.emcc.command.officers.Role;
import cn.emcc.command.nodes.NodeStreamRoutes;
import cn.emcc.command.nodes.NodeStreamSettings;
import cn.emcc.command.nodes.NodeStreams;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.NodeStreamMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Our side of the fan-out: the command nodes' streams on a real loopback port
 * (hub, feeds and WebSocket routes, without journal), one WebSocket client per
 * node (153) that decodes every frame, and changes published into the hub as
 * the read side would.
 */
final class NodeStreamFanout implements AutoCloseable {

    private static final String BENCH_TOKEN = "fanout-bench-viewer";

    private final ActorSystem<Void> system;
    private final NodeStreams streams;
    private final ServerBinding binding;
    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicReference<FanoutTally> tally = new AtomicReference<>();

    NodeStreamFanout(JurisdictionTree tree, FanoutPlan plan) throws Exception {
        Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(Behaviors.empty(), "fanout-bench", config);
        streams = NodeStreams.start(system, tree, NodeStreamSettings.fromConfig(config), Clock.systemUTC());
        binding = Http.get(system).newServerAt("127.0.0.1", 0)
                .bind(new NodeStreamRoutes(streams, system, request -> { }, viewerAccess(tree)).routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        for (int c = 0; c < plan.counties.size(); c++) {
            streams.publish(plan.incident(c, 0, java.time.Instant.EPOCH));
        }
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch snapshots = new CountDownLatch(tree.all().size());
        String base = "ws://127.0.0.1:" + binding.localAddress().getPort() + "/v1/nodes/";
        for (Jurisdiction j : tree.all()) {
            sockets.add(http.newWebSocketBuilder()
                    .buildAsync(URI.create(base + j.adcode() + "/stream?last_sequence=0&access_token=" + BENCH_TOKEN), new Listener(snapshots))
                    .get(30, TimeUnit.SECONDS));
        }
        if (!snapshots.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(snapshots.getCount() + " node clients got no snapshot in 60 s");
        }
    }

    /**
     * The officer directive as the node runs it, with the session store stood in by one token of a
     * province VIEWER: the clients connect as an officer would, the benchmark needs no account store.
     */
    private static OfficerAccess viewerAccess(JurisdictionTree tree) {
        Officer viewer = new Officer("fanout.viewer", "fanout viewer", Role.VIEWER, tree.province(), false,
                "fanout-bench", java.time.Instant.MAX);
        return new OfficerAccess(token -> BENCH_TOKEN.equals(token)
                ? java.util.concurrent.CompletableFuture.completedFuture(viewer)
                : java.util.concurrent.CompletableFuture.failedFuture(new Refusal(401, "token", "not the benchmark's token")),
                tree, incident -> java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty()));
    }

    /** Publishes every change of the plan through the window and returns the nanos until the last delivery. */
    long run(FanoutPlan plan, FanoutTally t) throws InterruptedException {
        tally.set(t);
        long started = t.nowNanos();
        for (int i = 0; i < plan.countyOf.length; i++) {
            streams.publish(plan.change(i, t.beforePublish()));
        }
        return t.awaitAll(started);
    }

    private final class Listener implements WebSocket.Listener {
        private final CountDownLatch snapshots;
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

        Listener(CountDownLatch snapshots) {
            this.snapshots = snapshots;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            parts.writeBytes(chunk);
            if (last) {
                byte[] whole = parts.toByteArray();
                parts.reset();
                try {
                    NodeStreamMessage m = NodeStreamMessage.parseFrom(whole);
                    if (m.hasSnapshot()) {
                        snapshots.countDown();
                    } else if (m.hasIncidentChange()) {
                        FanoutTally t = tally.get();
                        if (t != null) {
                            t.delivered(m.getIncidentChange().getIncident());
                        }
                    } else if (m.hasResync()) {
                        FanoutTally t = tally.get();
                        if (t != null) {
                            t.broken();
                        }
                    }
                } catch (InvalidProtocolBufferException e) {
                    FanoutTally t = tally.get();
                    if (t != null) {
                        t.broken();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        streams.stop();
        binding.unbind();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
