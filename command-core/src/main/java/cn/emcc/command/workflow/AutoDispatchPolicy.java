package cn.emcc.command.workflow;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which incidents emcc dispatches without an officer ({@code emcc.dispatch.auto},
 * {@code emcc/rules/auto-dispatch.conf}): categories, each with the grades it
 * applies to. Checked at load; every problem is reported.
 */
public final class AutoDispatchPolicy {

    private final Map<IncidentCategory, Set<Grade>> allowed;
    private final Duration within;

    private AutoDispatchPolicy(Map<IncidentCategory, Set<Grade>> allowed, Duration within) {
        this.allowed = allowed;
        this.within = within;
    }

    public static AutoDispatchPolicy fromConfig(Config root) {
        Config c = root.getConfig("emcc.dispatch.auto");
        Map<IncidentCategory, Set<Grade>> allowed = new EnumMap<>(IncidentCategory.class);
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (Config rule : c.getConfigList("rules")) {
            String category = rule.getString("category");
            IncidentCategory cat = null;
            try {
                cat = IncidentCategory.valueOf("INCIDENT_CATEGORY_" + category);
            } catch (IllegalArgumentException e) {
                problems.add("rules[" + i + "].category '" + category + "' is not an incident category");
            }
            Set<Grade> grades = EnumSet.noneOf(Grade.class);
            for (String g : rule.getStringList("grades")) {
                try {
                    Grade grade = Grade.valueOf("GRADE_" + g);
                    if (grade == Grade.GRADE_UNSPECIFIED) {
                        throw new IllegalArgumentException();
                    }
                    grades.add(grade);
                } catch (IllegalArgumentException e) {
                    problems.add("rules[" + i + "].grades '" + g + "' is not one of I, II, III, IV");
                }
            }
            if (cat != null) {
                allowed.computeIfAbsent(cat, k -> EnumSet.noneOf(Grade.class)).addAll(grades);
            }
            i++;
        }
        if (!problems.isEmpty()) {
            throw new ConfigException.BadValue(c.origin(), "rules", String.join("; ", problems));
        }
        return new AutoDispatchPolicy(allowed, c.getDuration("within"));
    }

    public boolean allows(IncidentCategory category, Grade grade) {
        return allowed.getOrDefault(category, Set.of()).contains(grade);
    }

    /** How old an incident event may be for emcc to act on it by itself. */
    public Duration within() {
        return within;
    }

    @Override
    public String toString() {
        return "auto-dispatch " + allowed;
    }
}
