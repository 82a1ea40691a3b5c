package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Casualties;

/** Casualty counts shared by 110 and 119 reports: unsigned, and below any count a report could carry. */
final class CasualtiesChecks {

    /** Well above any real incident; a larger number is a sign-flipped or garbage value. */
    private static final long MAX_COUNT = 100_000;

    private CasualtiesChecks() {
    }

    static void check(NumberChecks numbers, Violations v, String path, Casualties c) {
        numbers.unsignedAtMost(v, Violations.path(path, "callers"), c.getCallers(), MAX_COUNT);
        numbers.unsignedAtMost(v, Violations.path(path, "injured"), c.getInjured(), MAX_COUNT);
        numbers.unsignedAtMost(v, Violations.path(path, "trapped"), c.getTrapped(), MAX_COUNT);
        numbers.unsignedAtMost(v, Violations.path(path, "dead"), c.getDead(), MAX_COUNT);
        numbers.unsignedAtMost(v, Violations.path(path, "missing"), c.getMissing(), MAX_COUNT);
    }
}
