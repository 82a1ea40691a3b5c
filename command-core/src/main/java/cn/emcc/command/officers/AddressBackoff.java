package cn.emcc.command.officers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per remote address on this node: after {@code maxFailures}
 * within {@code window} the address is refused for {@code lock}. Node-local
 * and bounded (the least recently seen addresses are forgotten first): it
 * slows a guesser spraying many usernames, while the durable per-account
 * lockout in {@link OfficerAccounts} protects each account cluster-wide.
 */
public final class AddressBackoff {

    private record Failures(int count, Instant windowStart, Instant lockedUntil) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration lock;
    private final Clock clock;
    private final Map<String, Failures> byAddress;

    public AddressBackoff(int maxFailures, Duration window, Duration lock, int remember, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.lock = lock;
        this.clock = clock;
        this.byAddress = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > remember;
            }
        };
    }

    /** When the address may try again; null when it may now. */
    public synchronized Instant lockedUntil(String address) {
        Failures f = byAddress.get(address);
        Instant now = clock.instant();
        return f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now) ? f.lockedUntil() : null;
    }

    public synchronized void failed(String address) {
        Instant now = clock.instant();
        Failures f = byAddress.get(address);
        if (f == null || f.windowStart().plus(window).isBefore(now)) {
            f = new Failures(0, now, null);
        }
        int count = f.count() + 1;
        byAddress.put(address, new Failures(count, f.windowStart(), count >= maxFailures ? now.plus(lock) : null));
    }

    public synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
