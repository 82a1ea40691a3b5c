package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.GatewayFrame;
import com.google.protobuf.InvalidProtocolBufferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection to the gateway's agency stream. Writes envelopes
 * one binary message at a time in call order (java.net.http.WebSocket allows
 * one outstanding send), reassembles incoming binary messages into
 * GatewayFrames and reads the next message only when the client asks, so a
 * busy client slows the gateway down instead of buffering. Reports its loss
 * exactly once.
 */
final class GatewayStream implements WebSocket.Listener {

    /** What the stream tells its owner; called on HTTP client threads. */
    interface Events {
        /** {@code wire} is the frame as received, so a signature inside it can be checked over the exact bytes. */
        void onFrame(GatewayStream stream, GatewayFrame frame, byte[] wire);

        void onLost(GatewayStream stream, String why);
    }

    private static final Logger log = LoggerFactory.getLogger(GatewayStream.class);

    private final Events events;
    private final FrameAssembler assembler;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private CompletableFuture<WebSocket> lastSend;

    GatewayStream(Events events, int maxFrameBytes) {
        this.events = events;
        this.assembler = new FrameAssembler(maxFrameBytes);
        this.lastSend = opened;
    }

    /** Opens the connection; completes when the handshake succeeded, fails with the handshake's error. */
    CompletableFuture<Void> open(HttpClient http, URI uri, String authorization, Duration connectTimeout) {
        return http.newWebSocketBuilder()
                .header("Authorization", authorization)
                .connectTimeout(connectTimeout)
                .buildAsync(uri, this)
                .thenAccept(opened::complete);
    }

    /** Queues one envelope's bytes behind the sends before it. */
    synchronized void send(byte[] envelope) {
        lastSend = lastSend.thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(envelope), true));
        lastSend.whenComplete((ws, error) -> {
            if (error != null) {
                lost("sending failed: " + error);
            }
        });
    }

    /** Lets the next incoming message be delivered. */
    void requestNext() {
        WebSocket ws = opened.getNow(null);
        if (ws != null) {
            ws.request(1);
        }
    }

    /** Drops the connection at once, without telling the owner (it already knows). */
    void abort() {
        lost.set(true);
        WebSocket ws = opened.getNow(null);
        if (ws != null) {
            ws.abort();
        }
    }

    /** Says goodbye to the gateway, waits a little for that to be written, then drops the connection. */
    void closeGracefully(Duration wait) {
        lost.set(true);
        WebSocket ws = opened.getNow(null);
        if (ws == null) {
            return;
        }
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("close frame not written: {}", e.toString());
        } finally {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        // Captured here, not from buildAsync, because frames may arrive before that future completes.
        opened.complete(ws);
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        if (!assembler.append(data)) {
            lost("gateway sent a binary message over the limit");
            ws.abort();
            return null;
        }
        if (!last) {
            ws.request(1);
            return null;
        }
        GatewayFrame frame;
        byte[] wire = assembler.take();
        try {
            frame = GatewayFrame.parseFrom(wire);
        } catch (InvalidProtocolBufferException e) {
            log.warn("ignoring a binary message from the gateway that is not an emcc.v1.GatewayFrame: {}", e.getMessage());
            ws.request(1);
            return null;
        }
        events.onFrame(this, frame, wire);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (last) {
            log.warn("ignoring a text message from the gateway; the agency stream carries binary GatewayFrames only");
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        lost("gateway closed the connection: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        lost("connection failed: " + error);
    }

    private void lost(String why) {
        if (lost.compareAndSet(false, true)) {
            events.onLost(this, why);
        }
    }
}
