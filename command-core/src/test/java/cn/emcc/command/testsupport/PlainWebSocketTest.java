package cn.emcc.command.testsupport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node stream tests trust {@link PlainWebSocket} to hand over exactly the
 * bytes the server framed (the JDK's WebSocket client did not: see
 * docs/command-nodes.md). A scripted server sends every framing case the node
 * stream can produce and checks what the client writes back.
 */
class PlainWebSocketTest {

    @Test
    void delivers_each_message_byte_exact_answers_pings_and_reports_the_close() throws Exception {
        byte[] large = new byte[70_000]; // needs the 64-bit length form
        new Random(5).nextBytes(large);
        byte[] medium = new byte[300]; // the 16-bit form
        new Random(6).nextBytes(medium);
        List<String> heard = new ArrayList<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<byte[]>> fromClient = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    acceptHandshake(in, out);
                    frame(out, 0x02, false, medium); // a binary message in three fragments
                    frame(out, 0x00, false, new byte[0]);
                    frame(out, 0x00, true, "终".getBytes(StandardCharsets.UTF_8));
                    frame(out, 0x09, true, new byte[]{7, 8}); // ping between messages
                    frame(out, 0x02, true, large);
                    // a text message cut inside a multi-byte character
                    byte[] text = "地址 1".getBytes(StandardCharsets.UTF_8);
                    frame(out, 0x01, false, java.util.Arrays.copyOf(text, 2));
                    frame(out, 0x00, true, java.util.Arrays.copyOfRange(text, 2, text.length));
                    List<byte[]> replies = new ArrayList<>();
                    replies.add(readClientFrame(in)); // the pong and the test's own frame, in either order
                    replies.add(readClientFrame(in));
                    frame(out, 0x08, true, new byte[]{0x03, (byte) 0xe8, 'b', 'y', 'e'});
                    replies.add(readClientFrame(in)); // the close answer
                    return replies;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            PlainWebSocket ws = PlainWebSocket.open(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/x?a=1"),
                    new PlainWebSocket.Handler() {
                        @Override
                        public void message(byte[] payload, boolean text) {
                            synchronized (heard) {
                                heard.add((text ? "text " : "binary ") + Base64.getEncoder().encodeToString(payload));
                            }
                        }

                        @Override
                        public void closed(String why) {
                            closed.complete(why);
                        }
                    });
            ws.sendBinary(new byte[]{1, 2, 3});
            List<byte[]> replies = fromClient.get(30, TimeUnit.SECONDS);
            assertThat(closed.get(30, TimeUnit.SECONDS)).isEqualTo("close 1000 bye");

            ByteArrayOutputStream fragmented = new ByteArrayOutputStream();
            fragmented.writeBytes(medium);
            fragmented.writeBytes("终".getBytes(StandardCharsets.UTF_8));
            assertThat(heard).containsExactly(
                    "binary " + Base64.getEncoder().encodeToString(fragmented.toByteArray()),
                    "binary " + Base64.getEncoder().encodeToString(large),
                    "text " + Base64.getEncoder().encodeToString("地址 1".getBytes(StandardCharsets.UTF_8)));
            assertThat(replies.stream().map(HexFormat.of()::formatHex).toList())
                    .containsExactlyInAnyOrder("8a0708", "82010203", "8803e8")
                    .last().isEqualTo("8803e8");
        }
    }

    private static void acceptHandshake(InputStream in, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String key = head.toString().lines().filter(l -> l.startsWith("Sec-WebSocket-Key:"))
                .map(l -> l.substring(18).trim()).findFirst().orElseThrow();
        try {
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unmasked server frame with the shortest length form. */
    private static void frame(OutputStream out, int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length <= 0xffff) {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
            }
        }
        f.writeBytes(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    /** A client frame, unmasked: first byte, then the payload. Clients must mask. */
    private static byte[] readClientFrame(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertThat(b1 & 0x80).as("client frames are masked").isEqualTo(0x80);
        int length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        byte[] frame = new byte[1 + length];
        frame[0] = (byte) b0;
        for (int i = 0; i < length; i++) {
            frame[1 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }
}
