package cn.emcc.command.incident;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.Casualties;

/** People counts as reported: callers, injured, trapped, dead, missing. */
public record Counts(int callers, int injured, int trapped, int dead, int missing) implements CborSerializable {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    public static Counts of(Casualties c) {
        return new Counts(c.getCallers(), c.getInjured(), c.getTrapped(), c.getDead(), c.getMissing());
    }

    /**
     * Callers describe the same people, so reports of one incident are combined
     * by taking the largest figure of each count, not by adding them up.
     * Callers are the exception: each report is another caller.
     */
    public Counts combine(Counts other) {
        return new Counts(callers + other.callers,
                Math.max(injured, other.injured), Math.max(trapped, other.trapped),
                Math.max(dead, other.dead), Math.max(missing, other.missing));
    }

    public Casualties toProto() {
        return Casualties.newBuilder().setCallers(callers).setInjured(injured).setTrapped(trapped)
                .setDead(dead).setMissing(missing).build();
    }
}
