package cn.emcc.protocols.client;

import cn.emcc.protocols.framing.DelimitedFrames;
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
 * envelopes to the agency and drop every connection abruptly. It records what
 * it received so tests can check the client's behaviour from the wire.
 */
final class StandInGateway implements AutoCloseable {

    static final String TOKEN = "agency-token-jinan-119";
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

    /** Sends an envelope (a dispatch order) to the agency on the newest live connection. */
    synchronized void push(Envelope envelope) {
        if (connections.isEmpty()) {
            throw new IllegalStateException("no agency is connected");
        }
        connections.get(connections.size() - 1).out()
                .offer(binary(GatewayFrame.newBuilder().setEnvelope(envelope).build()));
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
                        authorized(auth) ? handleWebSocketMessages(newConnection())
                                : complete(StatusCodes.UNAUTHORIZED, "bad agency token"))),
                path("messages", () -> post(() -> optionalHeaderValueByName("Authorization", auth ->
                        authorized(auth) ? batch() : complete(StatusCodes.UNAUTHORIZED, "bad agency token")))))));
    }

    private static boolean authorized(Optional<String> header) {
        return header.filter(("Bearer " + TOKEN)::equals).isPresent();
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
