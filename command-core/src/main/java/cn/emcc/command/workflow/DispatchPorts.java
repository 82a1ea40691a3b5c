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
import java.util.function.Function;

/** What a {@link DispatchActor} asks of the rest of the node: units, agencies, its incident. */
public interface DispatchPorts {

    /**
     * The next-best available unit for {@code capability}, already committed to the new order
     * ({@code orderIdFor} unit id → order id); empty when no unit can be found.
     */
    CompletionStage<Optional<Order>> replacement(IncidentFacts facts, Capability capability, Set<String> excludedUnitIds,
                                                 Function<String, String> orderIdFor, Who by);

    /** Pushes the order to the agency's connected systems (again, with the same envelope, if it was before). */
    void deliver(IncidentFacts facts, Order order);

    /** The order needs no more delivery. */
    void settle(String orderId);

    CompletionStage<Done> releaseUnit(String unitId, String orderId, Who by, String why);

    CompletionStage<Done> unitStatus(String unitId, UnitStatus status, String orderId, Who by);

    /** Copies dispatch steps onto the incident's own timeline and moves it forward to {@code advanceTo}. */
    CompletionStage<Done> recordOnIncident(String incidentId, List<TimelineEntry> entries, IncidentStatus advanceTo);
}
