package cn.emcc.command.nodes;

import cn.emcc.command.http.Json;
import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
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
import java.util.function.Consumer;

/**
 * {@code GET /v1/nodes/<adcode>/stream}: the live picture of one command node
 * over a WebSocket. Binary protobuf frames by default; JSON text frames when
 * the client offers the {@value NodeCodec#JSON_SUBPROTOCOL} subprotocol or asks
 * {@code ?format=json}. A client resumes with {@code ?epoch=&last_sequence=}
 * or with a NodeStreamRequest as its first frame. An unknown adcode is 404.
 * The client is an officer (token in {@code Authorization: Bearer} or
 * {@code ?access_token=}) whose jurisdiction contains the node.
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

    /** A frame a node's client sent after the stream started, with the officer whose stream it is. */
    public record NodeRequest(String nodeAdcode, NodeStreamRequest request, Officer officer) {
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
                    return handleWebSocketMessagesForOptionalProtocol(
                            session(feed, json ? NodeCodec.JSON : NodeCodec.PROTOBUF, resume, officer), protocol);
                }))));
    }

    private static Optional<NodeStreamRequest> resumePoint(Optional<String> epoch, Optional<String> last) {
        if (epoch.isEmpty() && last.isEmpty()) {
            return Optional.empty();
        }
        long sequence = last.map(Long::parseUnsignedLong).orElse(0L);
        return Optional.of(NodeStreamRequest.newBuilder().setEpoch(epoch.orElse("")).setLastSequence(sequence).build());
    }

    private Flow<Message, Message, NotUsed> session(NodeFeed feed, NodeCodec codec, Optional<NodeStreamRequest> resume,
                                                    Officer officer) {
        NodeSession session = new NodeSession(feed, streams.settings().clientBuffer(),
                request -> requests.accept(new NodeRequest(feed.adcode(), request, officer)));
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
                .mapAsync(1, m -> NodeCodec.decode(m, materializer))
                .to(Sink.foreach(session::request));
        if (resume.isPresent()) {
            session.request(resume.get());
        } else {
            system.scheduler().scheduleOnce(streams.settings().firstFrameWait(), session::startFreshIfWaiting,
                    system.executionContext());
        }
        return Flow.fromSinkAndSourceCoupled(in, out);
    }
}
