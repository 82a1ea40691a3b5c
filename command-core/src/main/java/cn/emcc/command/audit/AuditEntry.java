package cn.emcc.command.audit;

import cn.emcc.command.serialization.CborSerializable;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One stored entry of an audit chain: the record, its place ({@code chain},
 * {@code seq} from 1), the hash of the entry before it ({@link HashAlgorithm#GENESIS}
 * for the first) and its own hash over {@link #canonical()}. Changing any field, or
 * the order or membership of entries, breaks the hash or the link after it.
 */
public record AuditEntry(String chain, long seq, Instant at, AuditActor.Kind actorKind, String who, String role,
                         String adcode, String action, String target, String from, Outcome outcome, String code,
                         String alg, String prevHash, String hash) implements CborSerializable {

    /** Version tag of the canonical encoding; a new encoding gets a new tag, old entries keep theirs. */
    static final String ENCODING = "emcc-audit/1";

    /** The entry that follows {@code prevHash} at {@code seq} of {@code chain}, hashed with {@code alg}. */
    public static AuditEntry link(String chain, long seq, AuditRecord r, HashAlgorithm alg, String prevHash) {
        AuditEntry unhashed = new AuditEntry(chain, seq, r.at(), r.actor().kind(), r.actor().who(), r.actor().role(),
                r.actor().adcode(), r.action(), r.target(), r.from(), r.outcome(), r.code(), alg.configValue(),
                prevHash, "");
        return unhashed.withHash(unhashed.computeHash());
    }

    private AuditEntry withHash(String h) {
        return new AuditEntry(chain, seq, at, actorKind, who, role, adcode, action, target, from, outcome, code, alg,
                prevHash, h);
    }

    /** The hash this entry's fields give now (equal to {@link #hash} unless the entry was changed). */
    public String computeHash() {
        return HashAlgorithm.parse(alg).hex(canonical());
    }

    /**
     * Every field but the hash, each as a 4-byte big-endian length and its UTF-8
     * bytes, in a fixed order: unambiguous (no separator a value could contain)
     * and independent of how the journal serializes the entry.
     */
    public byte[] canonical() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : new String[] {ENCODING, alg, chain, Long.toString(seq), at.toString(),
                    actorKind.name(), who, role, adcode, action, target, from, outcome.name(), code, prevHash}) {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }
}
