package cn.emcc.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The chain rules on entries in memory: what an intact chain is, and each kind of break found where it is. */
class ChainVerifierTest {

    private static final String CHAIN = "officer.370100.2026-11-29";

    private static List<AuditEntry> chain(int length, HashAlgorithm alg) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = HashAlgorithm.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditRecord r = new AuditRecord(AuditActor.officer("officer" + seq, "DUTY_OFFICER", "370102"),
                    "http POST /v1/incidents/{}/status", "INC-" + seq, "127.0.0.1", Outcome.ALLOWED, "200",
                    Instant.parse("2026-11-29T03:00:00Z").plusSeconds(seq));
            AuditEntry e = AuditEntry.link(CHAIN, seq, r, alg, prev);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    private static ChainVerifier.ChainResult verify(List<AuditEntry> entries, TreeMap<Long, String> anchors) {
        ChainVerifier v = new ChainVerifier(CHAIN, anchors);
        for (AuditEntry e : entries) {
            if (!v.accept(e.seq(), e)) {
                break;
            }
        }
        return v.finish();
    }

    private static AuditEntry withTarget(AuditEntry e, String target) {
        return new AuditEntry(e.chain(), e.seq(), e.at(), e.actorKind(), e.who(), e.role(), e.adcode(), e.action(),
                target, e.from(), e.outcome(), e.code(), e.alg(), e.prevHash(), e.hash());
    }

    @Test
    void an_untouched_chain_verifies_with_either_digest_and_the_digests_differ() {
        List<AuditEntry> sha = chain(5, HashAlgorithm.SHA256);
        List<AuditEntry> sm3 = chain(5, HashAlgorithm.SM3);

        assertThat(verify(sha, new TreeMap<>()).broken()).isEmpty();
        assertThat(verify(sm3, new TreeMap<>()).broken()).isEmpty();
        assertThat(verify(sm3, new TreeMap<>()).entries()).isEqualTo(5);
        assertThat(sm3.get(4).hash()).hasSize(64).isNotEqualTo(sha.get(4).hash());
    }

    @Test
    void a_changed_field_breaks_the_entry_it_is_in() {
        List<AuditEntry> entries = chain(5, HashAlgorithm.SHA256);
        AuditEntry original = entries.get(2);
        entries.set(2, withTarget(original, "INC-other"));

        ChainVerifier.BrokenLink broken = verify(entries, new TreeMap<>()).broken().orElseThrow();

        assertThat(broken.seq()).isEqualTo(3);
        assertThat(broken.problem()).contains("changed");
        assertThat(broken.found()).isEqualTo(original.hash());
        assertThat(broken.expected()).isEqualTo(entries.get(2).computeHash()).isNotEqualTo(original.hash());
    }

    @Test
    void a_changed_entry_whose_hash_was_recomputed_breaks_the_link_after_it() {
        List<AuditEntry> entries = chain(5, HashAlgorithm.SHA256);
        AuditEntry forged = AuditEntry.link(CHAIN, 3, new AuditRecord(AuditActor.anonymous(), "forged", "", "", Outcome.ALLOWED,
                "200", entries.get(2).at()), HashAlgorithm.SHA256, entries.get(1).hash());
        entries.set(2, forged);

        ChainVerifier.BrokenLink broken = verify(entries, new TreeMap<>()).broken().orElseThrow();

        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.expected()).isEqualTo(forged.hash());
        assertThat(broken.found()).isEqualTo(entries.get(3).prevHash());
    }

    @Test
    void a_removed_entry_is_reported_at_its_sequence_number() {
        List<AuditEntry> entries = chain(5, HashAlgorithm.SHA256);
        entries.remove(1);

        ChainVerifier.BrokenLink broken = verify(entries, new TreeMap<>()).broken().orElseThrow();

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.problem()).contains("missing");
    }

    @Test
    void a_tail_removed_after_its_head_was_anchored_is_reported_and_one_not_anchored_is_not() {
        List<AuditEntry> entries = chain(5, HashAlgorithm.SHA256);
        TreeMap<Long, String> anchors = new TreeMap<>();
        anchors.put(4L, entries.get(3).hash());

        ChainVerifier.ChainResult lostAnchored = verify(entries.subList(0, 3), anchors);
        ChainVerifier.ChainResult lostUnanchored = verify(entries.subList(0, 4), anchors);

        assertThat(lostAnchored.broken().map(ChainVerifier.BrokenLink::seq)).isEqualTo(Optional.of(4L));
        assertThat(lostAnchored.broken().orElseThrow().problem()).contains("tail missing");
        assertThat(lostUnanchored.broken()).isEmpty();
    }
}
