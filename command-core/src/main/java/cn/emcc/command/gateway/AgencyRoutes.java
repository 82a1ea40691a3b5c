package cn.emcc.command.gateway;

import cn.emcc.command.audit.AgencyAudit;
import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.http.RemoteAddresses;
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
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import cn.emcc.command.http.Json;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The agency gateway's HTTP edge: the WebSocket stream (one Envelope per
 * binary frame in, one GatewayFrame per frame out) and the batch POST (a body
 * of varint-delimited Envelopes, answered by as many delimited GatewayFrames,
 * in order). Both admit only a fresh handshake signed by an active agency
 * key ({@link HandshakeGuard}) and hand each frame to {@link Ingest}; replies keep the order of
 * the frames, and a sender that outruns emcc is slowed by backpressure (at
 * most {@code parallelism} frames of a connection are in progress). An agency
 * system over its message rate is answered RATE_LIMITED per frame on the
 * WebSocket and 429 with Retry-After on the POST, and nothing is done with
 * what it sent; one over its connection count is refused at the upgrade.
 */
public final class AgencyRoutes extends AllDirectives {

    public static final ContentType.Binary PROTOBUF =
            ContentTypes.create(MediaTypes.applicationBinary("x-protobuf", false));

    /** A key id as the audit log may record it: anything else a caller claims is recorded as invalid. */
    private static final Pattern CLAIMED_KEY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final HandshakeGuard guard;
    private final OrderSigner orderSigner;
    private final Ingest ingest;
    private final Materializer materializer;
    private final GatewayLimits limits;
    private final AgencySessions sessions;
    private final AgencyRates rates;
    private final AgencyConnections connections;
    private GatewayAudit audit = GatewayAudit.NONE;

    public AgencyRoutes(HandshakeGuard guard, OrderSigner orderSigner, Ingest ingest, Materializer materializer,
                        GatewayLimits limits, AgencySessions sessions) {
        this.guard = guard;
        this.orderSigner = orderSigner;
        this.ingest = ingest;
        this.materializer = materializer;
        this.limits = limits;
        this.sessions = sessions;
        this.rates = AgencyRates.of(limits);
        this.connections = new AgencyConnections(limits.maxConnectionsPerAgency());
    }

    /** Every answered frame is reported to {@code audit} (the connection's peer address included). */
    public AgencyRoutes auditedBy(GatewayAudit audit) {
        this.audit = audit;
        return this;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("agency", () -> concat(
                path("stream", () -> get(() -> authenticated("GET", "/v1/agency/stream", this::openStream))),
                path("order-key", () -> get(this::orderKey)),
                path("messages", () -> post(() -> authenticated("POST", "/v1/agency/messages", who ->
                        withSizeLimit(limits.maxBatchBytes(), () ->
                                entity(Unmarshaller.entityToByteArray(), body ->
                                        completeWithFuture(batch(who, body))))))))));
    }

    /** The reply to one frame, once the audit has it; {@code frame} is empty when it was not read. */
    private CompletionStage<GatewayFrame> answered(Connected who, byte[] frame, CompletionStage<GatewayFrame> reply) {
        return reply.thenCompose(r -> audit.answered(who.identity(), who.from(), frame, r));
    }

    /** An authenticated agency and the peer address of its connection. */
    private record Connected(AgencyIdentity identity, String from) {
    }

    /** Admits a request carrying a fresh handshake signed by an active agency key for this method and path. */
    private Route authenticated(String method, String path, Function<Connected, Route> inner) {
        return extractRequest(request -> optionalHeaderValueByName("Authorization", header -> {
            HandshakeGuard.Outcome outcome = guard.admit(header, method, path);
            AuditNote note = AuditNote.of(request);
            if (outcome instanceof HandshakeGuard.Admitted admitted) {
                // Named in the entry of a request refused later as a whole (over its limits).
                note.actor(AgencyAudit.actorOf(admitted.identity()));
                return inner.apply(new Connected(admitted.identity(), RemoteAddresses.of(request)));
            }
            HandshakeGuard.Refused refused = (HandshakeGuard.Refused) outcome;
            noteRefusal(note, refused);
            return complete(StatusCodes.UNAUTHORIZED, refused.reason());
        }));
    }

    /**
     * A refused handshake's entry: nobody proven, the key id claimed as the target, the agency
     * system that key is registered to (if any) as an unverified claim, and why in one word.
     */
    private static void noteRefusal(AuditNote note, HandshakeGuard.Refused refused) {
        String keyId = refused.claimedKeyId();
        note.target(keyId.isEmpty() ? "" : CLAIMED_KEY_ID.matcher(keyId).matches() ? "key:" + keyId : "key:invalid");
        note.detail("claim", "unverified");
        refused.claimedIdentity().ifPresent(id -> note.detail("agency", id.agency().name().replace("AGENCY_", ""))
                .detail("system", id.name()));
        note.result(refused.why().name());
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

    /** The upgrade, unless the agency system holds all the connections it may already. */
    private Route openStream(Connected who) {
        // The slot is taken only for a real upgrade request: a plain GET is rejected without holding one.
        return extractWebSocketUpgrade(upgrade -> {
            AgencyConnections.Slot slot = connections.tryOpen(who.identity());
            if (slot == null) {
                return complete(Json.error(StatusCodes.TOO_MANY_REQUESTS, "connections", "agency system " + who.identity().name()
                        + " already holds the " + connections.maxPerAgency()
                        + " WebSocket connections it may open on this node; close one before opening another"));
            }
            return complete(upgrade.handleMessagesWith(Flow.<Message>create()
                    .watchTermination((NotUsed mat, CompletionStage<org.apache.pekko.Done> done) -> {
                        done.whenComplete((ok, failure) -> slot.release());
                        return mat;
                    })
                    .via(stream(who))));
        });
    }

    /**
     * Replies to the agency's frames, merged with the envelopes emcc pushes to
     * it (dispatch orders); the connection ends when the agency's side does.
     */
    private Flow<Message, Message, NotUsed> stream(Connected who) {
        return Flow.<Message>create()
                .mapAsync(1, this::readFrame)
                .map(frame -> admitted(who, frame))
                .mapAsync(limits.parallelism(), frame -> frame.rejection() != null
                        ? answered(who, new byte[0], CompletableFuture.completedFuture(frame.rejection()))
                        : answered(who, frame.bytes(), ingest.accept(who.identity(), frame.bytes())))
                .merge(sessions.outbound(who.identity()), true)
                .map(reply -> (Message) BinaryMessage.create(ByteString.fromArrayUnsafe(reply.toByteArray())));
    }

    /**
     * The frame if the agency system is within its rate, else a RATE_LIMITED answer in its place:
     * every frame counts, bad ones too, so a flood of garbage is slowed like any other.
     */
    private Frame admitted(Connected who, Frame frame) {
        return rates.admit(who.identity(), 1)
                .map(wait -> new Frame(null, Replies.rateLimited(frame.bytes() == null ? "" : EnvelopeIds.peek(frame.bytes()),
                        who.identity().name(), rates.perSecond(), wait)))
                .orElse(frame);
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

    private CompletionStage<HttpResponse> batch(Connected who, byte[] body) {
        // Split at the body's own bound, not the frame limit: a frame over the limit still says
        // where the next one starts, so it is answered TOO_LARGE (as on the WebSocket) and the
        // frames after it are handled, instead of the rest of the body being lost as MALFORMED.
        DelimitedFrames.Split split = DelimitedFrames.split(body, limits.maxBatchBytes(), limits.maxBatchFrames());
        Optional<Duration> wait = rates.admit(who.identity(), Math.max(1, split.frames().size()));
        if (wait.isPresent()) {
            // The whole batch or nothing: a partly handled batch would leave the sender sorting out which frames to resend.
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return CompletableFuture.completedFuture(Json.error(StatusCodes.TOO_MANY_REQUESTS, "body",
                            "agency system " + who.identity().name() + " is over its rate of " + rates.perSecond()
                                    + " messages/s on this node; none of the " + split.frames().size()
                                    + " frames was handled; retry after " + seconds + " s")
                    .addHeader(RetryAfter.create(seconds)));
        }
        return Source.from(split.frames())
                .mapAsync(limits.parallelism(), frame -> answered(who, frame, frame.length > limits.maxFrameBytes()
                        ? CompletableFuture.completedFuture(tooLarge(frame.length))
                        : ingest.accept(who.identity(), frame)))
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
