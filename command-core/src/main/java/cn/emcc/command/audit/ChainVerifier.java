package cn.emcc.command.audit;

import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verifies one chain entry by entry, in journal order, and stops at the first
 * broken link: an entry stored at a sequence number other than its own, a
 * missing entry (a gap), an entry of another chain, a previous-hash that is not
 * the hash of the entry before, a hash that its fields do not give, or an entry
 * whose hash differs from the one anchored for that sequence number. At the end,
 * a chain that stops before its highest anchored head has lost its tail.
 */
public final class ChainVerifier {

    /** Where and how a chain breaks: {@code expected} is what an intact chain has there, {@code found} what is stored. */
    public record BrokenLink(String chain, long seq, String problem, String expected, String found) {
        @Override
        public String toString() {
            return "chain " + chain + " seq " + seq + ": " + problem + "; expected " + expected + " found " + found;
        }
    }

    /** A verified chain: entries checked, its head, the highest anchored sequence number, the break if any. */
    public record ChainResult(String chain, long entries, long headSeq, String headHash, long anchoredSeq,
                              Optional<BrokenLink> broken) {
    }

    private final String chain;
    private final NavigableMap<Long, String> anchors;
    private long expectedSeq = 1;
    private String prevHash = HashAlgorithm.GENESIS;
    private long checked;
    private BrokenLink broken;

    /** {@code anchors}: sequence number → hash of this chain's anchored heads. */
    public ChainVerifier(String chain, NavigableMap<Long, String> anchors) {
        this.chain = chain;
        this.anchors = new TreeMap<>(anchors);
    }

    /** Checks the next stored event; false once the chain is broken (the rest is not looked at). */
    public boolean accept(long journalSeq, Object event) {
        if (broken != null) {
            return false;
        }
        if (!(event instanceof AuditEntry e)) {
            return fail(journalSeq, "not an audit entry", AuditEntry.class.getSimpleName(),
                    event == null ? "null" : event.getClass().getName());
        }
        if (journalSeq != expectedSeq) {
            return fail(expectedSeq, "entry missing (next stored entry is seq " + journalSeq + ")",
                    "an entry after hash " + prevHash, "entry " + journalSeq + " linking to " + e.prevHash());
        }
        if (e.seq() != journalSeq) {
            return fail(journalSeq, "entry stored at the wrong place", "seq " + journalSeq, "seq " + e.seq());
        }
        if (!chain.equals(e.chain())) {
            return fail(journalSeq, "entry of another chain", chain, e.chain());
        }
        if (!prevHash.equals(e.prevHash())) {
            return fail(journalSeq, "link to the previous entry broken", prevHash, e.prevHash());
        }
        String computed;
        try {
            computed = e.computeHash();
        } catch (RuntimeException unknownAlgorithm) {
            return fail(journalSeq, "unknown digest", "sha256 or sm3", e.alg());
        }
        if (!computed.equals(e.hash())) {
            return fail(journalSeq, "entry changed after it was written (hash of its fields)", computed, e.hash());
        }
        String anchored = anchors.get(journalSeq);
        if (anchored != null && !anchored.equals(e.hash())) {
            return fail(journalSeq, "entry differs from its anchored head", anchored, e.hash());
        }
        prevHash = e.hash();
        expectedSeq++;
        checked++;
        return true;
    }

    public ChainResult finish() {
        long head = expectedSeq - 1;
        long anchoredSeq = anchors.isEmpty() ? 0 : anchors.lastKey();
        if (broken == null && anchoredSeq > head) {
            broken = new BrokenLink(chain, head + 1, "tail missing: the chain ends at seq " + head
                    + " but its head was anchored at seq " + anchoredSeq, anchors.get(anchoredSeq) + " at seq "
                    + anchoredSeq, head == 0 ? "no entries" : prevHash + " at seq " + head);
        }
        return new ChainResult(chain, checked, head, prevHash, anchoredSeq, Optional.ofNullable(broken));
    }

    private boolean fail(long seq, String problem, String expected, String found) {
        broken = new BrokenLink(chain, seq, problem, expected, found);
        return false;
    }
}
