package cn.emcc.command.grading;

import cn.emcc.command.incident.Categories;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.WarningColour;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The grading rules as data (emcc/rules/grading.conf) and the grader that
 * applies them: the most severe grade of any matching rule, IV when none does.
 */
public final class GradingRules {

    private final List<GradingRule> rules;

    public GradingRules(List<GradingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public GradeDecision grade(GradingFacts facts) {
        GradingRule best = null;
        for (GradingRule r : rules) {
            // Grade numbers run I=1 … IV=4: a smaller number is more severe.
            if (r.matches(facts) && (best == null || r.grade().getNumber() < best.grade().getNumber())) {
                best = r;
            }
        }
        return best == null
                ? GradeDecision.byDefault()
                : GradeDecision.byRule(best);
    }

    public List<GradingRule> rules() {
        return rules;
    }

    /** Reads {@code emcc.grading.rules}; a wrong entry fails start naming the entry and field. */
    public static GradingRules fromConfig(Config root) {
        List<GradingRule> rules = new ArrayList<>();
        for (Config r : root.getConfigList("emcc.grading.rules")) {
            Set<IncidentCategory> cats = EnumSet.noneOf(IncidentCategory.class);
            if (r.hasPath("categories")) {
                for (String c : r.getStringList("categories")) {
                    cats.add(parse(r, "categories", () -> Categories.fromCode(c)));
                }
            }
            Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
            WarningColour minColour = null;
            if (r.hasPath("warning")) {
                Config w = r.getConfig("warning");
                for (String h : w.getStringList("hazards")) {
                    hazards.add(parse(w, "hazards", () -> Hazard.valueOf("HAZARD_" + h)));
                }
                minColour = parse(w, "min-colour", () -> WarningColour.valueOf("WARNING_COLOUR_" + w.getString("min-colour")));
            }
            rules.add(new GradingRule(r.getString("name"),
                    parse(r, "grade", () -> Grade.valueOf("GRADE_" + r.getString("grade"))),
                    cats, optInt(r, "min-dead"), optInt(r, "min-injured"), optInt(r, "min-trapped"),
                    optInt(r, "min-missing"),
                    r.hasPath("hazardous-materials") ? r.getBoolean("hazardous-materials") : null,
                    hazards, minColour));
        }
        return new GradingRules(rules);
    }

    private static Integer optInt(Config c, String path) {
        return c.hasPath(path) ? c.getInt(path) : null;
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(Config c, String path, Parse<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), path, "not a known value: " + e.getMessage());
        }
    }
}
