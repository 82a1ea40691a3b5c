package cn.emcc.command.situation;

import cn.emcc.command.serialization.CborSerializable;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The message ids a board has applied recently, so that a resent message is
 * answered as before instead of being applied twice. Bounded by count and age
 * (measured against event times, so a replay rebuilds exactly the same
 * window) because a board lives for years and its state must not grow with it.
 */
public record MessageWindow(Map<String, Seen> seen) implements CborSerializable {

    /** A remembered message: what it was about (warning identifier, condition id) and when it was applied. */
    public record Seen(String subject, Instant at) implements CborSerializable {
    }

    /** Remember at most {@code maxIds} messages, none older than {@code maxAge}. */
    public record Limits(int maxIds, Duration maxAge) {
        public Limits {
            if (maxIds < 1) {
                throw new IllegalArgumentException("remember-messages must be at least 1, was " + maxIds);
            }
        }
    }

    public static MessageWindow empty() {
        return new MessageWindow(Map.of());
    }

    public Optional<Seen> find(String messageId) {
        return Optional.ofNullable(seen.get(messageId));
    }

    public MessageWindow remember(String messageId, String subject, Instant at, Limits limits) {
        Instant oldest = at.minus(limits.maxAge());
        // Entries are in the order they were applied, so the first ones are the ones to drop.
        int excess = Math.max(0, seen.size() + 1 - limits.maxIds());
        Map<String, Seen> next = new LinkedHashMap<>();
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            if (excess > 0) {
                excess--;
            } else if (!e.getValue().at().isBefore(oldest)) {
                next.put(e.getKey(), e.getValue());
            }
        }
        next.put(messageId, new Seen(subject, at));
        return new MessageWindow(Collections.unmodifiableMap(next));
    }
}
