package cn.emcc.command.readside;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentStatus;

import java.time.Instant;
import java.util.List;

/** One incident as the read side shows it in lists and on the map. */
public record IncidentSummary(
        String incidentId,
        IncidentStatus status,
        Grade grade,
        IncidentCategory category,
        double longitude,
        double latitude,
        String address,
        String countyAdcode,
        String cityAdcode,
        Instant openedAt,
        Instant updatedAt,
        int reportCount,
        List<WarningInForce> warnings,
        String mergedInto) {
}
