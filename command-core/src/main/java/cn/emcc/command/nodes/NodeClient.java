package cn.emcc.command.nodes;

import cn.emcc.protocols.v1.NodeStreamMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One connected client of a node feed: the bounded queue in front of its
 * socket and whether it has fallen behind. An element of the queue is a batch
 * (a replay is one element holding references to the feed's own messages),
 * so a resume never needs more than one place. Its feed guards it.
 */
final class NodeClient {

    private final BoundedSourceQueue<List<NodeStreamMessage>> queue;
    private final int capacity;
    private Instant laggingSince;
    private long lastQueued;

    NodeClient(BoundedSourceQueue<List<NodeStreamMessage>> queue, int capacity) {
        this.queue = queue;
        this.capacity = capacity;
    }

    /** What {@link #deliver} did. */
    enum Delivery { SENT, LAGGING, CLOSED }

    /**
     * Queues one message, or, when the queue has only the last place left,
     * a Resync there instead and nothing more until {@link #caughtUp}.
     */
    Delivery deliver(NodeStreamMessage message, Supplier<NodeStreamMessage> resync, Instant now) {
        if (laggingSince != null) {
            return Delivery.LAGGING;
        }
        if (queue.size() >= capacity - 1) {
            laggingSince = now;
            return offer(List.of(resync.get())) ? Delivery.LAGGING : Delivery.CLOSED;
        }
        return offer(List.of(message)) ? Delivery.SENT : Delivery.CLOSED;
    }

    /** Queues a batch (a snapshot, a replay) on a client that is not lagging. */
    boolean send(List<NodeStreamMessage> batch) {
        return batch.isEmpty() || offer(batch);
    }

    /**
     * Queues an answer to this client's own request (sequence 0, not a change):
     * not on a lagging client, and never in the last place, which is kept for a Resync.
     */
    boolean answer(NodeStreamMessage answer) {
        if (laggingSince != null || queue.size() >= capacity - 1) {
            return false;
        }
        return queue.offer(List.of(answer)) == QueueOfferResult.enqueued();
    }

    private boolean offer(List<NodeStreamMessage> batch) {
        QueueOfferResult r = queue.offer(batch);
        if (r == QueueOfferResult.enqueued() && !batch.isEmpty()) {
            lastQueued = batch.get(batch.size() - 1).getSequence();
        }
        return r == QueueOfferResult.enqueued();
    }

    /** The sequence of the last message queued for this client. */
    long lastQueued() {
        return lastQueued;
    }

    boolean lagging() {
        return laggingSince != null;
    }

    Instant laggingSince() {
        return laggingSince;
    }

    /** The lagging client has read everything queued: it may continue from a snapshot. */
    boolean drained() {
        return queue.size() == 0;
    }

    void caughtUp() {
        laggingSince = null;
    }

    boolean closed() {
        return queue.isCompleted();
    }

    void drop(String reason) {
        queue.fail(new SlowClientDropped(reason));
    }

    int capacity() {
        return capacity;
    }

    int buffered() {
        return queue.size();
    }

    /** Ends a client's stream: its socket closes and what was queued for it is released. */
    static final class SlowClientDropped extends RuntimeException {
        SlowClientDropped(String reason) {
            super(reason, null, false, false);
        }
    }
}
