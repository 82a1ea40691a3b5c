package cn.emcc.command.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A POST over a plain socket that announces its body's length with
 * {@code Expect: 100-continue} and sends the body only when the node asks
 * for it. A node that refuses on the declared length (413) answers before
 * any of the body is on the wire, so the answer always arrives; an ordinary
 * client still writing megabytes when the node answers early and closes may
 * see the connection reset first (HTTP/1.1 has no cure for that).
 */
public final class DeclaredLengthPost {

    /** The final status code and the body text of the answer. */
    public record Answer(int status, String body) {
    }

    private DeclaredLengthPost() {
    }

    public static Answer post(URI base, String path, String contentType, String authorization, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000); // a bound against hanging the build, not a speed check
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nAuthorization: " + authorization
                    + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            if (status(head) == 100) {
                out.write(body);
                out.flush();
                head = readHead(in);
            }
            return new Answer(status(head), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " declaring " + body.length + " bytes got no answer", e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of the answer's head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int status(String head) {
        String[] line = head.split("\r\n", 2)[0].split(" ");
        return Integer.parseInt(line[1]);
    }
}
