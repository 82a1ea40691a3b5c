package cn.emcc.command.nodes;

import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
import org.apache.pekko.stream.BoundedSourceQueue;

import java.util.List;
import java.util.function.Consumer;

/**
 * One WebSocket connection to a node: it starts (attaches to the feed) with the
 * first resume point it learns, from the query, the first frame or the
 * first-frame timeout, whichever comes first. Later frames go to
 * {@code laterRequests} (acknowledgements).
 */
final class NodeSession {

    private final NodeFeed feed;
    private final int capacity;
    private final Consumer<NodeStreamRequest> laterRequests;
    private NodeClient client;
    private NodeStreamRequest pending;
    private boolean started;
    private boolean closed;

    NodeSession(NodeFeed feed, int capacity, Consumer<NodeStreamRequest> laterRequests) {
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

    synchronized void request(NodeStreamRequest request) {
        if (started) {
            laterRequests.accept(request);
        } else if (client == null) {
            if (pending == null) {
                pending = request;
            }
        } else {
            start(request);
        }
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
    }

    synchronized void close() {
        closed = true;
        if (client != null) {
            feed.detach(client);
        }
    }
}
