package cn.emcc.command.workflow;

import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.serialization.CborSerializable;

import java.util.List;

/** The dispatch of one incident as callers see it: the proposal, the orders and the dispatch timeline. */
public record DispatchView(String incidentId, IncidentFacts facts, Proposal proposal, List<Order> orders,
                           List<TimelineEntry> timeline) implements CborSerializable {
}
