package cn.emcc.ops.sim;

import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import java.security.KeyPair;
import java.security.PublicKey;
import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

/**
 * A stand-in for the emcc agency gateway on a real port: knows one bearer
 * key per agency, acks every envelope (with {@code duplicate} set for an id
 * it has already acked), remembers what arrived from which agency's
 * connection, and can push a dispatch order down an agency's stream.
 */
final class AckingGateway implements AutoCloseable {

    /** One envelope as it arrived, and the agency whose key opened the connection. */
    record Receipt(Agency tokenOf, Envelope envelope) {
    }

    private record Connection(Agency agency, BoundedSourceQueue<Message> out) {
    }

    private final ActorSystem system;
    static final KeyPair ORDER_KEY = SignatureAlgorithm.ED25519.generate();

    private final Map<String, Agency> keyIds;
    private final Map<String, PublicKey> publicKeys;
    private final ServerBinding binding;

    // Guarded by this.
    private final List<Receipt> receipts = new ArrayList<>();
    private final Set<String> acked = new HashSet<>();
    private final List<Connection> connections = new ArrayList<>();
    private int duplicateAcks;

    /** {@code keyIds}: which agency each registered key id belongs to; {@code publicKeys}: its key. */
    AckingGateway(ActorSystem system, Map<String, Agency> keyIds, Map<String, PublicKey> publicKeys) throws Exception {
        this.system = system;
        this.keyIds = Map.copyOf(keyIds);
        this.publicKeys = Map.copyOf(publicKeys);
        this.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    synchronized List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    synchronized int duplicateAcks() {
        return duplicateAcks;
    }

    synchronized Map<MessageKind, Long> receivedByKind() {
        Map<MessageKind, Long> counts = new EnumMap<>(MessageKind.class);
        receipts.forEach(r -> counts.merge(r.envelope().getKind(), 1L, Long::sum));
        return counts;
    }

    synchronized boolean connected(Agency agency) {
        return connections.stream().anyMatch(c -> c.agency() == agency);
    }

    /** Sends an envelope (a dispatch order) down the agency's newest connection. */
    synchronized void push(Agency agency, Envelope envelope) {
        Connection target = null;
        for (Connection c : connections) {
            if (c.agency() == agency) {
                target = c;
            }
        }
        if (target == null) {
            throw new IllegalStateException(agency + " is not connected");
        }
        Envelope signed = EnvelopeSignatures.sign(envelope, KeyPem.fingerprint(ORDER_KEY.getPublic()),
                ORDER_KEY.getPrivate()).envelope();
        target.out().offer(binary(GatewayFrame.newBuilder().setEnvelope(signed).build()));
    }

    private Route routes() {
        return pathPrefix("v1", () -> pathPrefix("agency", () -> path("stream", () ->
                optionalHeaderValueByName("Authorization", auth -> {
                    Agency agency = auth.flatMap(AgencyHandshake::parse)
                            .filter(h -> publicKeys.containsKey(h.keyId()) && SignatureAlgorithm.ED25519.verify(
                                    publicKeys.get(h.keyId()), h.signedBytes("GET", "/v1/agency/stream"), h.signature()))
                            .map(h -> keyIds.get(h.keyId())).orElse(null);
                    return agency == null ? complete(StatusCodes.UNAUTHORIZED, "bad agency credential")
                            : handleWebSocketMessages(connection(agency));
                }))));
    }

    private Flow<Message, Message, NotUsed> connection(Agency agency) {
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> out =
                Source.<Message>queue(100_000).preMaterialize(system);
        Connection connection = new Connection(agency, out.first());
        synchronized (this) {
            connections.add(connection);
        }
        Sink<Message, ?> in = Flow.<Message>create()
                .mapAsync(1, m -> m.asBinaryMessage().getStreamedData()
                        .runFold(ByteString.emptyByteString(), ByteString::concat, system))
                .to(Sink.foreach(bytes -> connection.out().offer(binary(answer(agency, bytes.toArray())))));
        return Flow.fromSinkAndSourceCoupled(in, out.second())
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((ok, error) -> forget(connection));
                    return notUsed;
                });
    }

    private synchronized void forget(Connection connection) {
        connections.remove(connection);
    }

    private synchronized GatewayFrame answer(Agency agency, byte[] bytes) {
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return GatewayFrame.newBuilder().setRejection(Rejection.newBuilder()
                    .setCode(RejectionCode.REJECTION_CODE_MALFORMED).setReason(e.getMessage())).build();
        }
        receipts.add(new Receipt(agency, envelope));
        boolean duplicate = !acked.add(envelope.getMessageId());
        if (duplicate) {
            duplicateAcks++;
        }
        return GatewayFrame.newBuilder().setAck(Ack.newBuilder()
                .setMessageId(envelope.getMessageId())
                .setDuplicate(duplicate)
                .setAcceptedAt(Times.timestamp(java.time.Instant.now()))).build();
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
                    // the agency closed it first
                }
            }
            connections.clear();
        }
        binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
