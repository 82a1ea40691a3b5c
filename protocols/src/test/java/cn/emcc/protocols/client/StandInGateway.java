package cn.emcc.protocols.client;

import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.extractStrictEntity;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

/**
 * A small stand-in for the emcc agency gateway, speaking the same protocol
 * over real sockets: acks each envelope (again, with duplicate set, for a
 * repeated id), rejects by a per-test rule, can hold answers back, push
 * envelopes to the agency and drop every connection abruptly. Like the real
 * gateway it admits only a fresh handshake signed by the agency key, once,
 * refuses envelopes whose signature does not check, and signs what it pushes
 * with its order key. It records what
 * it received so tests can check the client's behaviour from the wire.
 */
final class StandInGateway implements AutoCloseable {

    static final String KEY_ID = "jinan-119-cad-1";
    static final KeyPair AGENCY_KEY = SignatureAlgorithm.ED25519.generate();
    static final KeyPair ORDER_KEY = SignatureAlgorithm.ED25519.generate();
    private static final ContentType PROTOBUF = MediaTypes.applicationBinary("x-protobuf", false).toContentType();

    /** Decides whether to refuse an envelope; null accepts it. {@code timesSeen} counts this receipt too. */
    @FunctionalInterface
    interface Rule {
        Rejection judge(Envelope envelope, int timesSeen);
    }

    /** One envelope as it arrived, and on which connection (numbered from 1). */
    record Receipt(int connection, Envelope envelope) {
        String messageId() {
            return envelope.getMessageId();
        }
    }

    private record Connection(int number, BoundedSourceQueue<Message> out) {
    }

    private record Held(Connection connection, GatewayFrame frame) {
    }

    private final ActorSystem system;
    private final ServerBinding binding;
    private final int maxBatchBytes;

    // Guarded by this.
    private final List<Receipt> receipts = new ArrayList<>();
    private final Map<String, Integer> timesSeen = new ConcurrentHashMap<>();
    private final Set<String> durable = new HashSet<>();
    private final Set<String> nonces = new HashSet<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private int connectionsOpened;
    private int maxHeld;
    private boolean holdAnswers;
    private int dropInsteadOfAnswering = -1;
    private Rule rule = (envelope, seen) -> null;

    private StandInGateway(ActorSystem system, int maxBatchBytes) {
        this.system = system;
        this.maxBatchBytes = maxBatchBytes;
        try {
            this.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stand-in gateway could not bind", e);
        }
    }

    static StandInGateway start(ActorSystem system) {
        return new StandInGateway(system, 1 << 20);
    }

    static StandInGateway start(ActorSystem system, int maxBatchBytes) {
        return new StandInGateway(system, maxBatchBytes);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    synchronized void rule(Rule rule) {
        this.rule = rule;
    }

    /** While on, answers are kept back until {@link #releaseHeld()}. */
    synchronized void holdAnswers(boolean hold) {
        this.holdAnswers = hold;
    }

    /** The n-th envelope received from now on (1-based) gets no answer: every connection is dropped instead. */
    synchronized void dropAllInsteadOfAnswering(int n) {
        this.dropInsteadOfAnswering = receipts.size() + n;
    }

    synchronized void releaseHeld() {
        for (Held h : held) {
            h.connection().out().offer(binary(h.frame()));
        }
        held.clear();
    }

    /** Sends an envelope (a dispatch order), signed with {@link #ORDER_KEY}, on the newest live connection. */
    void push(Envelope envelope) {
        pushSigned(envelope, ORDER_KEY.getPrivate());
    }

    /** Sends an envelope signed with {@code key} (any Ed25519 or SM2 key) on the newest live connection. */
    void pushSigned(Envelope envelope, PrivateKey key) {
        EnvelopeSignatures.Signed signed = EnvelopeSignatures.sign(envelope,
                KeyPem.fingerprint(key == ORDER_KEY.getPrivate() ? ORDER_KEY.getPublic() : publicOf(key)), key);
        pushFrame(frameAround(signed.wire()));
    }

    /** Sends these exact GatewayFrame bytes (a tampered or unsigned order) on the newest live connection. */
    synchronized void pushFrame(byte[] gatewayFrame) {
        if (connections.isEmpty()) {
            throw new IllegalStateException("no agency is connected");
        }
        connections.get(connections.size() - 1).out().offer(BinaryMessage.create(ByteString.fromArray(gatewayFrame)));
    }

    /** A GatewayFrame whose envelope field holds exactly {@code envelopeWire}. */
    static byte[] frameAround(byte[] envelopeWire) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            com.google.protobuf.CodedOutputStream coded = com.google.protobuf.CodedOutputStream.newInstance(out);
            coded.writeByteArray(GatewayFrame.ENVELOPE_FIELD_NUMBER, envelopeWire);
            coded.flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static final Map<PrivateKey, java.security.PublicKey> PUBLIC_KEYS = new ConcurrentHashMap<>();

    /** Registers the public half of a key pair a test signs orders with. */
    static KeyPair remember(KeyPair pair) {
        PUBLIC_KEYS.put(pair.getPrivate(), pair.getPublic());
        return pair;
    }

    private static java.security.PublicKey publicOf(PrivateKey key) {
        java.security.PublicKey p = PUBLIC_KEYS.get(key);
        if (p == null) {
            throw new IllegalArgumentException("sign with a key pair passed to remember()");
        }
        return p;
    }

    synchronized List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    synchronized Set<String> durable() {
        return Set.copyOf(durable);
    }

    synchronized int heldCount() {
        return held.size();
    }

    synchronized int maxHeld() {
        return maxHeld;
    }

    synchronized int connectionsOpened() {
        return connectionsOpened;
    }

    synchronized int liveConnections() {
        return connections.size();
    }

    // ---- the protocol ----

    private Route routes() {
        return pathPrefix("v1", () -> pathPrefix("agency", () -> concat(
                path("stream", () -> optionalHeaderValueByName("Authorization", auth ->
                        authorized(auth, "GET", "/v1/agency/stream") ? handleWebSocketMessages(newConnection())
                                : complete(StatusCodes.UNAUTHORIZED, "bad agency credential"))),
                path("messages", () -> post(() -> optionalHeaderValueByName("Authorization", auth ->
                        authorized(auth, "POST", "/v1/agency/messages") ? batch()
                                : complete(StatusCodes.UNAUTHORIZED, "bad agency credential")))))));
    }

    private synchronized boolean authorized(Optional<String> header, String method, String path) {
        Optional<AgencyHandshake> h = header.flatMap(AgencyHandshake::parse);
        return h.isPresent() && h.get().keyId().equals(KEY_ID)
                && SignatureAlgorithm.ED25519.verify(AGENCY_KEY.getPublic(), h.get().signedBytes(method, path),
                        h.get().signature())
                && nonces.add(h.get().nonce());
    }

    private Flow<Message, Message, NotUsed> newConnection() {
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> out =
                Source.<Message>queue(100_000).preMaterialize(system);
        Connection connection;
        synchronized (this) {
            connection = new Connection(++connectionsOpened, out.first());
            connections.add(connection);
        }
        Sink<Message, ?> in = Flow.<Message>create()
                .mapAsync(1, m -> m.asBinaryMessage().getStreamedData()
                        .runFold(ByteString.emptyByteString(), ByteString::concat, system))
                .to(Sink.foreach(bytes -> receive(connection, bytes.toArray())));
        return Flow.fromSinkAndSourceCoupled(in, out.second())
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((ok, error) -> forget(connection));
                    return notUsed;
                });
    }

    private synchronized void forget(Connection connection) {
        connections.remove(connection);
    }

    private synchronized void receive(Connection connection, byte[] bytes) {
        if (!connections.contains(connection)) {
            return; // arrived after the drop: as if lost on the wire
        }
        GatewayFrame answer = judge(connection.number(), bytes);
        if (answer == null) {
            dropAll();
        } else if (holdAnswers) {
            held.add(new Held(connection, answer));
            maxHeld = Math.max(maxHeld, held.size());
        } else {
            connection.out().offer(binary(answer));
        }
    }

    /** The answer to one envelope, or null when the connections are to be dropped instead. */
    private synchronized GatewayFrame judge(int connection, byte[] bytes) {
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return GatewayFrame.newBuilder().setRejection(Rejection.newBuilder()
                    .setCode(RejectionCode.REJECTION_CODE_MALFORMED).setReason(e.getMessage())).build();
        }
        receipts.add(new Receipt(connection, envelope));
        if (!envelope.getSignature().getKeyId().equals(KEY_ID) || !EnvelopeSignatures.verify(bytes,
                envelope.getSignature(), SignatureAlgorithm.ED25519, AGENCY_KEY.getPublic())) {
            return GatewayFrame.newBuilder().setRejection(Rejection.newBuilder().setMessageId(envelope.getMessageId())
                    .setCode(RejectionCode.REJECTION_CODE_UNAUTHENTICATED).setReason("signature does not check")).build();
        }
        if (receipts.size() == dropInsteadOfAnswering) {
            return null;
        }
        String id = envelope.getMessageId();
        int seen = timesSeen.merge(id, 1, Integer::sum);
        Rejection rejection = rule.judge(envelope, seen);
        if (rejection != null) {
            return GatewayFrame.newBuilder().setRejection(rejection.toBuilder().setMessageId(id)).build();
        }
        boolean duplicate = !durable.add(id);
        Instant now = Instant.now();
        return GatewayFrame.newBuilder().setAck(Ack.newBuilder()
                .setMessageId(id)
                .setDuplicate(duplicate)
                .setAcceptedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))).build();
    }

    private synchronized void dropAll() {
        for (Connection c : connections) {
            c.out().fail(new IllegalStateException("stand-in gateway dropped the connection"));
        }
        connections.clear();
        held.clear();
    }

    private Route batch() {
        return extractRequestEntity(entity -> {
            if (entity.getContentLengthOption().orElse(0) > maxBatchBytes) {
                return complete(StatusCodes.PAYLOAD_TOO_LARGE, "batch over " + maxBatchBytes + " bytes");
            }
            return extractStrictEntity(Duration.ofSeconds(10), maxBatchBytes, strict -> {
                DelimitedFrames.Split split = DelimitedFrames.split(strict.getData().toArray(), maxBatchBytes, 10_000);
                List<GatewayFrame> answers = new ArrayList<>();
                for (byte[] frame : split.frames()) {
                    answers.add(judge(0, frame));
                }
                return complete(HttpResponse.create().withStatus(StatusCodes.OK)
                        .withEntity(HttpEntities.create(PROTOBUF, DelimitedFrames.join(answers))));
            });
        });
    }

    private static Message binary(GatewayFrame frame) {
        return BinaryMessage.create(ByteString.fromArray(frame.toByteArray()));
    }

    @Override
    public void close() throws Exception {
        synchronized (this) {
            for (Connection c : connections) {
                try {
                    c.out().complete();
                } catch (IllegalStateException alreadyEnded) {
                    // the client closed it first
                }
            }
            connections.clear();
        }
        binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
