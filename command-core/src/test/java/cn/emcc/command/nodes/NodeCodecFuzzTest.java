package cn.emcc.command.nodes;

import cn.emcc.protocols.v1.NodeStreamRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder of what a command node's system sends on its stream (a
 * NodeStreamRequest as a binary protobuf or a JSON text frame) against any
 * bytes and hostile JSON: it yields a request or fails with an
 * IllegalArgumentException or the size limit, never anything else, never hangs.
 */
class NodeCodecFuzzTest {

    private static ActorSystem<Void> system;
    private static Materializer materializer;

    @BeforeContainer
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "node-codec-fuzz");
        materializer = Materializer.matFromSystem(system);
    }

    @AfterContainer
    static void stop() {
        system.terminate();
    }

    @Property
    void anyBinaryFrameDecodesOrFailsCleanly(@ForAll @Size(max = 20_000) byte[] bytes, @ForAll boolean streamed) {
        ByteString data = ByteString.fromArray(bytes);
        check(streamed ? BinaryMessage.create(Source.single(data)) : BinaryMessage.create(data));
    }

    @Property
    void hostileJsonDecodesOrFailsCleanly(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int shape) {
        Random random = new Random(seed);
        String json = switch (shape) {
            case 0 -> "{\"lastSequence\": \"" + (random.nextBoolean() ? "-1" : "1e999") + "\", \"epoch\": \"e\"}";
            case 1 -> "{\"acknowledge\": {\"incidentId\": " + "[".repeat(random.nextInt(5_000)) + "}}";
            case 2 -> "{\"unknown\": " + "{\"a\":".repeat(1 + random.nextInt(3_000)) + "1" + "}".repeat(3_000) + "}";
            case 3 -> "{\"lastSequence\": " + "9".repeat(1 + random.nextInt(400)) + "}";
            case 4 -> "{\"epoch\": \"" + "名".repeat(random.nextInt(9_000)) + "\"}";
            default -> {
                char[] c = new char[random.nextInt(500)];
                for (int i = 0; i < c.length; i++) {
                    c[i] = "{}[]\":,0123456789-eE.truefalsnul \\u".charAt(random.nextInt(35));
                }
                yield new String(c);
            }
        };
        check(TextMessage.create(json));
    }

    private static void check(org.apache.pekko.http.javadsl.model.ws.Message message) {
        try {
            NodeStreamRequest request = NodeCodec.decode(message, materializer).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(request).isNotNull();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            assertThat(cause).as("the failure of a bad frame")
                    .isInstanceOfAny(IllegalArgumentException.class, org.apache.pekko.stream.StreamLimitReachedException.class);
        } catch (TimeoutException e) {
            throw new AssertionError("decoding hangs on this frame", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
