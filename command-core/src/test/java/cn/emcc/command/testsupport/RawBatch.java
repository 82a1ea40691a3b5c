package cn.emcc.command.testsupport;

import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GatewayFrame;
import com.google.protobuf.InvalidProtocolBufferException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The agency batch POST with nothing in between: the test writes the body
 * bytes itself (any framing, any size) and gets the status and the delimited
 * GatewayFrames of the answer.
 */
public final class RawBatch {

    public static final String PROTOBUF = "application/x-protobuf";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(RunningNode.trustingDevCertificate()).build();

    /** The answer: its status, its frames when it is a protobuf body, else its text. */
    public record Answer(int status, List<GatewayFrame> frames, String text) {
    }

    private RawBatch() {
    }

    /**
     * POSTs {@code body} as {@code agency} would: a fresh handshake, every whole frame signed with its key
     * (the bytes otherwise untouched, a cut-short tail left as it is).
     */
    public static Answer post(URI httpBase, Agency agency, byte[] body) {
        return postAsIs(httpBase, RunningNode.handshake(agency, "POST", "/v1/agency/messages"), signFrames(agency, body));
    }

    /** POSTs exactly {@code body} with this {@code Authorization} value (none when null). */
    public static Answer postAsIs(URI httpBase, String authorization, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(httpBase.resolve("/v1/agency/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("POST of " + body.length + " bytes to the agency batch failed", e);
        }
        boolean protobuf = response.headers().firstValue("Content-Type").orElse("").startsWith(PROTOBUF);
        return new Answer(response.statusCode(), protobuf ? frames(response.body()) : List.of(),
                protobuf ? "" : new String(response.body(), StandardCharsets.UTF_8));
    }

    private static byte[] signFrames(Agency agency, byte[] body) {
        DelimitedFrames.Split split = DelimitedFrames.split(body, Integer.MAX_VALUE, Integer.MAX_VALUE);
        List<byte[]> signed = new ArrayList<>();
        int consumed = 0;
        for (byte[] f : split.frames()) {
            signed.add(RunningNode.signed(agency, f));
            consumed += com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(f.length) + f.length;
        }
        byte[] head = DelimitedFrames.joinRaw(signed);
        byte[] all = Arrays.copyOf(head, head.length + body.length - consumed);
        System.arraycopy(body, consumed, all, head.length, body.length - consumed);
        return all;
    }

    private static List<GatewayFrame> frames(byte[] body) {
        DelimitedFrames.Split split = DelimitedFrames.split(body, Integer.MAX_VALUE, Integer.MAX_VALUE);
        if (!split.complete()) {
            throw new AssertionError("the gateway's answer is not delimited GatewayFrames: " + split.error());
        }
        List<GatewayFrame> frames = new ArrayList<>();
        for (byte[] f : split.frames()) {
            try {
                frames.add(GatewayFrame.parseFrom(f));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("the gateway answered " + f.length + " bytes that are not a GatewayFrame", e);
            }
        }
        return frames;
    }
}
