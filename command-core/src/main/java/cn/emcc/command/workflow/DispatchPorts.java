package cn.emcc.command.workflow;

import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.dispatch.Capability;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.UnitStatus;
import org.apache.pekko.Done;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** What a {@link DispatchActor} asks of the rest of the node: units, agencies, its incident. */
public interface DispatchPorts {

    /**
     * The candidates for the next-best unit with {@code capability}, best first (proposed, then alternates);
     * none is committed yet.
     */
    CompletionStage<List<ProposedUnit>> candidates(IncidentFacts facts, Capability capability,
                                                   Set<String> excludedUnitIds);

    /**
     * Commits the order's unit to it (idempotent for the same order). Empty when committed; the unit's reason
     * when it refuses (busy, out of service, unknown); fails when the unit did not answer.
     */
    CompletionStage<Optional<String>> commit(String incidentId, Order order, Who by);

    /** Pushes the order to the agency's connected systems (again, with the same envelope, if it was before). */
    void deliver(IncidentFacts facts, Order order);

    /** Pushes the release order of a recalled order (again, with the same envelope, if it was before). */
    void deliverRelease(IncidentFacts facts, Order order);

    /** The order needs no more delivery. */
    void settle(String orderId);

    CompletionStage<Done> releaseUnit(String unitId, String orderId, Who by, String why);

    CompletionStage<Done> unitStatus(String unitId, UnitStatus status, String orderId, Who by);

    /** Copies dispatch steps onto the incident's own timeline and moves it forward to {@code advanceTo}. */
    CompletionStage<Done> recordOnIncident(String incidentId, List<TimelineEntry> entries, IncidentStatus advanceTo);
}
