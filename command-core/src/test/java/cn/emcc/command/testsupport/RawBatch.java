package cn.emcc.command.testsupport;

import cn.emcc.protocols.framing.DelimitedFrames;
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

/**
 * The agency batch POST with nothing in between: the test writes the body
 * bytes itself (any framing, any size) and gets the status and the delimited
 * GatewayFrames of the answer.
 */
public final class RawBatch {

    public static final String PROTOBUF = "application/x-protobuf";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The answer: its status, its frames when it is a protobuf body, else its text. */
    public record Answer(int status, List<GatewayFrame> frames, String text) {
    }

    private RawBatch() {
    }

    /** POSTs {@code body} to {@code /v1/agency/messages}, with {@code Authorization: Bearer <token>} unless null. */
    public static Answer post(URI httpBase, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(httpBase.resolve("/v1/agency/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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
