package cn.emcc.command.nodes;

import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * How node stream messages travel: one protobuf message per binary frame for
 * systems, the protobuf JSON mapping of the same message per text frame for
 * browsers. Requests are read in either form whatever the output format.
 */
public enum NodeCodec {
    PROTOBUF, JSON;

    /** The WebSocket subprotocols a client may offer to choose the format. */
    public static final String PROTOBUF_SUBPROTOCOL = "emcc.node.v1.proto";
    public static final String JSON_SUBPROTOCOL = "emcc.node.v1.json";

    /** Requests are a few bytes; anything larger is not a request. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    public Message encode(NodeStreamMessage m) {
        if (this == PROTOBUF) {
            return BinaryMessage.create(ByteString.fromArrayUnsafe(m.toByteArray()));
        }
        try {
            return TextMessage.create(PRINTER.print(m));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("node message " + m.getSequence() + " cannot be printed as JSON", e);
        }
    }

    static CompletionStage<NodeStreamRequest> decode(Message m, Materializer materializer) {
        if (m.isText()) {
            return m.asTextMessage().getStreamedText()
                    .limitWeighted(MAX_REQUEST_BYTES, s -> (long) s.length())
                    .runFold(new StringBuilder(), StringBuilder::append, materializer)
                    .thenApply(text -> {
                        NodeStreamRequest.Builder b = NodeStreamRequest.newBuilder();
                        try {
                            PARSER.merge(text.toString(), b);
                        } catch (InvalidProtocolBufferException e) {
                            throw new CompletionException(new IllegalArgumentException(
                                    "text frame is not a NodeStreamRequest in JSON: " + e.getMessage(), e));
                        }
                        return b.build();
                    });
        }
        return m.asBinaryMessage().getStreamedData()
                .limitWeighted(MAX_REQUEST_BYTES, b -> (long) b.size())
                .runWith(Sink.fold(ByteString.emptyByteString(), (ByteString acc, ByteString b) -> acc.concat(b)), materializer)
                .thenApply(bytes -> {
                    try {
                        return NodeStreamRequest.parseFrom(bytes.toArray());
                    } catch (InvalidProtocolBufferException e) {
                        throw new CompletionException(new IllegalArgumentException(
                                "binary frame is not a NodeStreamRequest: " + e.getMessage(), e));
                    }
                });
    }
}
