package cn.emcc.command.reporting;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.ReportKind;
import com.typesafe.config.Config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a county's reports about an incident are due ({@code emcc.report-deadlines},
 * see emcc/rules/report-deadlines.conf): 首报 after verification, 续报 after the
 * last report while open, 终报 after closing. Plain rules, no clock of their own.
 */
public final class ReportDeadlineRules {

    /** One line of the data. */
    public record Rule(ReportKind report, Set<Grade> grades, Duration within) {
    }

    /** A report owed and its deadline. */
    public record Due(ReportKind report, Instant dueAt) {
    }

    private final List<Rule> rules;

    public ReportDeadlineRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ReportDeadlineRules fromConfig(Config root) {
        List<Rule> rules = new ArrayList<>();
        for (Config r : root.getConfigList("emcc.report-deadlines.rules")) {
            ReportKind kind = parse(r, "report", "REPORT_KIND_", ReportKind.class);
            Set<Grade> grades = EnumSet.noneOf(Grade.class);
            for (String g : r.getStringList("grades")) {
                grades.add(parseValue(g, "grades", "GRADE_", Grade.class));
            }
            rules.add(new Rule(kind, grades, r.getDuration("within")));
        }
        return new ReportDeadlineRules(rules);
    }

    private static <E extends Enum<E>> E parse(Config r, String field, String prefix, Class<E> type) {
        return parseValue(r.getString(field), field, prefix, type);
    }

    private static <E extends Enum<E>> E parseValue(String value, String field, String prefix, Class<E> type) {
        try {
            return Enum.valueOf(type, prefix + value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("emcc.report-deadlines: " + field + " '" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .filter(n -> n.startsWith(prefix) && !n.endsWith("UNSPECIFIED"))
                    .map(n -> n.substring(prefix.length())).toList(), e);
        }
    }

    /**
     * The reports owed now, with their deadlines.
     *
     * @param verifiedAt when the incident was verified; null if it never was
     * @param closedAt   when it was closed; null while it is open
     * @param filed      the time each kind of report was last filed
     */
    public List<Due> due(Grade grade, Instant verifiedAt, Instant closedAt, Map<ReportKind, Instant> filed) {
        List<Due> due = new ArrayList<>();
        Instant initial = filed.get(ReportKind.REPORT_KIND_INITIAL);
        if (verifiedAt != null && initial == null) {
            within(ReportKind.REPORT_KIND_INITIAL, grade).ifPresent(w -> due.add(new Due(ReportKind.REPORT_KIND_INITIAL,
                    verifiedAt.plus(w))));
        }
        if (closedAt == null && initial != null) {
            Instant last = latest(initial, filed.get(ReportKind.REPORT_KIND_FOLLOW_UP));
            within(ReportKind.REPORT_KIND_FOLLOW_UP, grade).ifPresent(w -> due.add(
                    new Due(ReportKind.REPORT_KIND_FOLLOW_UP, last.plus(w))));
        }
        if (closedAt != null && !filed.containsKey(ReportKind.REPORT_KIND_FINAL)) {
            within(ReportKind.REPORT_KIND_FINAL, grade).ifPresent(w -> due.add(new Due(ReportKind.REPORT_KIND_FINAL,
                    closedAt.plus(w))));
        }
        return due;
    }

    private Optional<Duration> within(ReportKind kind, Grade grade) {
        return rules.stream().filter(r -> r.report() == kind && r.grades().contains(grade)).map(Rule::within).findFirst();
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
