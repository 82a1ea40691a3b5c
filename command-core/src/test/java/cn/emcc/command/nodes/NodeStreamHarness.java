package cn.emcc.command.nodes;

import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.Refusal;
import cn.emcc.command.officers.Role;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The node streams alone on a real port, without journal or entities, fed by
 * the test directly: for tests that need many changes quickly.
 */
final class NodeStreamHarness implements AutoCloseable {

    static final JurisdictionTree TREE = JurisdictionLoader.loadDefault().tree();
    /** The one token the harness accepts: a province duty officer's (there are no accounts here). */
    static final String TOKEN = "harness-province-officer";

    private final ActorSystem<Void> system;
    private final NodeStreams streams;
    private final ServerBinding binding;

    NodeStreamHarness(NodeStreamSettings settings) throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "node-streams-test", ConfigFactory.parseString(
                "pekko.actor.provider = local").withFallback(ConfigFactory.load()));
        streams = NodeStreams.start(system, TREE, settings, Clock.systemUTC());
        binding = Http.get(system).newServerAt("127.0.0.1", 0)
                .bind(new NodeStreamRoutes(streams, system, request -> { }, new OfficerAccess(token -> TOKEN.equals(token)
                        ? CompletableFuture.completedStage(new Officer("harness", "Harness", Role.DUTY_OFFICER,
                                TREE.province(), false, "harness", Instant.MAX))
                        : CompletableFuture.failedStage(new Refusal(401, "token", "not the harness token")),
                        TREE, id -> CompletableFuture.completedStage(java.util.Optional.empty()))).routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The token the harness accepts, whatever officer a test names. */
    String token(String officer) {
        return TOKEN;
    }

    NodeStreams streams() {
        return streams;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    @Override
    public void close() throws Exception {
        streams.stop();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
