package cn.emcc.command.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client (RFC 6455) over a plain blocking socket with one reader
 * thread, for tests that must trust every byte the server sent: it hands each
 * complete message to its {@link Handler} exactly as framed on the wire, and it
 * stops reading the socket while paused, so the server sees a client that does
 * not read. Text and binary messages, fragmentation, ping/pong and close; no
 * extensions, no TLS.
 */
public final class PlainWebSocket implements AutoCloseable {

    /** What the reader thread tells its owner, always from that one thread, in wire order. */
    public interface Handler {
        void message(byte[] payload, boolean text);

        /** The connection ended by the server or by an error (not after {@link #abort()}). */
        void closed(String why);
    }

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Handler handler;
    private final Object pauseLock = new Object();
    private boolean paused;
    private volatile boolean aborted;

    private PlainWebSocket(Socket socket, InputStream in, Handler handler) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.handler = handler;
    }

    /**
     * Opens {@code uri} (ws:// or wss://host:port/path?query; wss trusts the test nodes' development
     * certificate), completes the handshake and starts reading.
     */
    public static PlainWebSocket open(URI uri, Handler handler) {
        boolean tls = "wss".equals(uri.getScheme());
        if (!tls && !"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri '" + uri + "' is not ws:// or wss://");
        }
        Socket socket;
        try {
            socket = tls ? RunningNode.trustingDevCertificate().getSocketFactory().createSocket() : new Socket();
        } catch (IOException e) {
            throw new IllegalStateException("no socket for " + uri + ": " + e, e);
        }
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            handshake(uri, socket.getOutputStream(), in);
            PlainWebSocket ws = new PlainWebSocket(socket, in, handler);
            Thread reader = new Thread(ws::readLoop, "plain-ws " + uri.getPath());
            reader.setDaemon(true);
            reader.start();
            return ws;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IllegalStateException("WebSocket " + uri + " did not open: " + e, e);
        }
    }

    private static void handshake(URI uri, OutputStream out, InputStream in) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("expected 101 Switching Protocols, got: " + head.lines().findFirst().orElse(""));
        }
        String expected = acceptFor(key);
        boolean accepted = head.lines().anyMatch(l -> l.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)
                && l.substring(21).trim().equals(expected));
        if (!accepted) {
            throw new IOException("handshake answer lacks Sec-WebSocket-Accept: " + expected + ": " + head);
        }
    }

    /** The response status line and headers, up to the empty line; nothing after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake after: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readLoop() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean messageIsText = false;
        boolean inMessage = false;
        try {
            while (true) {
                awaitNotPaused();
                int b0 = readByte();
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0f;
                if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0) {
                    throw new IOException("frame header " + Integer.toHexString(b0) + " " + Integer.toHexString(b1)
                            + ": reserved bits or a mask from the server");
                }
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if (length > Integer.MAX_VALUE - 8) {
                    throw new IOException("frame of " + length + " bytes");
                }
                byte[] payload = in.readNBytes((int) length);
                if (payload.length != length) {
                    throw new EOFException("frame cut after " + payload.length + " of " + length + " bytes");
                }
                switch (opcode) {
                    case 0x1, 0x2 -> {
                        if (inMessage) {
                            throw new IOException("new message (opcode " + opcode + ") inside a fragmented one");
                        }
                        messageIsText = opcode == 0x1;
                        message.reset();
                        message.writeBytes(payload);
                        inMessage = !fin;
                    }
                    case 0x0 -> {
                        if (!inMessage) {
                            throw new IOException("continuation frame outside a message");
                        }
                        message.writeBytes(payload);
                        inMessage = !fin;
                    }
                    case 0x8 -> {
                        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                        String reason = payload.length > 2
                                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                        sendFrame(0x8, payload.length >= 2 ? new byte[]{payload[0], payload[1]} : new byte[0]);
                        finish("close " + code + " " + reason);
                        return;
                    }
                    case 0x9 -> sendFrame(0xA, payload);
                    case 0xA -> { } // an unsolicited pong needs no answer
                    default -> throw new IOException("unknown opcode " + opcode);
                }
                if ((opcode == 0x0 || opcode == 0x1 || opcode == 0x2) && fin) {
                    handler.message(message.toByteArray(), messageIsText);
                }
            }
        } catch (IOException | RuntimeException e) {
            finish("error " + e);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    private void finish(String why) {
        closeQuietly(socket);
        if (!aborted) {
            handler.closed(why);
        }
    }

    private void awaitNotPaused() throws IOException {
        synchronized (pauseLock) {
            while (paused && !aborted) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while paused", e);
                }
            }
        }
    }

    public void sendBinary(byte[] payload) {
        send(0x2, payload);
    }

    public void sendText(String text) {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(int opcode, byte[] payload) {
        try {
            sendFrame(opcode, payload);
        } catch (IOException e) {
            throw new IllegalStateException("sending a frame of " + payload.length + " bytes failed: " + e, e);
        }
    }

    /** One final, masked frame (clients always mask). */
    private void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        synchronized (out) {
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    /** Stops reading the socket: the kernel's buffers fill and the server can send no more. */
    public void pause() {
        synchronized (pauseLock) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** Drops the connection without a closing handshake, as a lost network would; the handler hears nothing more. */
    public void abort() {
        aborted = true;
        resume();
        closeQuietly(socket);
    }

    @Override
    public void close() {
        abort();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken tells us nothing
        }
    }
}
