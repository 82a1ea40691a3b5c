package cn.emcc.command.incident;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Phrase;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.Tier;

import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of one incident as callers see it (never the entity's own state).
 *
 * @param gradeReasonPhrase the grade reason as a phrase for the console; null when an officer wrote it
 */
public record IncidentDetails(
        String incidentId,
        IncidentStatus status,
        Grade grade,
        String gradeReason,
        boolean gradeOverridden,
        Tier leadTier,
        IncidentCategory category,
        GeoPosition position,
        String address,
        String countyAdcode,
        String cityAdcode,
        Instant openedAt,
        Instant updatedAt,
        Counts counts,
        boolean hazardousMaterials,
        List<Report> reports,
        List<WarningInForce> warnings,
        String mergedInto,
        List<TimelineEntry> timeline,
        Phrase gradeReasonPhrase) implements CborSerializable {
}
