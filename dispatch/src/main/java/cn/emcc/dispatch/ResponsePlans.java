package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;

import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All response plans, loaded from data ({@code plans/response-plans.csv} by
 * default) and checked at load: every problem in the file is reported at
 * once, with its line, so a bad plan stops start-up instead of a dispatch.
 */
public final class ResponsePlans {

    public static final String DEFAULT_RESOURCE = "plans/response-plans.csv";
    static final String HEADER = "category,grade,requirements";

    private final Map<IncidentCategory, Map<Grade, ResponsePlan>> plans;

    private ResponsePlans(Map<IncidentCategory, Map<Grade, ResponsePlan>> plans) {
        this.plans = plans;
    }

    public static ResponsePlans loadDefault() {
        return DataLines.fromClasspath(DEFAULT_RESOURCE, r -> parse(r, DEFAULT_RESOURCE));
    }

    /**
     * @throws IllegalArgumentException naming the source and listing every problem: unknown category,
     *                                  grade or capability, a count that is not 1..100, a plan twice, a
     *                                  capability twice in one plan, a category without all four grades
     */
    public static ResponsePlans parse(Reader reader, String source) {
        List<String> problems = new ArrayList<>();
        Map<IncidentCategory, Map<Grade, ResponsePlan>> plans = new EnumMap<>(IncidentCategory.class);
        for (DataLines.Row row : DataLines.read(reader, HEADER, problems)) {
            int line = row.line();
            IncidentCategory category = DataLines.category(row.cells()[0], line, problems);
            Grade grade = DataLines.grade(row.cells()[1], line, problems);
            List<PlanRequirement> requirements = requirements(row.cells()[2], line, problems);
            if (category == null || grade == null || requirements == null) {
                continue;
            }
            try {
                ResponsePlan plan = new ResponsePlan(category, grade, requirements);
                if (plans.computeIfAbsent(category, c -> new EnumMap<>(Grade.class)).put(grade, plan) != null) {
                    problems.add("line " + line + ": plan " + row.cells()[0] + " " + row.cells()[1] + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + line + ": " + e.getMessage());
            }
        }
        plans.forEach((category, byGrade) -> {
            for (Grade g : DataLines.GRADES) {
                if (!byGrade.containsKey(g)) {
                    problems.add("category " + DataLines.shortName(category) + " has no plan for grade "
                            + DataLines.shortName(g) + "; expected all of I, II, III, IV");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        plans.replaceAll((c, m) -> Map.copyOf(m));
        return new ResponsePlans(plans);
    }

    private static List<PlanRequirement> requirements(String cell, int line, List<String> problems) {
        List<PlanRequirement> out = new ArrayList<>();
        boolean ok = true;
        for (String item : cell.split("\\s+")) {
            String[] parts = item.split(":");
            if (parts.length != 2) {
                problems.add("line " + line + ": requirement '" + item + "'; expected CAPABILITY:count");
                ok = false;
                continue;
            }
            Capability capability;
            try {
                capability = Capability.valueOf(parts[0]);
            } catch (IllegalArgumentException e) {
                problems.add("line " + line + ": unknown capability '" + parts[0] + "'; expected one of "
                        + List.of(Capability.values()));
                ok = false;
                continue;
            }
            int count;
            try {
                count = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > 100) {
                problems.add("line " + line + ": count of " + parts[0] + " is '" + parts[1] + "'; expected 1..100");
                ok = false;
                continue;
            }
            out.add(new PlanRequirement(capability, count));
        }
        return ok ? out : null;
    }

    public Optional<ResponsePlan> plan(IncidentCategory category, Grade grade) {
        Map<Grade, ResponsePlan> byGrade = plans.get(category);
        return Optional.ofNullable(byGrade == null ? null : byGrade.get(grade));
    }

    public Set<IncidentCategory> categories() {
        return plans.keySet();
    }

    public List<ResponsePlan> all() {
        List<ResponsePlan> out = new ArrayList<>();
        plans.values().forEach(byGrade -> DataLines.GRADES.forEach(g -> out.add(byGrade.get(g))));
        return List.copyOf(out);
    }
}
