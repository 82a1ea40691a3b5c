package cn.emcc.command.audit;

import cn.emcc.command.serialization.CborSerializable;
import java.time.Instant;

/**
 * One action to audit, as its recorder sees it, before it has a place in a
 * chain: who, what ({@code action}), on what ({@code target}), from where,
 * how it ended ({@code outcome} and a {@code code}: an HTTP status or a
 * gateway reply code), and when.
 */
public record AuditRecord(AuditActor actor, String action, String target, String from, Outcome outcome, String code,
                          Instant at) implements CborSerializable {
    public AuditRecord {
        target = target == null ? "" : target;
        from = from == null ? "" : from;
        code = code == null ? "" : code;
    }
}
