package cn.emcc.command.gateway;

import cn.emcc.command.trust.OrderSigner;
import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.RejectionCode;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The agency gateway's HTTP edge: the WebSocket stream (one Envelope per
 * binary frame in, one GatewayFrame per frame out) and the batch POST (a body
 * of varint-delimited Envelopes, answered by as many delimited GatewayFrames,
 * in order). Both admit only a fresh handshake signed by an active agency
 * key ({@link HandshakeGuard}) and hand each frame to {@link Ingest}; replies keep the order of
 * the frames, and a sender that outruns emcc is slowed by backpressure (at
 * most {@code parallelism} frames of a connection are in progress).
 */
public final class AgencyRoutes extends AllDirectives {

    public static final ContentType.Binary PROTOBUF =
            ContentTypes.create(MediaTypes.applicationBinary("x-protobuf", false));

    private final HandshakeGuard guard;
    private final OrderSigner orderSigner;
    private final Ingest ingest;
    private final Materializer materializer;
    private final GatewayLimits limits;
    private final AgencySessions sessions;

    public AgencyRoutes(HandshakeGuard guard, OrderSigner orderSigner, Ingest ingest, Materializer materializer,
                        GatewayLimits limits, AgencySessions sessions) {
        this.guard = guard;
        this.orderSigner = orderSigner;
        this.ingest = ingest;
        this.materializer = materializer;
        this.limits = limits;
        this.sessions = sessions;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("agency", () -> concat(
                path("stream", () -> get(() -> authenticated("GET", "/v1/agency/stream",
                        who -> handleWebSocketMessages(stream(who))))),
                path("order-key", () -> get(this::orderKey)),
                path("messages", () -> post(() -> authenticated("POST", "/v1/agency/messages", who ->
                        withSizeLimit(limits.maxBatchBytes(), () ->
                                entity(Unmarshaller.entityToByteArray(), body ->
                                        completeWithFuture(batch(who, body))))))))));
    }

    /** Admits a request carrying a fresh handshake signed by an active agency key for this method and path. */
    private Route authenticated(String method, String path, Function<AgencyIdentity, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            HandshakeGuard.Outcome outcome = guard.admit(header, method, path);
            if (outcome instanceof HandshakeGuard.Admitted admitted) {
                return inner.apply(admitted.identity());
            }
            return complete(StatusCodes.UNAUTHORIZED, ((HandshakeGuard.Refused) outcome).reason());
        });
    }

    /** emcc's order-signing public key, for agencies to install (it is public; TLS vouches for where it came from). */
    private Route orderKey() {
        String pem = KeyPem.pem(orderSigner.publicKey());
        String json = "{\"keyId\":\"" + orderSigner.keyId() + "\",\"algorithm\":\"" + orderSigner.algorithm().wireName()
                + "\",\"publicKey\":\"" + pem.replace("\n", "\\n") + "\"}";
        return complete(HttpResponse.create().withStatus(StatusCodes.OK)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json)));
    }

    // -- WebSocket

    /**
     * Replies to the agency's frames, merged with the envelopes emcc pushes to
     * it (dispatch orders); the connection ends when the agency's side does.
     */
    private Flow<Message, Message, NotUsed> stream(AgencyIdentity who) {
        return Flow.<Message>create()
                .mapAsync(1, this::readFrame)
                .mapAsync(limits.parallelism(), frame -> frame.rejection() != null
                        ? CompletableFuture.completedFuture(frame.rejection())
                        : ingest.accept(who, frame.bytes()))
                .merge(sessions.outbound(who), true)
                .map(reply -> (Message) BinaryMessage.create(ByteString.fromArrayUnsafe(reply.toByteArray())));
    }

    /** A whole WebSocket message, or the rejection that replaces it. */
    private record Frame(byte[] bytes, GatewayFrame rejection) {
    }

    /**
     * Reads one message completely, keeping at most the frame limit in memory:
     * an oversize message is drained and answered TOO_LARGE, a text message is
     * drained and answered MALFORMED, and the connection stays up for the next.
     */
    private CompletionStage<Frame> readFrame(Message message) {
        if (message.isText()) {
            return message.asTextMessage().getStreamedText().runWith(Sink.ignore(), materializer)
                    .thenApply(done -> new Frame(null, Replies.reject("", RejectionCode.REJECTION_CODE_MALFORMED, "",
                            "text frames are not accepted: send each Envelope as one binary frame")));
        }
        int max = limits.maxFrameBytes();
        BinaryMessage binary = message.asBinaryMessage();
        if (binary.isStrict()) {
            // Nearly every frame arrives whole; running a stream for it would start an actor per message.
            ByteString data = binary.getStrictData();
            return CompletableFuture.completedFuture(data.size() > max ? new Frame(null, tooLarge(data.size()))
                    : new Frame(data.toArray(), null));
        }
        return binary.getStreamedData()
                .runFold(new Accumulator(max), Accumulator::add, materializer)
                .thenApply(acc -> acc.overflowed
                        ? new Frame(null, tooLarge(acc.total))
                        : new Frame(acc.bytes.toArray(), null));
    }

    private static final class Accumulator {
        private final int max;
        private ByteString bytes = ByteString.emptyByteString();
        private long total;
        private boolean overflowed;

        Accumulator(int max) {
            this.max = max;
        }

        Accumulator add(ByteString chunk) {
            total += chunk.size();
            if (total > max) {
                overflowed = true;
                bytes = ByteString.emptyByteString();
            } else {
                bytes = bytes.concat(chunk);
            }
            return this;
        }
    }

    private GatewayFrame tooLarge(long bytes) {
        return Replies.reject("", RejectionCode.REJECTION_CODE_TOO_LARGE, "",
                "frame of " + bytes + " bytes exceeds the limit of " + limits.maxFrameBytes() + " bytes");
    }

    // -- batch POST

    private CompletionStage<HttpResponse> batch(AgencyIdentity who, byte[] body) {
        // Split at the body's own bound, not the frame limit: a frame over the limit still says
        // where the next one starts, so it is answered TOO_LARGE (as on the WebSocket) and the
        // frames after it are handled, instead of the rest of the body being lost as MALFORMED.
        DelimitedFrames.Split split = DelimitedFrames.split(body, limits.maxBatchBytes(), limits.maxBatchFrames());
        return Source.from(split.frames())
                .mapAsync(limits.parallelism(), frame -> frame.length > limits.maxFrameBytes()
                        ? CompletableFuture.completedFuture(tooLarge(frame.length))
                        : ingest.accept(who, frame))
                .runWith(Sink.seq(), materializer)
                .thenApply(replies -> {
                    List<GatewayFrame> all = new ArrayList<>(replies);
                    if (!split.complete()) {
                        all.add(Replies.reject("", RejectionCode.REJECTION_CODE_MALFORMED, "",
                                split.error() + "; the rest of the body was not read"));
                    }
                    return HttpResponse.create().withStatus(StatusCodes.OK)
                            .withEntity(HttpEntities.create(PROTOBUF, DelimitedFrames.join(all)));
                });
    }
}
