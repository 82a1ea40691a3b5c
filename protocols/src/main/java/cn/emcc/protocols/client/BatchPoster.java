package cn.emcc.protocols.client;

import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import com.google.protobuf.InvalidProtocolBufferException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The HTTP batch path: one POST of length-delimited envelopes, one
 * length-delimited answer per envelope in the same order. For agencies that
 * send in bursts and do not keep a stream open; no resend logic here, since
 * the whole batch may simply be posted again.
 */
final class BatchPoster {

    private static final String PROTOBUF = "application/x-protobuf";

    private final HttpClient http;
    private final URI messagesUri;
    private final Supplier<String> authorization;
    private final Duration timeout;
    private final int maxFrameBytes;

    /** {@code authorization} makes a fresh, single-use handshake header for each POST. */
    BatchPoster(HttpClient http, URI messagesUri, Supplier<String> authorization, Duration timeout, int maxFrameBytes) {
        this.http = http;
        this.messagesUri = messagesUri;
        this.authorization = authorization;
        this.timeout = timeout;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Posts the signed envelopes: {@code wires} are their exact bytes, in the same order. */
    CompletableFuture<List<Reply>> post(List<Envelope> envelopes, List<byte[]> wires) {
        HttpRequest request = HttpRequest.newBuilder(messagesUri)
                .timeout(timeout)
                .header("Authorization", authorization.get())
                .header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(DelimitedFrames.joinRaw(wires)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> replies(envelopes, response));
    }

    private List<Reply> replies(List<Envelope> envelopes, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new GatewayHttpException(response.statusCode(), statusMessage(envelopes.size(), response));
        }
        DelimitedFrames.Split split = DelimitedFrames.split(response.body(), maxFrameBytes, envelopes.size() + 1);
        if (!split.complete()) {
            throw new AgencyClientException("gateway answer to a batch of " + envelopes.size()
                    + " envelopes could not be split: " + split.error());
        }
        if (split.frames().size() != envelopes.size()) {
            throw new AgencyClientException("gateway answered a batch of " + envelopes.size()
                    + " envelopes with " + split.frames().size() + " frames; expected one per envelope");
        }
        List<Reply> replies = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            replies.add(reply(i, envelopes.get(i).getMessageId(), split.frames().get(i)));
        }
        return List.copyOf(replies);
    }

    private static Reply reply(int index, String expectedId, byte[] bytes) {
        GatewayFrame frame;
        try {
            frame = GatewayFrame.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AgencyClientException("gateway answer " + index + " is not an emcc.v1.GatewayFrame: " + e.getMessage(), e);
        }
        Reply reply = switch (frame.getBodyCase()) {
            case ACK -> new Reply.Acked(frame.getAck());
            case REJECTION -> new Reply.Rejected(frame.getRejection());
            default -> throw new AgencyClientException("gateway answer " + index + " is a " + frame.getBodyCase()
                    + "; expected an ack or a rejection");
        };
        // A rejection of unreadable bytes carries no id; anything else must answer the envelope in the same position.
        boolean unreadable = reply instanceof Reply.Rejected && reply.messageId().isEmpty();
        if (!unreadable && !reply.messageId().equals(expectedId)) {
            throw new AgencyClientException("gateway answer " + index + " is for message_id '" + reply.messageId()
                    + "'; expected '" + expectedId + "'");
        }
        return reply;
    }

    private static String statusMessage(int count, HttpResponse<byte[]> response) {
        String body = new String(response.body(), 0, Math.min(response.body().length, 200), StandardCharsets.UTF_8);
        String why = switch (response.statusCode()) {
            case 401 -> "the gateway refused the agency credential (unknown or revoked key, clock off, or a replayed handshake)";
            case 413 -> "the batch of " + count + " envelopes is larger than the gateway accepts; send smaller batches";
            case 429 -> "rate-limited; retry after "
                    + response.headers().firstValue("Retry-After").map(s -> s + " s").orElse("a while");
            default -> "unexpected HTTP status";
        };
        return "POST " + response.uri() + " answered " + response.statusCode() + ": " + why
                + (body.isBlank() ? "" : " (" + body.strip() + ")");
    }
}
