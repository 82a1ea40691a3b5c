package cn.emcc.command.testsupport;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GatewayFrame;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agency WebSocket with nothing in between: the test crafts every frame
 * itself (any bytes, empty, oversize, text) and reads each GatewayFrame the
 * gateway sends back. The agency client would refuse to send most of what a
 * hostile peer sends, so gateway hardening is tested through this instead.
 * Connected as an agency, {@link #exchange} signs each frame with that
 * agency's key as an honest system would (the bytes otherwise untouched);
 * {@link #exchangeAsIs} sends exactly what it is given.
 */
public final class RawAgencySocket implements AutoCloseable {

    /** How long to wait for the gateway to answer one frame before calling it lost. */
    private static final Duration REPLY_BOUND = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final Replies replies;
    private final Agency agency;

    private RawAgencySocket(WebSocket socket, Replies replies, Agency agency) {
        this.socket = socket;
        this.replies = replies;
        this.agency = agency;
    }

    /** Opens {@code /v1/agency/stream} of the node at {@code httpBase} as {@code agency}, with a fresh handshake. */
    public static RawAgencySocket connect(URI httpBase, Agency agency) {
        return connect(httpBase, agency, RunningNode.handshake(agency, "GET", "/v1/agency/stream"));
    }

    /** Opens the stream with this exact {@code Authorization} value (a replayed one, say); signs frames as {@code agency}. */
    public static RawAgencySocket connect(URI httpBase, Agency agency, String authorization) {
        Replies replies = new Replies();
        try {
            WebSocket socket = builder(authorization).buildAsync(streamUri(httpBase), replies)
                    .get(REPLY_BOUND.toSeconds(), TimeUnit.SECONDS);
            return new RawAgencySocket(socket, replies, agency);
        } catch (Exception e) {
            throw new AssertionError("the agency stream at " + streamUri(httpBase) + " refused the upgrade", e);
        }
    }

    /**
     * The HTTP status an upgrade with this {@code Authorization} value (none when null) is answered
     * with: 101 when the socket opened (it is closed again at once).
     */
    public static int upgradeStatus(URI httpBase, String authorization) {
        try {
            WebSocket socket = builder(authorization).buildAsync(streamUri(httpBase), new Replies())
                    .get(REPLY_BOUND.toSeconds(), TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the upgrade failed without an HTTP answer", e);
        } catch (Exception e) {
            throw new AssertionError("the upgrade did not complete", e);
        }
    }

    private static WebSocket.Builder builder(String authorization) {
        WebSocket.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .sslContext(RunningNode.trustingDevCertificate()).build()
                .newWebSocketBuilder();
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private static URI streamUri(URI httpBase) {
        return URI.create(httpBase.toString().replaceFirst("^http", "ws") + "/v1/agency/stream");
    }

    /** Sends {@code frame}, signed by this socket's agency, as one binary message and returns the answer. */
    public GatewayFrame exchange(byte[] frame) {
        return exchangeAsIs(RunningNode.signed(agency, frame));
    }

    /** Sends exactly {@code frame} (unsigned, signed by someone else, replayed) and returns the answer. */
    public GatewayFrame exchangeAsIs(byte[] frame) {
        await(socket.sendBinary(ByteBuffer.wrap(frame), true), "sending a binary frame of " + frame.length + " bytes");
        return nextReply();
    }

    /** Sends {@code text} as one text message and returns the gateway's answer to it. */
    public GatewayFrame exchangeText(String text) {
        await(socket.sendText(text, true), "sending a text frame");
        return nextReply();
    }

    /** The next frame the gateway sent; fails when none comes or the socket is gone. */
    public GatewayFrame nextReply() {
        try {
            Object next = replies.frames.poll(REPLY_BOUND.toSeconds(), TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no reply within " + REPLY_BOUND.toSeconds() + " s; " + replies.state());
            }
            if (next instanceof AssertionError wrong) {
                throw wrong;
            }
            return (GatewayFrame) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a reply", e);
        }
    }

    /** Frames received and not yet read: an answer nobody asked for shows up here. */
    public int unreadReplies() {
        return replies.frames.size();
    }

    /** Neither side has closed the socket and it has not failed. */
    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed() && replies.closedOrFailed() == null;
    }

    public String state() {
        return replies.state();
    }

    private static void await(CompletionStage<?> sent, String what) {
        try {
            sent.toCompletableFuture().get(REPLY_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(what + " failed", e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }

    /** Reassembles binary messages from their parts and queues each as a GatewayFrame (or the error it is). */
    private static final class Replies implements WebSocket.Listener {
        private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private volatile String closedOrFailed;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] whole = partial.toByteArray();
                partial.reset();
                try {
                    frames.add(GatewayFrame.parseFrom(whole));
                } catch (InvalidProtocolBufferException e) {
                    frames.add(new AssertionError("the gateway sent " + whole.length
                            + " bytes that are not a GatewayFrame", e));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.add(new AssertionError("the gateway sent a text frame: " + data));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedOrFailed = "closed by the gateway: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedOrFailed = "failed: " + error;
        }

        String closedOrFailed() {
            return closedOrFailed;
        }

        String state() {
            return closedOrFailed == null ? "the socket is open" : "the socket was " + closedOrFailed;
        }
    }
}
