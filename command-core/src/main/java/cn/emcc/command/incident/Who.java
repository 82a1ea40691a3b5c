package cn.emcc.command.incident;

import cn.emcc.command.serialization.CborSerializable;

/**
 * Who did something on an incident's timeline: an agency's system, a duty
 * officer, or emcc itself (a rule, a timer).
 */
public record Who(Kind kind, String id, String jurisdiction) implements CborSerializable {

    public enum Kind { AGENCY, OFFICER, SYSTEM }

    public static final Who SYSTEM = new Who(Kind.SYSTEM, "emcc", "");

    public static Who agency(String agency, String systemId) {
        return new Who(Kind.AGENCY, agency + "/" + systemId, "");
    }

    public static Who officer(String username, String jurisdiction) {
        return new Who(Kind.OFFICER, username, jurisdiction);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
