package cn.emcc.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures of emcc's own code behind {@link EdgeErrors}, on a real socket:
 * a route that throws and one whose future fails, each with a message full of
 * SQL, class names and paths. The client gets a 500 in the error shape with a
 * reference (in the reason and the header) and none of the message.
 */
class EdgeErrorsInternalFailureTest {

    private static final String SECRET = "SELECT * FROM event_journal WHERE persistence_id = 'x' "
            + "(jdbc:h2:file:/var/lib/emcc/h2/emcc at cn.emcc.command.Foo.bar(Foo.java:12))";

    private static ActorSystem<Void> system;
    private static ServerBinding binding;

    static final class Failing extends AllDirectives {
        Route routes() {
            return concat(
                    path("throws", () -> get(() -> {
                        throw new IllegalStateException(SECRET);
                    })),
                    path("fails", () -> get(() -> completeWithFuture(
                            CompletableFuture.failedFuture(new SQLException(SECRET))))),
                    path("npe", () -> get(() -> complete(((String) null).trim()))));
        }
    }

    @BeforeAll
    static void bind() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "edge-errors");
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(EdgeErrors.around(new Failing().routes()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void unbind() {
        system.terminate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/throws", "/fails", "/npe"})
    void anInternalFailureIsA500WithOnlyAReference(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = LeakCheck.isErrorShape(path, r.body());
        String reference = r.headers().firstValue(EdgeErrors.REFERENCE_HEADER).orElseThrow();
        assertThat(reference).matches("[0-9a-f]{16}");
        assertThat(body.path("reason").asText()).contains(reference);
    }
}
