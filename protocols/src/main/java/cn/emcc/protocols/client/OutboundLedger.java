package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Envelope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Every envelope the client has taken on and not yet had answered, in the
 * order it was taken on. At most {@code maxInFlight} are "in flight" (may be
 * on the wire); the rest wait their turn. Entries leave only when answered or
 * when the client closes, so whatever is in flight when a connection drops is
 * exactly what must be resent. Not thread-safe: the client's loop thread owns it.
 */
final class OutboundLedger {

    /** One envelope and what the client knows about its delivery. */
    static final class Entry {
        final Envelope envelope;
        final byte[] bytes;
        final CompletableFuture<Reply> future;
        /** Sent on the current connection and not yet answered on it. */
        boolean onWire;
        long sentAtNanos;
        int retryableRejections;
        /** Set while waiting to resend after a retryable rejection. */
        ScheduledFuture<?> retry;

        Entry(Envelope envelope, CompletableFuture<Reply> future) {
            this(envelope, envelope.toByteArray(), future);
        }

        /** An envelope whose wire bytes are fixed already (a signed one: its signature covers those bytes). */
        Entry(Envelope envelope, byte[] bytes, CompletableFuture<Reply> future) {
            this.envelope = envelope;
            this.bytes = bytes;
            this.future = future;
        }

        String messageId() {
            return envelope.getMessageId();
        }
    }

    private final int maxInFlight;
    private final Map<String, Entry> inFlight = new LinkedHashMap<>();
    private final Map<String, Entry> waiting = new LinkedHashMap<>();

    OutboundLedger(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** The entry for this message id, in flight or waiting; null when there is none. */
    Entry find(String messageId) {
        Entry e = inFlight.get(messageId);
        return e != null ? e : waiting.get(messageId);
    }

    Entry inFlight(String messageId) {
        return inFlight.get(messageId);
    }

    /** @return true when the entry went straight into flight (send it now), false when it waits */
    boolean add(Entry entry) {
        if (inFlight.size() < maxInFlight) {
            inFlight.put(entry.messageId(), entry);
            return true;
        }
        waiting.put(entry.messageId(), entry);
        return false;
    }

    /** Removes an answered entry from flight; null when it is not in flight (a late or repeated answer). */
    Entry remove(String messageId) {
        return inFlight.remove(messageId);
    }

    /** Moves waiting entries into the room answers have freed, oldest first; returns them. */
    List<Entry> admitWaiting() {
        List<Entry> admitted = new ArrayList<>();
        Iterator<Entry> it = waiting.values().iterator();
        while (inFlight.size() < maxInFlight && it.hasNext()) {
            Entry e = it.next();
            it.remove();
            inFlight.put(e.messageId(), e);
            admitted.add(e);
        }
        return admitted;
    }

    /** In-flight entries in the order they were taken on. */
    Collection<Entry> inFlightInOrder() {
        return inFlight.values();
    }

    /** Empties the ledger, returning every entry (in flight first, then waiting). */
    List<Entry> drain() {
        List<Entry> all = new ArrayList<>(inFlight.values());
        all.addAll(waiting.values());
        inFlight.clear();
        waiting.clear();
        return all;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int waitingCount() {
        return waiting.size();
    }
}
