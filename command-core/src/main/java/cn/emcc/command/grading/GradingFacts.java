package cn.emcc.command.grading;

import cn.emcc.command.incident.Counts;
import cn.emcc.protocols.v1.IncidentCategory;

import java.util.List;

/** What grading looks at: category, combined counts, hazardous materials, warnings in force. */
public record GradingFacts(IncidentCategory category, Counts counts, boolean hazardousMaterials,
                           List<WarningInForce> warnings) {
    public GradingFacts {
        warnings = List.copyOf(warnings);
    }
}
