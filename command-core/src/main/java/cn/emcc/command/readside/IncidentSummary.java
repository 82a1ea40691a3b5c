package cn.emcc.command.readside;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.incident.Counts;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentStatus;

import java.time.Instant;
import java.util.List;

/**
 * One incident as the read side shows it in lists and on the map.
 *
 * @param casualties the counts of its reports combined as the incident combines them
 *                   ({@link Counts#combine}: callers add up, the other counts take the largest)
 */
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
        Counts casualties,
        List<WarningInForce> warnings,
        String mergedInto) {
}
