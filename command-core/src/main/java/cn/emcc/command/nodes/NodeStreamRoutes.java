package cn.emcc.command.nodes;

import cn.emcc.command.http.Json;
import cn.emcc.command.http.RemoteAddresses;
import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.AcknowledgeEscalation;
import cn.emcc.protocols.v1.NodeStreamRequest;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.RequestAccepted;
import cn.emcc.protocols.v1.RequestRefused;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * {@code GET /v1/nodes/<adcode>/stream}: the live picture of one command node
 * over a WebSocket. Binary protobuf frames by default; JSON text frames when
 * the client offers the {@value NodeCodec#JSON_SUBPROTOCOL} subprotocol or asks
 * {@code ?format=json}. A client resumes with {@code ?epoch=&last_sequence=}
 * or with a NodeStreamRequest as its first frame. An unknown adcode is 404.
 * The client is an officer (token in {@code Authorization: Bearer} or
 * {@code ?access_token=}) whose jurisdiction contains the node. A later frame
 * is answered on the same connection (RequestAccepted or RequestRefused,
 * sequence 0); a frame that cannot be read is refused and the stream goes on.
 */
public final class NodeStreamRoutes extends AllDirectives {

    private final NodeStreams streams;
    private final ActorSystem<?> system;
    private final Materializer materializer;
    private final Consumer<NodeRequest> requests;
    private final OfficerAccess access;

    /**
     * @param requests receives the frames a client sends after its first one
     *                 (acknowledgements), with the node they came in on
     */
    public NodeStreamRoutes(NodeStreams streams, ActorSystem<?> system, Consumer<NodeRequest> requests,
                            OfficerAccess access) {
        this.streams = streams;
        this.system = system;
        this.materializer = Materializer.matFromSystem(system);
        this.requests = requests;
        this.access = access;
    }

    /**
     * A frame a node's client sent after the stream started, with the officer
     * whose stream it is and the peer address; its receiver answers it once,
     * with {@link #accepted} or {@link #refused}.
     */
    public record NodeRequest(String nodeAdcode, NodeStreamRequest request, Officer officer, String from,
                              Consumer<NodeStreamMessage.Builder> answer) {

        /** The acknowledgement was recorded ({@code recorded}: as the desk keeps it). */
        public void accepted(AcknowledgeEscalation recorded) {
            answer.accept(NodeStreamMessage.newBuilder().setRequestAccepted(
                    RequestAccepted.newBuilder().setAcknowledge(recorded)));
        }

        /** Nothing was done: why, in the shape of a Rejection. */
        public void refused(RejectionCode code, String fieldPath, String reason) {
            RequestRefused.Builder refused = RequestRefused.newBuilder().setCode(code).setFieldPath(fieldPath)
                    .setReason(reason);
            if (request.hasAcknowledge()) {
                refused.setAcknowledge(request.getAcknowledge());
            }
            answer.accept(NodeStreamMessage.newBuilder().setRequestRefused(refused));
        }
    }

    /** A frame as read: a request, or why it is not one. */
    private record Decoded(NodeStreamRequest request, String problem) {
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("nodes", () -> pathPrefix(adcode -> path("stream", () -> get(() ->
                access.officer(OfficerEndpoint.NODE_STREAM, officer -> streams.feed(adcode)
                        .map(feed -> access.inside(officer, adcode, "adcode", () -> stream(feed, officer)))
                        .orElseGet(() -> complete(Json.error(StatusCodes.NOT_FOUND, "adcode",
                                "no command node '" + adcode + "'; expected a jurisdiction code such as 370000")))))))));
    }

    private Route stream(NodeFeed feed, Officer officer) {
        return extractOfferedWsProtocols(offered -> parameterOptional("format", format ->
                parameterOptional("epoch", epoch -> parameterOptional("last_sequence", last -> {
                    boolean json = offered.contains(NodeCodec.JSON_SUBPROTOCOL)
                            || (format.isPresent() && format.get().equalsIgnoreCase("json"));
                    if (format.isPresent() && !format.get().matches("(?i)json|proto|protobuf")) {
                        return complete(Json.error(StatusCodes.BAD_REQUEST, "format",
                                "'" + format.get() + "' is not json or proto"));
                    }
                    Optional<NodeStreamRequest> resume;
                    try {
                        resume = resumePoint(epoch, last);
                    } catch (NumberFormatException e) {
                        return complete(Json.error(StatusCodes.BAD_REQUEST, "last_sequence",
                                "'" + last.orElse("") + "' is not a sequence number (0 or more)"));
                    }
                    Optional<String> protocol = offered.contains(NodeCodec.JSON_SUBPROTOCOL)
                            ? Optional.of(NodeCodec.JSON_SUBPROTOCOL)
                            : offered.contains(NodeCodec.PROTOBUF_SUBPROTOCOL)
                            ? Optional.of(NodeCodec.PROTOBUF_SUBPROTOCOL) : Optional.empty();
                    return extractRequest(http -> handleWebSocketMessagesForOptionalProtocol(
                            session(feed, json ? NodeCodec.JSON : NodeCodec.PROTOBUF, resume, officer,
                                    RemoteAddresses.of(http)), protocol));
                }))));
    }

    /** Why a frame could not be read, for the client. */
    private static String problem(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        if (cause instanceof org.apache.pekko.stream.StreamLimitReachedException) {
            return "frame over " + NodeCodec.MAX_REQUEST_BYTES + " bytes; a NodeStreamRequest is a few bytes";
        }
        return "frame could not be read: " + cause.getClass().getSimpleName();
    }

    private static Optional<NodeStreamRequest> resumePoint(Optional<String> epoch, Optional<String> last) {
        if (epoch.isEmpty() && last.isEmpty()) {
            return Optional.empty();
        }
        long sequence = last.map(Long::parseUnsignedLong).orElse(0L);
        return Optional.of(NodeStreamRequest.newBuilder().setEpoch(epoch.orElse("")).setLastSequence(sequence).build());
    }

    private Flow<Message, Message, NotUsed> session(NodeFeed feed, NodeCodec codec, Optional<NodeStreamRequest> resume,
                                                    Officer officer, String from) {
        NodeSession session = new NodeSession(feed, streams.settings().clientBuffer(), (request, self) -> {
            NodeRequest later = new NodeRequest(feed.adcode(), request, officer, from, self::answer);
            if (request.hasAcknowledge()) {
                requests.accept(later);
            } else {
                later.refused(RejectionCode.REJECTION_CODE_MISSING_FIELD, "acknowledge", "the stream of node "
                        + feed.adcode() + " has started (a resume point counts only in the first frame, within "
                        + streams.settings().firstFrameWait().toMillis() + " ms); a later frame must carry"
                        + " acknowledge");
            }
        });
        Source<Message, NotUsed> out = Source.<List<NodeStreamMessage>>queue(streams.settings().clientBuffer())
                .mapMaterializedValue(queue -> {
                    session.open(queue);
                    return NotUsed.getInstance();
                })
                .mapConcat(batch -> batch)
                .map(codec::encode)
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, failure) -> session.close());
                    return notUsed;
                });
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .mapAsync(1, m -> NodeCodec.decode(m, materializer).handle((request, failure) ->
                        failure == null ? new Decoded(request, null) : new Decoded(null, problem(failure))))
                .to(Sink.foreach(d -> {
                    if (d.request() != null) {
                        session.request(d.request());
                    } else {
                        session.unreadable(d.problem());
                    }
                }));
        if (resume.isPresent()) {
            session.request(resume.get());
        } else {
            system.scheduler().scheduleOnce(streams.settings().firstFrameWait(), session::startFreshIfWaiting,
                    system.executionContext());
        }
        return Flow.fromSinkAndSourceCoupled(in, out);
    }
}
