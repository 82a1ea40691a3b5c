package cn.emcc.command.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain TCP relay between the browser and a node, standing in for the
 * network: it forwards, freezes (connections stay open but no byte passes
 * either way — a half-open socket, a stuck proxy), or cuts (every connection
 * is closed and new ones are closed at once — a node out of reach). It
 * remembers the first request line of each connection, so a test can see how
 * the console asked for its stream.
 */
final class CuttableRelay implements AutoCloseable {

    private enum Mode { FORWARD, FROZEN, CUT }

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    CuttableRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Holds every byte where it is, on open connections and new ones, until {@link #restore()}. */
    void freeze() {
        synchronized (lock) {
            mode = Mode.FROZEN;
        }
    }

    /** Closes every connection, and each new one as it comes, until {@link #restore()}. */
    void cut() {
        synchronized (lock) {
            mode = Mode.CUT;
            lock.notifyAll();
        }
        open.forEach(CuttableRelay::quietlyClose);
        open.clear();
    }

    void restore() {
        synchronized (lock) {
            mode = Mode.FORWARD;
            lock.notifyAll();
        }
    }

    /** The first request line of every connection so far (e.g. {@code GET /v1/nodes/370102/stream?... HTTP/1.1}). */
    List<String> requestLines() {
        return new ArrayList<>(requestLines);
    }

    private void acceptAll() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (currentMode() == Mode.CUT) {
                quietlyClose(client);
                continue;
            }
            try {
                Socket node = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(node);
                pump(client, node, true);
                pump(node, client, false);
            } catch (IOException e) {
                quietlyClose(client); // the node is down: the browser sees a closed connection
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromBrowser) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            boolean first = fromBrowser;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (first) {
                        String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                        int end = head.indexOf("\r\n");
                        requestLines.add(end >= 0 ? head.substring(0, end) : head);
                        first = false;
                    }
                    if (!waitWhileFrozen()) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed, or the relay cut it
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                open.remove(from);
                open.remove(to);
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Waits while frozen; false when the connection is to be dropped (cut) instead. */
    private boolean waitWhileFrozen() throws InterruptedException {
        synchronized (lock) {
            while (mode == Mode.FROZEN) {
                lock.wait();
            }
            return mode == Mode.FORWARD;
        }
    }

    private Mode currentMode() {
        synchronized (lock) {
            return mode;
        }
    }

    private static void quietlyClose(java.io.Closeable s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        restore();
        quietlyClose(listener);
        open.forEach(CuttableRelay::quietlyClose);
    }
}
