package cn.emcc.command.nodes;

import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.RequestRefused;
import org.apache.pekko.stream.BoundedSourceQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One WebSocket connection to a node: it starts (attaches to the feed) with the
 * first resume point it learns, from the query, the first frame or the
 * first-frame timeout, whichever comes first. Later frames go to
 * {@code laterRequests} (acknowledgements) with a way to answer on this
 * connection. A frame that cannot be read is answered with a RequestRefused;
 * as a first frame it starts the stream from a snapshot.
 */
final class NodeSession {

    private final NodeFeed feed;
    private final int capacity;
    private final BiConsumer<NodeStreamRequest, NodeSession> laterRequests;
    private final List<NodeStreamMessage.Builder> early = new ArrayList<>();
    private NodeClient client;
    private NodeStreamRequest pending;
    private boolean started;
    private boolean closed;

    NodeSession(NodeFeed feed, int capacity, BiConsumer<NodeStreamRequest, NodeSession> laterRequests) {
        this.feed = feed;
        this.capacity = capacity;
        this.laterRequests = laterRequests;
    }

    /** The outgoing queue exists: the connection is up. */
    synchronized void open(BoundedSourceQueue<List<NodeStreamMessage>> queue) {
        client = new NodeClient(queue, capacity);
        if (pending != null) {
            start(pending);
        }
    }

    void request(NodeStreamRequest request) {
        boolean later;
        synchronized (this) {
            later = started;
            if (!started && client == null) {
                if (pending == null) {
                    pending = request;
                }
            } else if (!started) {
                start(request);
            }
        }
        if (later) {
            laterRequests.accept(request, this); // outside the lock: it may answer from another thread at once
        }
    }

    /** A frame that is not a NodeStreamRequest: refused, and as a first frame it names no resume point. */
    synchronized void unreadable(String reason) {
        answer(NodeStreamMessage.newBuilder().setRequestRefused(RequestRefused.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_MALFORMED).setReason(reason)));
        if (!started) {
            if (client != null) {
                start(NodeStreamRequest.getDefaultInstance());
            } else if (pending == null) {
                pending = NodeStreamRequest.getDefaultInstance();
            }
        }
    }

    /**
     * Sends an answer to a request of this connection (sequence 0). Before the
     * stream has started it waits and goes right after the snapshot or replay.
     */
    synchronized void answer(NodeStreamMessage.Builder body) {
        if (closed) {
            return;
        }
        if (!started) {
            early.add(body);
            return;
        }
        feed.answer(client, body);
    }

    /** No resume point came in time: start fresh (a request that arrives later is treated as a later one). */
    synchronized void startFreshIfWaiting() {
        if (!started && client != null) {
            start(NodeStreamRequest.getDefaultInstance());
        } else if (!started && pending == null) {
            pending = NodeStreamRequest.getDefaultInstance();
        }
    }

    private void start(NodeStreamRequest request) {
        if (closed) {
            return;
        }
        started = true;
        feed.attach(client, request.getEpoch(), request.getLastSequence());
        early.forEach(body -> feed.answer(client, body));
        early.clear();
    }

    synchronized void close() {
        closed = true;
        if (client != null) {
            feed.detach(client);
        }
    }
}
