package cn.emcc.command.correlation;

import cn.emcc.command.incident.GeoPosition;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.IncidentCategory;

import java.time.Instant;

/** What correlation needs to know of an open incident: where, what, and when it was last reported. */
public record OpenIncidentSummary(String incidentId, IncidentCategory category, GeoPosition position,
                                  Instant lastReportedAt) implements CborSerializable {
}
