package cn.emcc.command.escalation;

import cn.emcc.command.incident.Who;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** What officers and node systems ask of the escalation desks. */
public final class EscalationCommands {

    private final ClusterSharding sharding;
    private final Duration askTimeout;

    public EscalationCommands(ClusterSharding sharding, Duration askTimeout) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    /** Acknowledges the notice about {@code incidentId} at {@code nodeAdcode}; revision 0 means the current one. */
    public CompletionStage<EscalationDesk.Notice> acknowledge(String nodeAdcode, String incidentId, int revision, Who by) {
        return sharding.entityRefFor(EscalationDesk.ENTITY_TYPE_KEY, nodeAdcode)
                .askWithStatus(replyTo -> new EscalationDesk.AcknowledgeNotice(incidentId, revision, by, replyTo),
                        askTimeout);
    }

    public CompletionStage<List<EscalationDesk.Notice>> notices(String nodeAdcode) {
        return sharding.entityRefFor(EscalationDesk.ENTITY_TYPE_KEY, nodeAdcode)
                .ask(EscalationDesk.GetNotices::new, askTimeout);
    }
}
