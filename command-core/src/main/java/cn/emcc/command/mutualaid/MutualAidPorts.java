package cn.emcc.command.mutualaid;

import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import org.apache.pekko.Done;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** What a {@link MutualAidActor} asks of the rest of the node: the incident's dispatch and timeline. */
public interface MutualAidPorts {

    /** The orders placed for committed units, and the units the dispatch could not order (with why). */
    record Placed(List<String> orderIds, List<String> refused) {
    }

    /** Orders the committed units on the incident (flagged mutual aid); asking again orders nothing twice. */
    CompletionStage<Placed> order(MutualAidView request, Who approvedBy);

    /** Stands the released units down on the incident (release orders to their agencies); idempotent. */
    CompletionStage<Done> standDown(MutualAidView request, String why);

    CompletionStage<Done> recordOnIncident(String incidentId, List<TimelineEntry> entries);
}
