package cn.emcc.command.nodes;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.NodeStreamClient.ResumeBy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static cn.emcc.command.nodes.NodeStreamHarness.TREE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that stop reading while the feed runs: the server keeps at most the
 * client buffer for them, tells them to resync, gives a fresh snapshot to one
 * that reads again and drops one that does not, while the other clients of the
 * same node receive every change.
 */
class SlowNodeClientTest {

    private static final int BUFFER = 64;
    private static final String PROVINCE = "370000";

    @Test
    void a_client_that_reads_nothing_is_dropped_with_bounded_memory_while_others_keep_receiving() throws Exception {
        NodeStreamSettings settings = new NodeStreamSettings(500, 100, 20, BUFFER, Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofSeconds(15));
        RandomIncidents incidents = new RandomIncidents(7, TREE);
        try (NodeStreamHarness node = new NodeStreamHarness(settings);
             NodeStreamClient reader = new NodeStreamClient(node.baseUri(), PROVINCE, false, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY);
             Socket silent = silentClient(node)) {
            NodeFeed feed = node.streams().feed(PROVINCE).orElseThrow();
            Await.until("both clients attached", Duration.ofSeconds(10), () -> feed.clientCount() == 2);

            int mostBuffered = 0;
            for (int batch = 0; batch < 5_000 && feed.droppedClients() == 0; batch++) {
                for (int i = 0; i < 100; i++) {
                    node.streams().publish(incidents.next());
                }
                mostBuffered = Math.max(mostBuffered, feed.buffered().stream().mapToInt(Integer::intValue).max().orElse(0));
                Thread.sleep(10); // the feed keeps running at a pace a reading client can follow
            }
            assertThat(feed.droppedClients()).as("the silent client was dropped").isEqualTo(1);
            for (int i = 0; i < 100; i++) {
                node.streams().publish(incidents.next());
            }

            assertThat(mostBuffered).isLessThanOrEqualTo(BUFFER);
            assertThat(feed.clientCount()).isEqualTo(1);
            assertThat(readsToEnd(silent)).as("the server closed the silent client's connection").isTrue();
            Await.until("the reading client has every change", Duration.ofSeconds(60),
                    () -> reader.isAt(node.streams().epoch(), feed.sequence()));
            assertThat(reader.violations()).isEmpty();
            assertThat(reader.incidents()).isEqualTo(incidents.expectedPicture(TREE, PROVINCE));
        }
    }

    @Test
    void a_client_that_pauses_is_told_to_resync_and_continues_from_a_fresh_snapshot() throws Exception {
        NodeStreamSettings settings = new NodeStreamSettings(500, 100, 20, BUFFER, Duration.ofMinutes(5),
                Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofSeconds(15));
        RandomIncidents incidents = new RandomIncidents(8, TREE);
        try (NodeStreamHarness node = new NodeStreamHarness(settings);
             NodeStreamClient paused = new NodeStreamClient(node.baseUri(), PROVINCE, true, node.token(RunningNode.PROVINCE_OFFICER)).connect(ResumeBy.QUERY)) {
            NodeFeed feed = node.streams().feed(PROVINCE).orElseThrow();
            Await.until("the snapshot arrived", Duration.ofSeconds(10), () -> paused.snapshots() == 1);
            paused.pause();
            for (int batch = 0; batch < 2_000 && feed.laggingClients() == 0; batch++) {
                for (int i = 0; i < 200; i++) {
                    node.streams().publish(incidents.next());
                }
                assertThat(feed.buffered()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BUFFER));
            }
            assertThat(feed.laggingClients()).as("the paused client fell behind").isEqualTo(1);
            paused.resume();
            Await.until("the client caught up again", Duration.ofSeconds(60), () -> feed.laggingClients() == 0);
            for (int i = 0; i < 50; i++) {
                node.streams().publish(incidents.next());
            }
            Await.until("the client has every change", Duration.ofSeconds(60),
                    () -> paused.isAt(node.streams().epoch(), feed.sequence()));
            assertThat(paused.violations()).isEmpty();
            // The socket still held a backlog when the fresh snapshot followed, so it may have fallen behind again.
            assertThat(paused.resyncs()).isPositive();
            assertThat(paused.snapshots()).isEqualTo(paused.resyncs() + 1);
            assertThat(paused.incidents()).isEqualTo(incidents.expectedPicture(TREE, PROVINCE));
            assertThat(feed.droppedClients()).isZero();
        }
    }

    /** A WebSocket client that completes the handshake and then never reads, with a small receive buffer. */
    private static Socket silentClient(NodeStreamHarness node) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", node.baseUri().getPort()), 5_000);
        socket.getOutputStream().write(("GET /v1/nodes/" + PROVINCE + "/stream?last_sequence=0 HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + node.baseUri().getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Authorization: Bearer " + NodeStreamHarness.TOKEN + "\r\n"
                + "Sec-WebSocket-Key: c2xvdy1jbGllbnQta2V5MQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 101");
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads whatever is left until the server closes the connection; false when it stays open. */
    private static boolean readsToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        byte[] chunk = new byte[64 * 1024];
        try {
            while (socket.getInputStream().read(chunk) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by the server: closed as well
        }
    }
}
