package cn.emcc.command.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many WebSocket connections each agency system holds open on this node,
 * bounded so that one system (or a stolen credential) cannot take every
 * socket the node has. A connection over the bound is refused at the upgrade.
 */
public final class AgencyConnections {

    private final int maxPerAgency;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public AgencyConnections(int maxPerAgency) {
        if (maxPerAgency < 1) {
            throw new IllegalArgumentException("emcc.gateway.max-connections-per-agency must be >= 1; was " + maxPerAgency);
        }
        this.maxPerAgency = maxPerAgency;
    }

    /** A place for one more connection of {@code who}, or null when it holds the maximum already. */
    public Slot tryOpen(AgencyIdentity who) {
        AtomicBoolean granted = new AtomicBoolean();
        open.compute(who.name(), (name, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerAgency) {
                return now;
            }
            granted.set(true);
            return now + 1;
        });
        return granted.get() ? new Slot(who.name()) : null;
    }

    public int maxPerAgency() {
        return maxPerAgency;
    }

    /** One held connection; released once, when its stream ends (or when it never starts). */
    public final class Slot {
        private final String name;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String name) {
            this.name = name;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(name, (n, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
