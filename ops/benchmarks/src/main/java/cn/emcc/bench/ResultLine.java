package cn.emcc.bench;

import java.util.Locale;

/**
 * The one-line summary every benchmark ends with, for people and for scripts
 * that collect figures:
 * {@code RESULT <name> <metric>=<value><unit> peer=<peer> <peer-metric>=<value><unit> ratio=<ours/peer>}.
 */
public record ResultLine(String name, Figure ours, String peerName, Figure peer) {

    /** A measured value with its metric name and unit, e.g. {@code parse_mix=0.61us/msg}. */
    public record Figure(String metric, double value, String unit) {
        @Override
        public String toString() {
            return metric + "=" + String.format(Locale.ROOT, "%.3f", value) + unit;
        }
    }

    public static ResultLine withoutPeer(String name, Figure ours) {
        return new ResultLine(name, ours, null, null);
    }

    public static ResultLine withPeer(String name, Figure ours, String peerName, Figure peer) {
        if (!ours.unit().equals(peer.unit())) {
            throw new IllegalArgumentException("peer unit '" + peer.unit() + "' differs from ours '"
                    + ours.unit() + "'; a ratio needs the same unit");
        }
        return new ResultLine(name, ours, peerName, peer);
    }

    public String format() {
        if (peer == null) {
            return "RESULT " + name + " " + ours + " peer=none ratio=na";
        }
        return "RESULT " + name + " " + ours + " peer=" + peerName + " " + peer
                + " ratio=" + String.format(Locale.ROOT, "%.2f", ours.value() / peer.value());
    }
}
