package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Envelope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The acknowledgement envelopes already sent for recent order ids, so that a
 * redelivered order gets the very same answer. Bounded: the oldest answers are
 * forgotten first; emcc stops redelivering long before 10,000 newer orders arrive.
 * Not thread-safe: the client's loop thread owns it.
 */
final class AnsweredOrders {

    private final Map<String, Envelope> byOrderId;

    AnsweredOrders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("answered-orders capacity is " + capacity + "; expected at least 1");
        }
        this.byOrderId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Envelope> eldest) {
                return size() > capacity;
            }
        };
    }

    Envelope get(String orderId) {
        return byOrderId.get(orderId);
    }

    void put(String orderId, Envelope acknowledgement) {
        byOrderId.put(orderId, acknowledgement);
    }

    int size() {
        return byOrderId.size();
    }
}
