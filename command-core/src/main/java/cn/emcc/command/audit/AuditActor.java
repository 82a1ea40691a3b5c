package cn.emcc.command.audit;

import cn.emcc.command.serialization.CborSerializable;

/**
 * Who did an audited action: an officer (username, role, the jurisdiction the
 * officer is bound to), an agency system (its credential name, its agency, its
 * jurisdiction), someone who did not identify at all, or emcc itself (chain anchors).
 */
public record AuditActor(Kind kind, String who, String role, String adcode) implements CborSerializable {

    public enum Kind { OFFICER, AGENCY, ANONYMOUS, SYSTEM }

    public AuditActor {
        who = who == null ? "" : who;
        role = role == null ? "" : role;
        adcode = adcode == null ? "" : adcode;
    }

    public static AuditActor officer(String username, String role, String adcode) {
        return new AuditActor(Kind.OFFICER, username, role, adcode);
    }

    public static AuditActor agency(String agencyId, String agency, String adcode) {
        return new AuditActor(Kind.AGENCY, agencyId, agency, adcode);
    }

    public static AuditActor anonymous() {
        return new AuditActor(Kind.ANONYMOUS, "anonymous", "", "");
    }

    /**
     * Someone who did not prove who they are, about something of {@code adcode}'s jurisdiction
     * (a refused login to an account there), so the entry is seen by that jurisdiction's readers.
     */
    public static AuditActor anonymous(String adcode) {
        return new AuditActor(Kind.ANONYMOUS, "anonymous", "", adcode);
    }

    public static AuditActor system() {
        return new AuditActor(Kind.SYSTEM, "emcc", "SYSTEM", "");
    }
}
