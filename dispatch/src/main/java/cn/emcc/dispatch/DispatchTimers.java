package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;

import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Order timers as data ({@code timers/dispatch-timers.csv}): per category and
 * grade, with a default row per grade ({@code *}) that any category
 * without its own row uses.
 */
public final class DispatchTimers {

    public static final String DEFAULT_RESOURCE = "timers/dispatch-timers.csv";
    static final String HEADER = "category,grade,ack_seconds,en_route_seconds,on_scene_slack_seconds";

    private final Map<Grade, OrderDeadlines> defaults;
    private final Map<IncidentCategory, Map<Grade, OrderDeadlines>> overrides;

    private DispatchTimers(Map<Grade, OrderDeadlines> defaults, Map<IncidentCategory, Map<Grade, OrderDeadlines>> overrides) {
        this.defaults = defaults;
        this.overrides = overrides;
    }

    public static DispatchTimers loadDefault() {
        return DataLines.fromClasspath(DEFAULT_RESOURCE, r -> parse(r, DEFAULT_RESOURCE));
    }

    /**
     * @throws IllegalArgumentException naming the source and listing every problem: unknown category or
     *                                  grade, a time that is not a whole number of seconds in 1..86400, a
     *                                  row twice, a grade without a default row
     */
    public static DispatchTimers parse(Reader reader, String source) {
        List<String> problems = new ArrayList<>();
        Map<Grade, OrderDeadlines> defaults = new EnumMap<>(Grade.class);
        Map<IncidentCategory, Map<Grade, OrderDeadlines>> overrides = new EnumMap<>(IncidentCategory.class);
        for (DataLines.Row row : DataLines.read(reader, HEADER, problems)) {
            String[] c = row.cells();
            int line = row.line();
            IncidentCategory category = c[0].equals("*") ? null : DataLines.category(c[0], line, problems);
            Grade grade = DataLines.grade(c[1], line, problems);
            Duration ack = seconds("ack_seconds", c[2], line, problems);
            Duration enRoute = seconds("en_route_seconds", c[3], line, problems);
            Duration slack = seconds("on_scene_slack_seconds", c[4], line, problems);
            if ((category == null && !c[0].equals("*")) || grade == null || ack == null || enRoute == null || slack == null) {
                continue;
            }
            Map<Grade, OrderDeadlines> target = category == null ? defaults
                    : overrides.computeIfAbsent(category, k -> new EnumMap<>(Grade.class));
            if (target.put(grade, new OrderDeadlines(ack, enRoute, slack)) != null) {
                problems.add("line " + line + ": timers for " + c[0] + " " + c[1] + " appear twice");
            }
        }
        for (Grade g : DataLines.GRADES) {
            if (!defaults.containsKey(g)) {
                problems.add("grade " + DataLines.shortName(g) + " has no default row (category *)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        Map<IncidentCategory, Map<Grade, OrderDeadlines>> frozen = new HashMap<>();
        overrides.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new DispatchTimers(Map.copyOf(defaults), Map.copyOf(frozen));
    }

    private static Duration seconds(String field, String value, int line, List<String> problems) {
        try {
            long s = Long.parseLong(value);
            if (s >= 1 && s <= 86_400) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("line " + line + ": " + field + " '" + value + "'; expected whole seconds in 1..86400");
        return null;
    }

    /** @throws IllegalArgumentException for GRADE_UNSPECIFIED or UNRECOGNIZED, which no incident should carry here */
    public OrderDeadlines deadlines(IncidentCategory category, Grade grade) {
        Map<Grade, OrderDeadlines> own = overrides.get(category);
        OrderDeadlines d = own == null ? null : own.get(grade);
        if (d == null) {
            d = defaults.get(grade);
        }
        if (d == null) {
            throw new IllegalArgumentException("grade " + grade + ": expected GRADE_I..GRADE_IV");
        }
        return d;
    }
}
