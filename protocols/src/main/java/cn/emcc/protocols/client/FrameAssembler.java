package cn.emcc.protocols.client;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Joins the parts in which java.net.http.WebSocket delivers one binary
 * message. Refuses to grow past a limit, so a broken or hostile peer cannot
 * make the client buffer without end.
 */
final class FrameAssembler {

    private final int maxBytes;
    private byte[] buffer = new byte[256];
    private int length;

    FrameAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @return false when the message would exceed the limit; the parts so far are dropped */
    boolean append(ByteBuffer part) {
        int n = part.remaining();
        if (n > maxBytes - length) {
            length = 0;
            return false;
        }
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(length + n, buffer.length * 2)));
        }
        part.get(buffer, length, n);
        length += n;
        return true;
    }

    /** The whole message, and a fresh start for the next one. */
    byte[] take() {
        byte[] message = Arrays.copyOf(buffer, length);
        length = 0;
        return message;
    }
}
